package faultserver

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strings"

	"github.com/goto3/goto3/internal/xxhash"
)

// checksumAlgorithms are S3's checksum algorithms, in the order of its
// model (and of the Checksum* members of its XML).
var checksumAlgorithms = []string{"CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128"}

// checksumHeaders maps S3's checksum algorithm names to their header.
var checksumHeaders = map[string]string{
	"CRC32":     "x-amz-checksum-crc32",
	"CRC32C":    "x-amz-checksum-crc32c",
	"CRC64NVME": "x-amz-checksum-crc64nvme",
	"SHA1":      "x-amz-checksum-sha1",
	"SHA256":    "x-amz-checksum-sha256",
	"SHA512":    "x-amz-checksum-sha512",
	"MD5":       "x-amz-checksum-md5",
	"XXHASH64":  "x-amz-checksum-xxhash64",
	"XXHASH3":   "x-amz-checksum-xxhash3",
	"XXHASH128": "x-amz-checksum-xxhash128",
}

var (
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
	// CRC-64/NVME: reflected polynomial 0x9a6c9329ac4bc9b5, init and xorout
	// all ones (hash/crc64 does both).
	nvme = crc64.MakeTable(0x9a6c9329ac4bc9b5)
)

// newChecksum returns the hash of an S3 checksum algorithm, or nil. Its
// Sum is the value S3 carries in base64: the CRCs and the xxHash digests
// (seed 0) big-endian, XXH3-128 as its high then low 64 bits; SHA-1,
// SHA-256, SHA-512 and MD5 their standard digests. An MD5 checksum
// (x-amz-checksum-md5) is a flexible checksum like the others, apart from
// Content-MD5 and the ETag.
func newChecksum(alg string) hash.Hash {
	switch strings.ToUpper(alg) {
	case "CRC32":
		return crc32.NewIEEE()
	case "CRC32C":
		return crc32.New(castagnoli)
	case "CRC64NVME":
		return crc64.New(nvme)
	case "SHA1":
		return sha1.New()
	case "SHA256":
		return sha256.New()
	case "SHA512":
		return sha512.New()
	case "MD5":
		return md5.New()
	case "XXHASH64":
		return xxhash.New64()
	case "XXHASH3":
		return xxhash.New3()
	case "XXHASH128":
		return xxhash.New128()
	}
	return nil
}

// fullObjectCapable reports whether a multipart upload of alg may have a
// FULL_OBJECT checksum: only the CRCs, which S3 combines from the part
// checksums. S3's user guide: full object checksums in multipart uploads
// are only available for the CRC-based algorithms; SHA and MD5 (and the
// xxHash algorithms, of which it says nothing more) are COMPOSITE.
func fullObjectCapable(alg string) bool {
	return alg == "CRC32" || alg == "CRC32C" || alg == "CRC64NVME"
}

// algFromHeader returns the algorithm of a checksum header name, or "".
func algFromHeader(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	for alg, h := range checksumHeaders {
		if h == name {
			return alg
		}
	}
	return ""
}

// requestChecksum returns the algorithm whose value a request announces: a
// checksum header (value given), or a trailer named by X-Amz-Trailer (value
// arrives after the body), or "" for none. More than one is an error
// (InvalidRequest) as on S3.
func requestChecksum(h http.Header) (alg, value string, trailer bool, e *s3Error) {
	for _, a := range checksumAlgorithms {
		if v := h.Get(checksumHeaders[a]); v != "" {
			if alg != "" {
				return "", "", false, &s3Error{Status: 400, Code: "InvalidRequest", Message: "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."}
			}
			alg, value = a, v
		}
	}
	if t := h.Get("X-Amz-Trailer"); t != "" {
		a := algFromHeader(t)
		if a == "" {
			return "", "", false, errInvalidArgument("The value specified in the x-amz-trailer header is not supported")
		}
		if alg != "" {
			return "", "", false, &s3Error{Status: 400, Code: "InvalidRequest", Message: "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."}
		}
		return a, "", true, nil
	}
	return alg, value, false, nil
}

// checksums holds one checksum value per algorithm, for the XML of S3's
// answers (CompleteMultipartUploadResult, ...) and parts of requests
// (CompleteMultipartUpload's Part).
type checksums struct {
	ChecksumCRC32     string `xml:",omitempty"`
	ChecksumCRC32C    string `xml:",omitempty"`
	ChecksumCRC64NVME string `xml:",omitempty"`
	ChecksumSHA1      string `xml:",omitempty"`
	ChecksumSHA256    string `xml:",omitempty"`
	ChecksumSHA512    string `xml:",omitempty"`
	ChecksumMD5       string `xml:",omitempty"`
	ChecksumXXHASH64  string `xml:",omitempty"`
	ChecksumXXHASH3   string `xml:",omitempty"`
	ChecksumXXHASH128 string `xml:",omitempty"`
}

// field returns the member of alg, or nil.
func (c *checksums) field(alg string) *string {
	switch alg {
	case "CRC32":
		return &c.ChecksumCRC32
	case "CRC32C":
		return &c.ChecksumCRC32C
	case "CRC64NVME":
		return &c.ChecksumCRC64NVME
	case "SHA1":
		return &c.ChecksumSHA1
	case "SHA256":
		return &c.ChecksumSHA256
	case "SHA512":
		return &c.ChecksumSHA512
	case "MD5":
		return &c.ChecksumMD5
	case "XXHASH64":
		return &c.ChecksumXXHASH64
	case "XXHASH3":
		return &c.ChecksumXXHASH3
	case "XXHASH128":
		return &c.ChecksumXXHASH128
	}
	return nil
}

// get returns the value of alg, or "".
func (c *checksums) get(alg string) string {
	if f := c.field(alg); f != nil {
		return *f
	}
	return ""
}

// set sets the value of alg.
func (c *checksums) set(alg, v string) {
	if f := c.field(alg); f != nil {
		*f = v
	}
}
