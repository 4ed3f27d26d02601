package transfer

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"strconv"
	"strings"
	"sync"

	"github.com/goto3/goto3/internal/xxhash"
	"github.com/goto3/goto3/services/s3"
)

// Reversed polynomials of the CRCs S3 offers.
const (
	polyCRC32     = 0xedb88320
	polyCRC32C    = 0x82f63b78
	polyCRC64NVME = 0x9a6c9329ac4bc9b5
)

// Made on first use, not at package init (crc64's slicing tables are
// 16 KiB and a fraction of a millisecond every program would pay).
var (
	tableCRC32C    = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })
	tableCRC64NVME = sync.OnceValue(func() *crc64.Table { return crc64.MakeTable(polyCRC64NVME) })
)

// Shorter names for the algorithms.
const (
	algCRC32     = s3.ChecksumAlgorithmCrc32
	algCRC32C    = s3.ChecksumAlgorithmCrc32c
	algCRC64NVME = s3.ChecksumAlgorithmCrc64nvme
	algSHA1      = s3.ChecksumAlgorithmSha1
	algSHA256    = s3.ChecksumAlgorithmSha256
	algSHA512    = s3.ChecksumAlgorithmSha512
	algMD5       = s3.ChecksumAlgorithmMd5
	algXXHASH64  = s3.ChecksumAlgorithmXxhash64
	algXXHASH3   = s3.ChecksumAlgorithmXxhash3
	algXXHASH128 = s3.ChecksumAlgorithmXxhash128
)

// supported reports whether the manager computes checksums of alg.
func supported(alg s3.ChecksumAlgorithm) bool { return newHash(alg) != nil }

// supportedAlgorithms lists them, for error messages: every algorithm of
// S3's model.
var supportedAlgorithms = s3.ChecksumAlgorithm("").Values()

// newHash returns the hash of alg, whose Sum is the value S3 carries in
// base64: the CRCs and the xxHash digests (seed 0) big-endian, XXH3-128
// as its high then low 64 bits (see internal/xxhash), the others their
// standard digests.
func newHash(alg s3.ChecksumAlgorithm) hash.Hash {
	switch alg {
	case algCRC32:
		return crc32.NewIEEE()
	case algCRC32C:
		return crc32.New(tableCRC32C())
	case algCRC64NVME:
		return crc64.New(tableCRC64NVME())
	case algSHA1:
		return sha1.New()
	case algSHA256:
		return sha256.New()
	case algSHA512:
		return sha512.New()
	case algMD5:
		return md5.New()
	case algXXHASH64:
		return xxhash.New64()
	case algXXHASH3:
		return xxhash.New3()
	case algXXHASH128:
		return xxhash.New128()
	}
	return nil
}

// checksumType is the type of a multipart object's checksum of alg the
// manager asks for. S3's user guide: full object checksums of a multipart
// upload are only available for the CRC-based algorithms, which S3 can
// combine from the parts' (CRC64NVME has no other type; CRC32 and CRC32C
// either, COMPOSITE by default); the others are COMPOSITE. The manager
// asks for FULL_OBJECT for CRC64NVME, combining the part CRCs itself to
// send the value with CompleteMultipartUpload, and for COMPOSITE ("<checksum
// of the part checksums>-N") for the others.
func checksumType(alg s3.ChecksumAlgorithm) s3.ChecksumType {
	if alg == algCRC64NVME {
		return s3.ChecksumTypeFullObject
	}
	return s3.ChecksumTypeComposite
}

// compositeDocumented reports whether S3 documents how it computes the
// COMPOSITE checksum of alg, which the manager then checks in full: the
// algorithms of its user guide's table (CRC32, CRC32C, SHA1, SHA256). For
// SHA512, MD5 and the xxHash algorithms, added in April 2026, S3 documents
// the type (COMPOSITE) but not the value.
func compositeDocumented(alg s3.ChecksumAlgorithm) bool {
	switch alg {
	case algCRC32, algCRC32C, algSHA1, algSHA256:
		return true
	}
	return false
}

// compositeChecksum is S3's checksum of a multipart object of type
// COMPOSITE: the checksum of the concatenated binary part checksums, then
// "-" and the number of parts.
func compositeChecksum(alg s3.ChecksumAlgorithm, parts []string) (string, error) {
	h := newHash(alg)
	for i, p := range parts {
		b, err := base64.StdEncoding.DecodeString(p)
		if err != nil {
			return "", fmt.Errorf("transfer: part %d checksum %q: %w", i+1, p, err)
		}
		h.Write(b)
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil)) + "-" + strconv.Itoa(len(parts)), nil
}

// fullChecksum combines the CRCs of consecutive parts (base64, as S3
// sends them) with the parts' sizes into the CRC of the whole object.
func fullChecksum(alg s3.ChecksumAlgorithm, parts []string, sizes []int64) (string, error) {
	var poly uint64
	width := 32
	switch alg {
	case algCRC32:
		poly = polyCRC32
	case algCRC32C:
		poly = polyCRC32C
	case algCRC64NVME:
		poly, width = polyCRC64NVME, 64
	default:
		return "", fmt.Errorf("transfer: %s checksums cannot be combined", alg)
	}
	var crc uint64
	for i, p := range parts {
		b, err := base64.StdEncoding.DecodeString(p)
		if err != nil || len(b) != width/8 {
			return "", fmt.Errorf("transfer: part %d checksum %q is not a %s", i+1, p, alg)
		}
		var v uint64
		if width == 32 {
			v = uint64(binary.BigEndian.Uint32(b))
		} else {
			v = binary.BigEndian.Uint64(b)
		}
		if i == 0 {
			crc = v
		} else {
			crc = crcCombine(poly, width, crc, v, sizes[i])
		}
	}
	out := make([]byte, width/8)
	if width == 32 {
		binary.BigEndian.PutUint32(out, uint32(crc))
	} else {
		binary.BigEndian.PutUint64(out, crc)
	}
	return base64.StdEncoding.EncodeToString(out), nil
}

// crcCombine returns the CRC of A followed by B from crc1 = CRC(A), crc2 =
// CRC(B) and len2 = len(B), for a reflected CRC of the given width with
// all-ones initial value and final xor: crc1 is advanced over len2 zero
// bytes by repeated squaring of the one-zero-bit operator in GF(2) (the
// method of zlib's crc32_combine).
func crcCombine(poly uint64, width int, crc1, crc2 uint64, len2 int64) uint64 {
	if len2 <= 0 {
		return crc1
	}
	var even, odd [64]uint64
	odd[0] = poly
	row := uint64(1)
	for n := 1; n < width; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(even[:width], odd[:width]) // two zero bits
	gf2Square(odd[:width], even[:width]) // four zero bits
	for {
		gf2Square(even[:width], odd[:width])
		if len2&1 != 0 {
			crc1 = gf2Times(even[:width], crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		gf2Square(odd[:width], even[:width])
		if len2&1 != 0 {
			crc1 = gf2Times(odd[:width], crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func gf2Times(mat []uint64, vec uint64) uint64 {
	var sum uint64
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat []uint64) {
	for n := range mat {
		square[n] = gf2Times(mat, mat[n])
	}
}

// checkCompleted compares the checksum S3 gave a completed multipart
// object with the one its parts give: a full-object CRC, or a COMPOSITE
// value, whose part count is always checked and whose checksum is checked
// for the algorithms whose composite S3 documents (compositeDocumented).
// An empty got (a store that returns none) is not checked.
func checkCompleted(alg s3.ChecksumAlgorithm, got string, parts []string, sizes []int64) error {
	if got == "" || len(parts) == 0 {
		return nil
	}
	mismatch := func(want string) error {
		return fmt.Errorf("%w: %s is %s, the parts give %s", ErrChecksumMismatch, alg, got, want)
	}
	var want string
	var err error
	if i := strings.LastIndexByte(got, '-'); i >= 0 {
		want, err = compositeChecksum(alg, parts)
		if err != nil {
			return err
		}
		if !compositeDocumented(alg) {
			// The count after the "-" is S3's documented form for every
			// algorithm; the checksum before it, of a rule S3 does not
			// document for alg, is not held against the upload (each part
			// was checked by S3, and its echo here).
			if got[i:] != want[strings.LastIndexByte(want, '-'):] {
				return mismatch(want)
			}
			return nil
		}
	} else {
		if checksumType(alg) != s3.ChecksumTypeFullObject && !compositeDocumented(alg) {
			return nil // a form S3 documents nothing about for alg
		}
		want, err = fullChecksum(alg, parts, sizes)
		if err != nil {
			return err
		}
	}
	if got != want {
		return mismatch(want)
	}
	return nil
}

// Accessors of the checksum members of the generated types.

// field picks alg's member among the ten, given in the model's order.
func field(alg s3.ChecksumAlgorithm, crc32, crc32c, crc64nvme, sha1, sha256, sha512, md5, xxh64, xxh3, xxh128 **string) **string {
	switch alg {
	case algCRC32:
		return crc32
	case algCRC32C:
		return crc32c
	case algCRC64NVME:
		return crc64nvme
	case algSHA1:
		return sha1
	case algSHA256:
		return sha256
	case algSHA512:
		return sha512
	case algMD5:
		return md5
	case algXXHASH64:
		return xxh64
	case algXXHASH3:
		return xxh3
	case algXXHASH128:
		return xxh128
	}
	return nil
}

func partChecksum(alg s3.ChecksumAlgorithm, o *s3.UploadPartOutput) *string {
	if f := field(alg, &o.ChecksumCRC32, &o.ChecksumCRC32C, &o.ChecksumCRC64NVME, &o.ChecksumSHA1, &o.ChecksumSHA256,
		&o.ChecksumSHA512, &o.ChecksumMD5, &o.ChecksumXXHASH64, &o.ChecksumXXHASH3, &o.ChecksumXXHASH128); f != nil {
		return *f
	}
	return nil
}

func completedField(alg s3.ChecksumAlgorithm, p *s3.CompletedPart) **string {
	return field(alg, &p.ChecksumCRC32, &p.ChecksumCRC32C, &p.ChecksumCRC64NVME, &p.ChecksumSHA1, &p.ChecksumSHA256,
		&p.ChecksumSHA512, &p.ChecksumMD5, &p.ChecksumXXHASH64, &p.ChecksumXXHASH3, &p.ChecksumXXHASH128)
}

func setCompletedChecksum(alg s3.ChecksumAlgorithm, p *s3.CompletedPart, v *string) {
	if f := completedField(alg, p); f != nil {
		*f = v
	}
}

func completedChecksum(alg s3.ChecksumAlgorithm, p *s3.CompletedPart) *string {
	if f := completedField(alg, p); f != nil {
		return *f
	}
	return nil
}

func objectChecksum(alg s3.ChecksumAlgorithm, o *s3.CompleteMultipartUploadOutput) *string {
	if f := field(alg, &o.ChecksumCRC32, &o.ChecksumCRC32C, &o.ChecksumCRC64NVME, &o.ChecksumSHA1, &o.ChecksumSHA256,
		&o.ChecksumSHA512, &o.ChecksumMD5, &o.ChecksumXXHASH64, &o.ChecksumXXHASH3, &o.ChecksumXXHASH128); f != nil {
		return *f
	}
	return nil
}

// setCompleteChecksum sets the whole object's checksum of a FULL_OBJECT
// upload (the CRCs only).
func setCompleteChecksum(alg s3.ChecksumAlgorithm, in *s3.CompleteMultipartUploadInput, v *string) {
	switch alg {
	case algCRC32:
		in.ChecksumCRC32 = v
	case algCRC32C:
		in.ChecksumCRC32C = v
	case algCRC64NVME:
		in.ChecksumCRC64NVME = v
	}
}

func putChecksum(alg s3.ChecksumAlgorithm, o *s3.PutObjectOutput) *string {
	if f := field(alg, &o.ChecksumCRC32, &o.ChecksumCRC32C, &o.ChecksumCRC64NVME, &o.ChecksumSHA1, &o.ChecksumSHA256,
		&o.ChecksumSHA512, &o.ChecksumMD5, &o.ChecksumXXHASH64, &o.ChecksumXXHASH3, &o.ChecksumXXHASH128); f != nil {
		return *f
	}
	return nil
}

func setPartInputChecksum(alg s3.ChecksumAlgorithm, in *s3.UploadPartInput, v *string) {
	if f := field(alg, &in.ChecksumCRC32, &in.ChecksumCRC32C, &in.ChecksumCRC64NVME, &in.ChecksumSHA1, &in.ChecksumSHA256,
		&in.ChecksumSHA512, &in.ChecksumMD5, &in.ChecksumXXHASH64, &in.ChecksumXXHASH3, &in.ChecksumXXHASH128); f != nil {
		*f = v
	}
}

func setPutInputChecksum(alg s3.ChecksumAlgorithm, in *s3.PutObjectInput, v *string) {
	if f := field(alg, &in.ChecksumCRC32, &in.ChecksumCRC32C, &in.ChecksumCRC64NVME, &in.ChecksumSHA1, &in.ChecksumSHA256,
		&in.ChecksumSHA512, &in.ChecksumMD5, &in.ChecksumXXHASH64, &in.ChecksumXXHASH3, &in.ChecksumXXHASH128); f != nil {
		*f = v
	}
}
