// Package servicetest holds checks every generated service client's tests
// run the same way: a recording transport and a walk over all of a
// client's operation methods.
package servicetest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"sync"
	"testing"

	"github.com/goto3/goto3"
)

// Transport answers every request with Status (200 when zero), Header and
// Body, and records the requests with their bodies (a recorded request's
// Body and GetBody read the bytes sent, after the call too).
type Transport struct {
	Status int
	Header http.Header
	Body   string

	mu     sync.Mutex
	reqs   []*http.Request
	bodies []string
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	// The request is recorded with a body of its own: the one sent may
	// be lent for the call only (protocol.ReleasableBody).
	rec := *req
	rec.Body = io.NopCloser(bytes.NewReader(b))
	rec.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	t.mu.Lock()
	t.reqs = append(t.reqs, &rec)
	t.bodies = append(t.bodies, string(b))
	t.mu.Unlock()
	status := t.Status
	if status == 0 {
		status = http.StatusOK
	}
	h := t.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	var body io.ReadCloser = http.NoBody
	if t.Body != "" {
		body = io.NopCloser(bytes.NewReader([]byte(t.Body)))
	}
	return &http.Response{StatusCode: status, Header: h, Body: body, ContentLength: int64(len(t.Body)), Request: req}, nil
}

// Last returns the last request sent and its body; it fails the test when
// none was.
func (t *Transport) Last(tb testing.TB) (*http.Request, string) {
	tb.Helper()
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.reqs) == 0 {
		tb.Fatal("no request was sent")
	}
	return t.reqs[len(t.reqs)-1], t.bodies[len(t.bodies)-1]
}

// Count returns the number of requests sent.
func (t *Transport) Count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.reqs)
}

// Operation is one operation method of a client.
type Operation struct {
	Name   string
	method reflect.Value
	input  reflect.Type // the input struct type
}

// Call calls the operation with in (a pointer to its input struct; nil: a
// zero input) and returns its output (a pointer) and error.
func (op Operation) Call(ctx context.Context, in any) (any, error) {
	v := reflect.New(op.input)
	if in != nil {
		v = reflect.ValueOf(in)
	}
	res := op.method.Call([]reflect.Value{reflect.ValueOf(ctx), v})
	err, _ := res[1].Interface().(error)
	return res[0].Interface(), err
}

// Operations returns client's operation methods: every exported method
// shaped func(context.Context, *NameInput, ...func(*Options)) (*NameOutput,
// error). Paginator, waiter and presign methods have other shapes and are
// left out.
func Operations(client any) []Operation {
	cv := reflect.ValueOf(client)
	ct := cv.Type()
	ctxType := reflect.TypeFor[context.Context]()
	errType := reflect.TypeFor[error]()
	var ops []Operation
	for i := range ct.NumMethod() {
		m := ct.Method(i)
		ft := m.Func.Type() // receiver first
		if ft.NumIn() != 4 || !ft.IsVariadic() || ft.NumOut() != 2 {
			continue
		}
		in, out := ft.In(2), ft.Out(0)
		if ft.In(1) != ctxType || ft.Out(1) != errType ||
			in.Kind() != reflect.Pointer || in.Elem().Name() != m.Name+"Input" ||
			out.Kind() != reflect.Pointer || out.Elem().Name() != m.Name+"Output" {
			continue
		}
		ops = append(ops, Operation{Name: m.Name, method: cv.Method(i), input: in.Elem()})
	}
	return ops
}

// EveryOperation calls each of client's operations with a zero input; the
// client must be set to send through a Transport answering 200 with an
// empty body and not to retry. Each call must go through or fail
// validation with a ValidationError naming a member, and none may panic.
// It returns how many went through and how many were refused; it fails
// the test when the client does not have exactly want operations (the
// model's count).
func EveryOperation(t *testing.T, client any, want int) (passed, invalid int) {
	t.Helper()
	ops := Operations(client)
	if len(ops) != want {
		t.Fatalf("found %d operation methods, want %d", len(ops), want)
	}
	for _, op := range ops {
		t.Run(op.Name, func(t *testing.T) {
			_, err := op.Call(context.Background(), nil)
			if err == nil {
				passed++
				return
			}
			invalid++
			var ve *goto3.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want success or a ValidationError", err)
			}
			if ve.Member == "" {
				t.Errorf("validation error %q names no member", err)
			}
		})
	}
	return passed, invalid
}
