package restxml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sync"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/internal/restbind"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// MarshalRequest serializes input (a pointer to op's input struct, or nil)
// into req following op's HTTP bindings. req arrives with req.URL set to the
// endpoint (possibly with a base path such as S3's path-style "/bucket") and
// gets its method, path, query, headers, host prefix and body. See the
// package documentation for the rules.
func MarshalRequest(req *http.Request, op *protocol.Operation, input any, opts protocol.MarshalOptions) error {
	if req == nil || req.URL == nil || op == nil {
		return errors.New("restxml: MarshalRequest needs a request with a URL and an operation")
	}
	m := marshaler{Request: restbind.Request{Codec: "restxml", Req: req, Op: op, Opts: opts, ContentLength: -1}}
	return m.marshal(input)
}

// marshaler adds the XML body to the shared REST bindings.
type marshaler struct {
	restbind.Request
}

// tokenSource hands the XML encoder the call's idempotency token. It is
// separate from the marshaler so that a request without an XML body
// allocates neither it nor the marshaler (a method value of the marshaler
// would move it to the heap).
type tokenSource struct {
	opts  protocol.MarshalOptions
	token string
}

func (t *tokenSource) get() string {
	if t.token == "" {
		t.token = restbind.NewToken(t.opts)
	}
	return t.token
}

// encodeXML encodes an XML body with the call's idempotency token.
func (m *marshaler) encodeXML(name string, ns protocol.XMLNamespace, sh *protocol.Shape, v reflect.Value) ([]byte, error) {
	ts := &tokenSource{opts: m.Opts, token: m.Token}
	b, err := encodeXML(name, ns, sh, v, xmlutil.EncodeOptions{IdempotencyToken: ts.get})
	m.Token = ts.token
	return b, err
}

func (m *marshaler) marshal(input any) error {
	v, err := restbind.InputValue("restxml", m.Op, input)
	if err != nil {
		return err
	}
	if err := m.Bind(v); err != nil {
		return err
	}
	if m.Op.Input == nil {
		setBody(m.Req, nil)
		return nil
	}
	return m.body(m.Op.Input, v)
}

// EscapePath percent-encodes a URI label value: every byte except the
// unreserved characters A-Z a-z 0-9 - . _ ~ (and '/' when greedy, as for
// S3's {Key+}), as botocore's percent_encode does.
func EscapePath(s string, greedy bool) string {
	return restbind.EscapePath(s, greedy)
}

// bufPool holds scratch buffers for XML bodies: a document is encoded into
// one and copied out at its exact size, instead of growing a fresh slice
// through a series of doublings.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

const maxPooledBuf = 1 << 22

func encodeXML(name string, ns protocol.XMLNamespace, sh *protocol.Shape, v reflect.Value, opts xmlutil.EncodeOptions) ([]byte, error) {
	bp := bufPool.Get().(*[]byte)
	b, err := xmlutil.AppendElement((*bp)[:0], name, ns, sh, v, opts)
	out := bytes.Clone(b)
	if cap(b) <= maxPooledBuf {
		*bp = b[:0]
		bufPool.Put(bp)
	}
	return out, err
}

func setBody(req *http.Request, b []byte) {
	if len(b) == 0 {
		req.Body = http.NoBody
		req.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
		req.ContentLength = 0
		return
	}
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	req.ContentLength = int64(len(b))
}

func (m *marshaler) body(sh *protocol.Shape, v reflect.Value) error {
	req := m.Req
	if sh.Payload >= 0 && sh.Payload < len(sh.Members) {
		mem := &sh.Members[sh.Payload]
		f := v.Field(mem.Field)
		switch mem.Shape.Type {
		case protocol.TypeBlob, protocol.TypeString:
			if f.Kind() == reflect.Interface {
				// A streaming payload: hand the caller's reader over as is.
				if f.IsNil() {
					setBody(req, nil)
					return nil
				}
				r, ok := f.Interface().(io.Reader)
				if !ok {
					return fmt.Errorf("restxml: %s: payload %s is not an io.Reader", m.Op.Name, mem.Name)
				}
				req.ContentLength = m.ContentLength
				if rc, ok := r.(io.ReadCloser); ok {
					req.Body = rc
				} else {
					req.Body = io.NopCloser(r)
				}
				req.GetBody = nil
				return nil
			}
			fv, set := restbind.DerefUnset(f)
			if !set {
				setBody(req, nil)
				return nil
			}
			switch {
			case fv.Kind() == reflect.String:
				setBody(req, []byte(fv.String()))
				if req.Header.Get("Content-Type") == "" {
					req.Header.Set("Content-Type", "text/plain")
				}
			case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Uint8:
				setBody(req, fv.Bytes())
			default:
				return fmt.Errorf("restxml: %s: payload %s has Go type %s", m.Op.Name, mem.Name, f.Type())
			}
			return nil
		default:
			if _, set := restbind.DerefUnset(f); !set {
				setBody(req, nil)
				return nil
			}
			name := payloadRootName(mem)
			ns := mem.XMLNamespace
			if ns.URI == "" {
				ns = mem.Shape.XMLNamespace
			}
			b, err := m.encodeXML(name, ns, mem.Shape, f)
			if err != nil {
				return fmt.Errorf("restxml: %s: %w", m.Op.Name, err)
			}
			m.setXMLBody(b)
			return nil
		}
	}
	// No payload member: the body members, if any is set, wrapped in the
	// input's locationName.
	anySet := false
	for i := range sh.Members {
		mem := &sh.Members[i]
		if mem.Location != protocol.LocationBody {
			continue
		}
		// An unset idempotency token is set: it gets a token.
		if _, set := restbind.DerefUnset(v.Field(mem.Field)); set || mem.IdempotencyToken {
			anySet = true
			break
		}
	}
	if !anySet {
		setBody(req, nil)
		return nil
	}
	name := sh.LocationName
	if name == "" {
		name = m.Op.InputLocationName
	}
	if name == "" {
		name = sh.Name
	}
	ns := m.Op.InputXMLNamespace
	if ns.URI == "" {
		ns = sh.XMLNamespace
	}
	b, err := m.encodeXML(name, ns, sh, v)
	if err != nil {
		return fmt.Errorf("restxml: %s: %w", m.Op.Name, err)
	}
	m.setXMLBody(b)
	return nil
}

// payloadRootName names the root element of a structure payload: the
// member's locationName, unless it merely repeats the member name and the
// shape has its own locationName (Smithy's xmlName on the structure, which
// the botocore-format model cannot otherwise tell apart); else the shape's
// name. S3's payload members always carry a locationName, which may differ
// from the shape name (LifecycleConfiguration targets
// BucketLifecycleConfiguration), so the member's name wins over the shape's.
func payloadRootName(mem *protocol.Member) string {
	if mem.LocationName != "" && (mem.LocationName != mem.Name || mem.Shape.LocationName == "") {
		return mem.LocationName
	}
	if mem.Shape.LocationName != "" {
		return mem.Shape.LocationName
	}
	return mem.Shape.Name
}

func (m *marshaler) setXMLBody(b []byte) {
	setBody(m.Req, b)
	if m.Req.Header.Get("Content-Type") == "" {
		m.Req.Header.Set("Content-Type", "application/xml")
	}
}
