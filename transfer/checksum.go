package transfer

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"strconv"
	"strings"

	"github.com/goto3/goto3/services/s3"
)

// Reversed polynomials of the CRCs S3 offers.
const (
	polyCRC32     = 0xedb88320
	polyCRC32C    = 0x82f63b78
	polyCRC64NVME = 0x9a6c9329ac4bc9b5
)

var (
	tableCRC32C    = crc32.MakeTable(crc32.Castagnoli)
	tableCRC64NVME = crc64.MakeTable(polyCRC64NVME)
)

// Shorter names for the algorithms.
const (
	algCRC32     = s3.ChecksumAlgorithmCrc32
	algCRC32C    = s3.ChecksumAlgorithmCrc32c
	algCRC64NVME = s3.ChecksumAlgorithmCrc64nvme
	algSHA1      = s3.ChecksumAlgorithmSha1
	algSHA256    = s3.ChecksumAlgorithmSha256
)

// supported reports whether the manager computes checksums of alg.
func supported(alg s3.ChecksumAlgorithm) bool { return newHash(alg) != nil }

// supportedAlgorithms lists them, for error messages.
var supportedAlgorithms = []s3.ChecksumAlgorithm{algCRC32, algCRC32C, algCRC64NVME, algSHA1, algSHA256}

func newHash(alg s3.ChecksumAlgorithm) hash.Hash {
	switch alg {
	case algCRC32:
		return crc32.NewIEEE()
	case algCRC32C:
		return crc32.New(tableCRC32C)
	case algCRC64NVME:
		return crc64.New(tableCRC64NVME)
	case algSHA1:
		return sha1.New()
	case algSHA256:
		return sha256.New()
	}
	return nil
}

// checksumType is the type of a multipart object's checksum of alg the
// manager asks for: FULL_OBJECT (a checksum of the whole object, which the
// manager combines from the part CRCs) for CRC64NVME, the only type S3
// allows for it; COMPOSITE ("<checksum of the part checksums>-N") for the
// others.
func checksumType(alg s3.ChecksumAlgorithm) s3.ChecksumType {
	if alg == algCRC64NVME {
		return s3.ChecksumTypeFullObject
	}
	return s3.ChecksumTypeComposite
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
// object with the one its parts give. An empty got (a store that returns
// none) is not checked.
func checkCompleted(alg s3.ChecksumAlgorithm, got string, parts []string, sizes []int64) error {
	if got == "" || len(parts) == 0 {
		return nil
	}
	var want string
	var err error
	if i := strings.LastIndexByte(got, '-'); i >= 0 {
		want, err = compositeChecksum(alg, parts)
	} else {
		want, err = fullChecksum(alg, parts, sizes)
	}
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%w: %s is %s, the parts give %s", ErrChecksumMismatch, alg, got, want)
	}
	return nil
}

// Accessors of the checksum members of the generated types.

func partChecksum(alg s3.ChecksumAlgorithm, o *s3.UploadPartOutput) *string {
	switch alg {
	case algCRC32:
		return o.ChecksumCRC32
	case algCRC32C:
		return o.ChecksumCRC32C
	case algCRC64NVME:
		return o.ChecksumCRC64NVME
	case algSHA1:
		return o.ChecksumSHA1
	case algSHA256:
		return o.ChecksumSHA256
	}
	return nil
}

func setCompletedChecksum(alg s3.ChecksumAlgorithm, p *s3.CompletedPart, v *string) {
	switch alg {
	case algCRC32:
		p.ChecksumCRC32 = v
	case algCRC32C:
		p.ChecksumCRC32C = v
	case algCRC64NVME:
		p.ChecksumCRC64NVME = v
	case algSHA1:
		p.ChecksumSHA1 = v
	case algSHA256:
		p.ChecksumSHA256 = v
	}
}

func completedChecksum(alg s3.ChecksumAlgorithm, p *s3.CompletedPart) *string {
	switch alg {
	case algCRC32:
		return p.ChecksumCRC32
	case algCRC32C:
		return p.ChecksumCRC32C
	case algCRC64NVME:
		return p.ChecksumCRC64NVME
	case algSHA1:
		return p.ChecksumSHA1
	case algSHA256:
		return p.ChecksumSHA256
	}
	return nil
}

func objectChecksum(alg s3.ChecksumAlgorithm, o *s3.CompleteMultipartUploadOutput) *string {
	switch alg {
	case algCRC32:
		return o.ChecksumCRC32
	case algCRC32C:
		return o.ChecksumCRC32C
	case algCRC64NVME:
		return o.ChecksumCRC64NVME
	case algSHA1:
		return o.ChecksumSHA1
	case algSHA256:
		return o.ChecksumSHA256
	}
	return nil
}

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
	switch alg {
	case algCRC32:
		return o.ChecksumCRC32
	case algCRC32C:
		return o.ChecksumCRC32C
	case algCRC64NVME:
		return o.ChecksumCRC64NVME
	case algSHA1:
		return o.ChecksumSHA1
	case algSHA256:
		return o.ChecksumSHA256
	}
	return nil
}

func setPartInputChecksum(alg s3.ChecksumAlgorithm, in *s3.UploadPartInput, v *string) {
	switch alg {
	case algCRC32:
		in.ChecksumCRC32 = v
	case algCRC32C:
		in.ChecksumCRC32C = v
	case algCRC64NVME:
		in.ChecksumCRC64NVME = v
	case algSHA1:
		in.ChecksumSHA1 = v
	case algSHA256:
		in.ChecksumSHA256 = v
	}
}

func setPutInputChecksum(alg s3.ChecksumAlgorithm, in *s3.PutObjectInput, v *string) {
	switch alg {
	case algCRC32:
		in.ChecksumCRC32 = v
	case algCRC32C:
		in.ChecksumCRC32C = v
	case algCRC64NVME:
		in.ChecksumCRC64NVME = v
	case algSHA1:
		in.ChecksumSHA1 = v
	case algSHA256:
		in.ChecksumSHA256 = v
	}
}
