// Package xxhash computes the xxHash digests behind S3's XXHASH64, XXHASH3
// and XXHASH128 checksums: XXH64, XXH3-64 and XXH3-128 (with the default
// secret), each with seed 0 or a given seed.
//
// The code is written from the xxHash specification, doc/xxhash_spec.md in
// github.com/Cyan4973/xxHash, in plain Go with no assembly; it depends on
// the standard library only. Every input length class of the specification
// has its own path: XXH64's 32-byte stripes, and XXH3's empty, 1-3, 4-8,
// 9-16, 17-128 and 129-240 byte cases and its long-input loop of 64-byte
// stripes in 1 KiB blocks. That loop runs a whole block fully unrolled, in
// two passes of four lanes (lanes 0-3 only ever touch accumulators 0-3),
// so that the accumulators stay in registers and every offset is a
// constant; the streaming Digests buffer one block and consume whole
// blocks only, so streamed input takes the same path.
//
// # API
//
// [Sum64], [Sum3] and [Sum128] hash a byte slice in one call;
// [Sum64Seed], [Sum3Seed] and [Sum128Seed] take a seed. [Digest64]
// and [Digest3] are streaming [hash.Hash64]s, [Digest128] a streaming
// [hash.Hash]; Write accepts pieces of any size and the digest equals the
// one-shot digest of the concatenation. Sum appends the canonical form of
// the digest, which the specification defines as big-endian; for XXH3-128
// that is the high 64 bits then the low 64 bits ([Uint128.Bytes]).
//
// # S3 encoding
//
// An x-amz-checksum-xxhash64, -xxhash3 or -xxhash128 header (and the
// ChecksumXXHASH64/3/128 members of S3's XML) carries the base64 (standard
// alphabet, padded) of the canonical digest with seed 0, exactly as
// x-amz-checksum-crc32 and -sha256 carry theirs:
//
//	base64.StdEncoding.EncodeToString(xxhash.New3().Sum(nil))
//
// The S3 API reference describes each as "the Base64 encoded, 64-bit
// XXHASH64 checksum of the object" (64-bit XXHASH3, 128-bit XXHASH128), for
// example in PutObject:
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
// (the same text is in the botocore model this repository generates from,
// internal/codegen/models/s3). It names neither the byte order nor a seed.
// Those come from AWS's own implementation and from S3's behaviour: the AWS
// Common Runtime's checksum library (which the AWS SDK for Java 2.x
// requires for these algorithms, https://github.com/aws/aws-sdk-java-v2/pull/6744)
// writes the XXH64 and XXH3-64 digests big-endian and the
// XXH3-128 digest as high64 then low64, both big-endian
// (https://github.com/awslabs/aws-checksums, source/xxhash.c; its
// tests/xxhash_test.c checks "Hello world" with seed 0), and the PutObject
// example in https://github.com/aws/aws-sdk-go-v2/issues/3404 sends
// x-amz-checksum-xxhash64: RatnNLIeaWg= for the body "hello world", which
// is base64 of the big-endian XXH64 with seed 0. The package's tests check
// both (testdata/vectors.txt, group D).
//
// # Multipart uploads
//
// S3 added MD5, SHA512, XXHASH64, XXHASH3 and XXHASH128 in April 2026
// (https://aws.amazon.com/about-aws/whats-new/2026/04/s3-five-additional-checksum-algorithms/,
// as cited in https://github.com/aws/aws-sdk-go-v2/issues/3404). The API
// takes them wherever it takes the older five: ChecksumAlgorithm on
// CreateMultipartUpload, a checksum per UploadPart, the parts' and the
// object's checksums in CompleteMultipartUpload, next to a ChecksumType of
// COMPOSITE or FULL_OBJECT; S3 Batch Operations' compute-checksum job lists
// all ten algorithms and both types
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_S3ComputeObjectChecksumOperation.html).
// What S3 does not document, in any page found while writing this package,
// is how the xxHash algorithms behave in a multipart upload: the user
// guide's list of algorithms and its table of which algorithm allows which
// checksum type
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity-upload.html)
// still cover CRC64NVME, CRC32, CRC32C, SHA1 and SHA256 only. For SHA-1
// and SHA-256 a COMPOSITE value is the digest of the concatenated binary
// part digests followed by "-<part count>"; that S3 does the same for the
// xxHash algorithms, or accepts FULL_OBJECT for them, is unverified. Unlike
// a CRC, an xxHash digest cannot be combined from the digests of the parts,
// so a FULL_OBJECT value needs the whole object streamed, in order, through
// one Digest.
//
// # Performance
//
// On the 2-core AMD EPYC this was written on (shared with other work),
// `go test -run '^$' -bench . -count 3 ./internal/xxhash/` measured, in
// GB per second of CPU time for 64 KiB and 8 MiB inputs written in one
// piece: XXH3-64 and XXH3-128 about 15, XXH64 about 9.2, crypto/sha256 1.8
// and hash/crc32 (IEEE, with its PCLMULQDQ kernel) 32. XXH64 does two
// multiplications per 8 input bytes and runs at the multiplier's
// throughput; XXH3 does one, and its block loop reaches about 80% of that
// bound. XXH3 written in 1000-byte pieces runs at about 11.5; inputs of
// 100 bytes take 25-35 ns.
//
// # Contracts
//
// The one-shot functions are safe for concurrent use. The zero value of
// each Digest type is ready to use and hashes with seed 0; a Digest is not
// safe for concurrent use, distinct Digests are. Write never fails, and
// neither Write nor Sum allocates (Sum appends to its argument, which
// allocates only when that lacks the capacity). The package holds no bodies
// and closes nothing.
package xxhash
