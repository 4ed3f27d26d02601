package awsquery

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/goto3/goto3/protocol"
)

// MarshalRequest serializes input into req as a form POST in dialect d.
// See protocol/query.MarshalRequest for the contract.
func MarshalRequest(req *http.Request, op *protocol.Operation, input any, opts protocol.MarshalOptions, d Dialect) error {
	if req == nil || req.URL == nil {
		return errors.New("awsquery: request has no URL")
	}
	if op == nil {
		return errors.New("awsquery: nil operation")
	}
	body, err := AppendBody(make([]byte, 0, 1024), op, input, d, opts)
	if err != nil {
		return fmt.Errorf("awsquery: %s: %w", op.Name, err)
	}
	prefix, err := expandHostPrefix(op, input)
	if err != nil {
		return err
	}

	req.Method = op.Method
	if req.Method == "" {
		req.Method = http.MethodPost
	}
	uri := op.RequestURI
	if uri == "" {
		uri = "/"
	}
	joinPath(req, uri)
	if prefix != "" {
		req.URL.Host = prefix + req.URL.Host
		if req.Host != "" {
			req.Host = prefix + req.Host
		}
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	req.Header.Set("Content-Type", ContentType)
	req.Body = newBody(body)
	req.GetBody = func() (io.ReadCloser, error) {
		return newBody(body), nil
	}
	req.ContentLength = int64(len(body))
	return nil
}

// joinPath appends uri (which starts with '/') to the endpoint's base path
// without doubling the slash between them.
func joinPath(req *http.Request, uri string) {
	u := req.URL
	if !strings.HasPrefix(uri, "/") {
		uri = "/" + uri
	}
	rawBase := u.RawPath
	u.Path = strings.TrimSuffix(u.Path, "/") + uri
	if rawBase != "" {
		u.RawPath = strings.TrimSuffix(rawBase, "/") + uri
	}
}

// expandHostPrefix fills the {Label} placeholders of op.HostPrefix with the
// input's hostLabel members. Like botocore, each value must be non-empty and
// made only of letters, digits, '-' and '.'.
func expandHostPrefix(op *protocol.Operation, input any) (string, error) {
	p := op.HostPrefix
	if p == "" || !strings.Contains(p, "{") {
		return p, nil
	}
	v, _ := structValue(input)
	var b strings.Builder
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			b.WriteString(p)
			break
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("awsquery: %s: malformed host prefix %q", op.Name, op.HostPrefix)
		}
		b.WriteString(p[:i])
		name := p[i+1 : i+j]
		val, ok := hostLabel(op.Input, v, name)
		if !ok || !validHostLabel(val) {
			return "", fmt.Errorf("awsquery: %s: invalid value for host label %s: must be non-empty and contain only letters, digits, '-' or '.'", op.Name, name)
		}
		b.WriteString(val)
		p = p[i+j+1:]
	}
	return b.String(), nil
}

func hostLabel(s *protocol.Shape, v reflect.Value, name string) (string, bool) {
	if s == nil || !v.IsValid() {
		return "", false
	}
	for i := range s.Members {
		m := &s.Members[i]
		if m.Name != name || m.Field < 0 || m.Field >= v.NumField() {
			continue
		}
		f := v.Field(m.Field)
		for f.Kind() == reflect.Pointer {
			if f.IsNil() {
				return "", false
			}
			f = f.Elem()
		}
		if f.Kind() != reflect.String {
			return "", false
		}
		return f.String(), true
	}
	return "", false
}

func validHostLabel(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// bodyReader is a request body over a byte slice: a bytes.Reader with a
// no-op Close, in one allocation.
type bodyReader struct{ bytes.Reader }

func newBody(b []byte) *bodyReader {
	r := new(bodyReader)
	r.Reset(b)
	return r
}

func (*bodyReader) Close() error { return nil }
