package s3_test

import (
	"bufio"
	"bytes"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/sigv4"
)

// fuzzMaxField bounds every fuzzed string so one iteration stays fast.
const fuzzMaxField = 256

var (
	fuzzSignTime = time.Date(2026, 11, 24, 12, 30, 0, 0, time.UTC)
	fuzzCreds    = sigv4.Credentials{AccessKeyID: "AKIDFUZZEXAMPLE", SecretAccessKey: "fuzz/secret/key/EXAMPLEKEY"}
	fuzzRegions  = []string{"us-east-1", "us-west-2", "eu-central-1", "cn-north-1", "us-gov-west-1", "aws-global", "ap-southeast-2"}
	fuzzSigner   = sigv4.NewSigner(sigv4.S3Options)
	fuzzToken    = protocol.MarshalOptions{NewIdempotencyToken: func() string { return "00000000-0000-4000-8000-000000000000" }}
)

// fuzzClip bounds s to fuzzMaxField bytes, cutting at a rune start so that
// valid UTF-8 stays valid.
func fuzzClip(s string) string {
	if len(s) <= fuzzMaxField {
		return s
	}
	n := fuzzMaxField
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// fuzzPieces splits extra into at most n bounded strings.
func fuzzPieces(extra string, n int) []string {
	ps := strings.SplitN(extra, "\n", n)
	for i := range ps {
		ps[i] = fuzzClip(ps[i])
	}
	return ps
}

// fuzzOp returns the schema of an S3 operation.
func fuzzOp(t testing.TB, name string) *protocol.Operation {
	t.Helper()
	for _, op := range s3.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("s3 has no operation %s", name)
	return nil
}

// validHeaderName and validHeaderValue are net/http's transport checks
// (RFC 7230 token; field-value without CTLs other than HTAB): a request
// failing them is refused before it is sent, so it never reaches a signer's
// peer.
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"(),/:;<=>?@[\\]{}", c) >= 0 {
			return false
		}
	}
	return true
}

func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func sendableHeaders(h http.Header) bool {
	for k, vs := range h {
		if !validHeaderName(k) {
			return false
		}
		for _, v := range vs {
			if !validHeaderValue(v) {
				return false
			}
		}
	}
	return true
}

// validRegion is botocore's validate_region_name: boto3 refuses any other
// region name before endpoint resolution, because the S3 rules put the
// region into the host without checking it on some branches (path-style).
func validRegion(r string) bool {
	if r == "" || len(r) > 63 {
		return false
	}
	for i := 0; i < len(r); i++ {
		c := r[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' && i > 0 && i < len(r)-1) {
			return false
		}
	}
	return true
}

// setStaticParam sets the endpoint parameter of an operation's static
// context parameter in p; false when p has no such parameter or the value
// is not of its type.
func setStaticParam(p *s3.EndpointParameters, sp protocol.StaticContextParam) bool {
	f := reflect.ValueOf(p).Elem().FieldByName(sp.Name)
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return false
	}
	v := reflect.ValueOf(sp.Value)
	if !v.IsValid() || v.Type() != f.Type().Elem() {
		return false
	}
	ptr := reflect.New(v.Type())
	ptr.Elem().Set(v)
	f.Set(ptr)
	return true
}

// resolveS3 resolves the S3 endpoint of op for bucket and region with the
// generated s3.ResolveEndpoint; ok is false when the rules reject the
// parameters or want an auth scheme other than sigv4 (S3 Express, SigV4a),
// which this harness does not sign.
func resolveS3(op *protocol.Operation, bucket, region string, flags uint8, key, prefix *string) (ep endpoints.Endpoint, name, signRegion string, ok bool) {
	if !validRegion(region) {
		return ep, "", "", false
	}
	var p s3.EndpointParameters
	for _, sp := range op.StaticContextParams {
		if !setStaticParam(&p, sp) {
			return ep, "", "", false
		}
	}
	b := func(bit uint8) *bool { v := flags&bit != 0; return &v }
	p.Region = &region
	p.Bucket = &bucket
	p.ForcePathStyle = b(1)
	p.UseDualStack = b(2)
	p.UseFIPS = b(4)
	p.Accelerate = b(8)
	// botocore's default s3 us_east_1_regional_endpoint, "legacy".
	p.UseGlobalEndpoint = b(0)
	*p.UseGlobalEndpoint = region == "us-east-1"
	p.Key = key
	p.Prefix = prefix
	ep, err := s3.ResolveEndpoint(p)
	if err != nil {
		return ep, "", "", false
	}
	name, signRegion = "s3", region
	if len(ep.AuthSchemes) > 0 {
		a := ep.AuthSchemes[0]
		if a.Name != "sigv4" {
			return ep, "", "", false
		}
		if a.SigningName != "" {
			name = a.SigningName
		}
		if a.SigningRegion != "" {
			signRegion = a.SigningRegion
		}
	}
	return ep, name, signRegion, true
}

// fuzzWire serializes req as net/http's client writes it.
func fuzzWire(t testing.TB, req *http.Request) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := req.Write(&buf); err != nil {
		t.Fatalf("writing the request: %v", err)
	}
	return buf.Bytes()
}

// fuzzParseWire reads a request back as a server does.
func fuzzParseWire(b []byte) (*http.Request, error) {
	return http.ReadRequest(bufio.NewReader(bytes.NewReader(b)))
}

func fuzzVerifyOpts(service, region string) sigv4.VerifyOptions {
	return sigv4.VerifyOptions{
		Lookup: func(id string) (sigv4.Credentials, bool) {
			return fuzzCreds, id == fuzzCreds.AccessKeyID
		},
		Now:                     fuzzSignTime.Add(time.Minute),
		Service:                 service,
		Region:                  region,
		Signer:                  fuzzSigner,
		RequireSignedAmzHeaders: true,
	}
}

// rotate changes an alphanumeric byte into another one of the same class
// (hex digits stay hex digits, so %XX escapes stay valid).
func rotate(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return '0' + (c-'0'+1)%10
	case 'a' <= c && c <= 'f':
		return 'a' + (c-'a'+1)%6
	case 'A' <= c && c <= 'F':
		return 'A' + (c-'A'+1)%6
	case 'g' <= c && c <= 'z':
		return 'g' + (c-'g'+1)%20
	case 'G' <= c && c <= 'Z':
		return 'G' + (c-'G'+1)%20
	}
	return c
}

func isAlnum(c byte) bool { return rotate(c) != c }

// mutateRequestLine changes one alphanumeric byte of the request target's
// path (query false) or query (query true), chosen by pick. It returns
// false when there is no such byte.
func mutateRequestLine(b []byte, query bool, pick uint8) ([]byte, bool) {
	sp1 := bytes.IndexByte(b, ' ')
	eol := bytes.Index(b, []byte("\r\n"))
	if sp1 < 0 || eol < 0 {
		return nil, false
	}
	sp2 := sp1 + 1 + bytes.IndexByte(b[sp1+1:eol], ' ')
	start, end := sp1+1, sp2
	if q := bytes.IndexByte(b[start:end], '?'); q >= 0 {
		if query {
			start = start + q + 1
		} else {
			end = start + q
		}
	} else if query {
		return nil, false
	}
	var idx []int
	for i := start; i < end; i++ {
		if isAlnum(b[i]) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil, false
	}
	out := bytes.Clone(b)
	i := idx[int(pick)%len(idx)]
	out[i] = rotate(out[i])
	return out, true
}

// mutateSignedHeader changes one non-space byte of a signed header's value
// (other than Host, which net/http keeps apart) in a parsed request.
func mutateSignedHeader(r *http.Request, signed []string, pick uint8) bool {
	for j := range signed {
		name := signed[(int(pick)+j)%len(signed)]
		if name == "host" {
			continue
		}
		vs := r.Header.Values(name)
		if len(vs) == 0 {
			continue
		}
		v := []byte(vs[0])
		for k := range v {
			i := (int(pick) + k) % len(v)
			if v[i] == ' ' || v[i] == '\t' {
				continue
			}
			if v[i] == 'a' {
				v[i] = 'b'
			} else {
				v[i] = 'a'
			}
			vs = append([]string{string(v)}, vs[1:]...)
			r.Header[http.CanonicalHeaderKey(name)] = vs
			return true
		}
	}
	return false
}
