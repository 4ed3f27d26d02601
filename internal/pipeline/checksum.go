package pipeline

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/xxhash"
	"github.com/goto3/goto3/protocol"
)

// CRC64NVMEPolynomial is the CRC-64/NVME polynomial (0xad93d23594c93659)
// in the reflected form hash/crc64 takes. With hash/crc64's initial value
// and final XOR of all ones this is the checksum AWS calls CRC64NVME (check
// value of "123456789": 0xae8b14860a799888).
const CRC64NVMEPolynomial = 0x9a6c9329ac4bc9b5

// The tables are made on first use: package init would cost every
// program about 0.2 ms and 44 KB (crc64's slicing tables), checksums in
// CRC32C or CRC64NVME or not.
var (
	castagnoliTable = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })
	nvmeTable       = sync.OnceValue(func() *crc64.Table { return crc64.MakeTable(CRC64NVMEPolynomial) })
)

// DefaultChecksumAlgorithm is botocore's default request checksum.
const DefaultChecksumAlgorithm = "CRC32"

// NewChecksum returns a new hash for a flexible checksum algorithm name
// (any case), every one the models list: CRC32, CRC32C, CRC64NVME, SHA1,
// SHA256, SHA512, MD5, XXHASH64, XXHASH3 (XXH3-64) and XXHASH128
// (XXH3-128); nil for others. Its Sum is the value's bytes, carried in
// base64: the CRCs and the xxHash digests big-endian (XXH3-128 as its
// high then low 64 bits; seed 0, see internal/xxhash), the others as
// their standard digests. botocore and the AWS SDK for Java accept MD5
// only as a value the caller computed; goto3 computes it like the others
// (the x-amz-checksum-md5 header of the upload operations).
func NewChecksum(alg string) hash.Hash {
	switch strings.ToUpper(alg) {
	case "CRC32":
		return crc32.NewIEEE()
	case "CRC32C":
		return crc32.New(castagnoliTable())
	case "CRC64NVME":
		return crc64.New(nvmeTable())
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

// checksumHeader returns the canonical header name of algorithm alg
// (upper case), such as "X-Amz-Checksum-Crc32".
func checksumHeader(alg string) string {
	switch alg {
	case "CRC32":
		return "X-Amz-Checksum-Crc32"
	case "CRC32C":
		return "X-Amz-Checksum-Crc32c"
	case "CRC64NVME":
		return "X-Amz-Checksum-Crc64nvme"
	case "SHA1":
		return "X-Amz-Checksum-Sha1"
	case "SHA256":
		return "X-Amz-Checksum-Sha256"
	case "SHA512":
		return "X-Amz-Checksum-Sha512"
	case "MD5":
		return "X-Amz-Checksum-Md5"
	case "XXHASH64":
		return "X-Amz-Checksum-Xxhash64"
	case "XXHASH3":
		return "X-Amz-Checksum-Xxhash3"
	case "XXHASH128":
		return "X-Amz-Checksum-Xxhash128"
	}
	return http.CanonicalHeaderKey("X-Amz-Checksum-" + strings.ToLower(alg))
}

// responseChecksumOrder is the order in which a response's checksums are
// looked for, the first one found being validated: botocore's
// _ALGORITHMS_PRIORITY_LIST (httpchecksum.py: the fastest first), which
// has no MD5, then MD5.
var responseChecksumOrder = [...]string{"XXHASH128", "XXHASH3", "CRC64NVME", "XXHASH64", "CRC32C", "CRC32", "SHA1", "SHA256", "SHA512", "MD5"}

// hasChecksumHeader reports whether the caller already gave a checksum
// value (a ChecksumXxx member), in which case none is computed, as botocore
// does.
func hasChecksumHeader(h http.Header) bool {
	for k := range h {
		if len(k) > 16 && strings.HasPrefix(k, "X-Amz-Checksum-") && k != "X-Amz-Checksum-Mode" && k != "X-Amz-Checksum-Type" && k != "X-Amz-Checksum-Algorithm" {
			return true
		}
	}
	return false
}

// requestChecksum decides the request checksum of op, as botocore's
// resolve_request_checksum_algorithm does: the algorithm the caller chose
// in the request algorithm member; else CRC32 when the operation requires a
// checksum, or supports one and the setting is when_supported (then the
// algorithm member's header is set to CRC32 too); else none. md5 reports an
// operation that requires a checksum but has no algorithm member: it gets
// Content-MD5. A checksum value the caller set is kept and nothing is
// computed.
func (c *Client) requestChecksum(req *http.Request, op *protocol.Operation) (alg string, md5 bool, err error) {
	if op.RequestAlgorithmMember == "" && !op.ChecksumRequired {
		return "", false, nil
	}
	if hasChecksumHeader(req.Header) {
		return "", false, nil
	}
	var algHeader string
	if op.RequestAlgorithmMember != "" {
		if m := member(op.Input, op.RequestAlgorithmMember); m != nil && m.Location == protocol.LocationHeader {
			algHeader = m.LocationName
		}
	}
	if algHeader != "" {
		if v := req.Header.Get(algHeader); v != "" {
			alg = strings.ToUpper(v)
			if NewChecksum(alg) == nil {
				return "", false, &goto3.ValidationError{Member: op.RequestAlgorithmMember, Reason: "unsupported checksum algorithm " + v + " (want CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512, MD5, XXHASH64, XXHASH3 or XXHASH128)"}
			}
			return alg, false, nil
		}
	}
	if op.ChecksumRequired && op.RequestAlgorithmMember == "" {
		if req.Header.Get("Content-Md5") != "" {
			return "", false, nil
		}
		return "", true, nil
	}
	if op.ChecksumRequired || c.reqChecksumWhenSupported {
		if algHeader != "" {
			req.Header.Set(algHeader, DefaultChecksumAlgorithm)
		}
		return DefaultChecksumAlgorithm, false, nil
	}
	return "", false, nil
}

// prepareResponseChecksum asks for response checksums (sets the validation
// mode member's header to ENABLED) when the setting is when_supported and
// the caller left it unset, and reports whether the response is to be
// validated.
func (c *Client) prepareResponseChecksum(req *http.Request, op *protocol.Operation) bool {
	if op.RequestValidationModeMember == "" || len(op.ResponseAlgorithms) == 0 {
		return false
	}
	m := member(op.Input, op.RequestValidationModeMember)
	if m == nil || m.Location != protocol.LocationHeader {
		return false
	}
	v := req.Header.Get(m.LocationName)
	if v == "" {
		if !c.respChecksumWhenSupported {
			return false
		}
		req.Header.Set(m.LocationName, "ENABLED")
		return true
	}
	return strings.EqualFold(v, "ENABLED")
}

// wrapResponseChecksum replaces the streaming body in field with a reader
// that checks, at EOF, the first checksum the response carries among op's
// response algorithms in responseChecksumOrder. Ranged (206) answers are
// not checked, nor composite checksums of multipart objects ("...-N"),
// which do not cover the bytes received: as botocore does, such a value is
// passed over for the next algorithm's.
func wrapResponseChecksum(op *protocol.Operation, resp *http.Response, field reflect.Value) {
	if resp.StatusCode == http.StatusPartialContent || resp.Header.Get("Content-Range") != "" || resp.Uncompressed {
		return
	}
	for _, alg := range responseChecksumOrder {
		if !hasAlgorithm(op.ResponseAlgorithms, alg) {
			continue
		}
		want := resp.Header.Get(checksumHeader(alg))
		if want == "" || strings.Contains(want, "-") {
			continue
		}
		rc, ok := field.Interface().(io.ReadCloser)
		if !ok || rc == nil {
			return
		}
		field.Set(reflect.ValueOf(io.ReadCloser(&checksumReader{rc: rc, h: NewChecksum(alg), alg: alg, want: want})))
		return
	}
}

func hasAlgorithm(algs []string, alg string) bool {
	for _, a := range algs {
		if strings.EqualFold(a, alg) {
			return true
		}
	}
	return false
}

// checksumReader hashes a response body as it is read and, at EOF,
// returns a *goto3.ChecksumMismatchError instead of io.EOF when the hash
// differs from the one the service sent.
type checksumReader struct {
	rc   io.ReadCloser
	h    hash.Hash
	alg  string
	want string
	err  error
}

func (r *checksumReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.rc.Read(p)
	r.h.Write(p[:n])
	if err == io.EOF {
		got := base64.StdEncoding.EncodeToString(r.h.Sum(nil))
		if got != r.want {
			r.err = &goto3.ChecksumMismatchError{Algorithm: r.alg, Expected: r.want, Actual: got}
			return n, r.err
		}
		r.err = io.EOF
	} else if err != nil {
		r.err = err
	}
	return n, err
}

func (r *checksumReader) Close() error { return r.rc.Close() }
