package pipeline

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
)

// CRC64NVMEPolynomial is the CRC-64/NVME polynomial (0xad93d23594c93659)
// in the reflected form hash/crc64 takes. With hash/crc64's initial value
// and final XOR of all ones this is the checksum AWS calls CRC64NVME (check
// value of "123456789": 0xae8b14860a799888).
const CRC64NVMEPolynomial = 0x9a6c9329ac4bc9b5

var (
	castagnoliTable = crc32.MakeTable(crc32.Castagnoli)
	nvmeTable       = crc64.MakeTable(CRC64NVMEPolynomial)
)

// DefaultChecksumAlgorithm is botocore's default request checksum.
const DefaultChecksumAlgorithm = "CRC32"

// NewChecksum returns a new hash for a flexible checksum algorithm name (any
// case): CRC32, CRC32C, CRC64NVME, SHA1 or SHA256; nil for others.
func NewChecksum(alg string) hash.Hash {
	switch strings.ToUpper(alg) {
	case "CRC32":
		return crc32.NewIEEE()
	case "CRC32C":
		return crc32.New(castagnoliTable)
	case "CRC64NVME":
		return crc64.New(nvmeTable)
	case "SHA1":
		return sha1.New()
	case "SHA256":
		return sha256.New()
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
	}
	return "X-Amz-Checksum-" + strings.ToLower(alg)
}

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
				return "", false, &goto3.ValidationError{Member: op.RequestAlgorithmMember, Reason: "unsupported checksum algorithm " + v + " (want CRC32, CRC32C, CRC64NVME, SHA1 or SHA256)"}
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
// that checks the first checksum of op's response algorithms that the
// response carries and goto3 implements, at EOF. Ranged (206) answers and
// composite checksums of multipart objects ("...-N") are not checked: they
// do not cover the bytes received.
func wrapResponseChecksum(op *protocol.Operation, resp *http.Response, field reflect.Value) {
	if resp.StatusCode == http.StatusPartialContent || resp.Header.Get("Content-Range") != "" || resp.Uncompressed {
		return
	}
	for _, alg := range op.ResponseAlgorithms {
		h := NewChecksum(alg)
		if h == nil {
			continue
		}
		want := resp.Header.Get(checksumHeader(strings.ToUpper(alg)))
		if want == "" {
			continue
		}
		if strings.Contains(want, "-") {
			return
		}
		rc, ok := field.Interface().(io.ReadCloser)
		if !ok || rc == nil {
			return
		}
		field.Set(reflect.ValueOf(io.ReadCloser(&checksumReader{rc: rc, h: h, alg: strings.ToUpper(alg), want: want})))
		return
	}
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
