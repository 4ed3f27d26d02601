package jsonrpc_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/jsonrpc"
)

// blockingWriter keeps the slice it is given until told to go on, then
// reports whether it still holds what it was given.
type blockingWriter struct {
	got, resume chan struct{}
	intact      chan bool
}

func (w *blockingWriter) Write(p []byte) (int, error) {
	before := string(p)
	close(w.got)
	<-w.resume
	w.intact <- string(p) == before
	return len(p), nil
}

// TestPooledBodyRelease: the body reads from a pooled buffer through Body,
// GetBody's readers and WriteTo; Release ends every reader, but a write in
// progress keeps the buffer from the next body until it returns.
func TestPooledBodyRelease(t *testing.T) {
	req := newRequest(t, "https://demodb.us-east-1.amazonaws.com")
	long := strings.Repeat("x", 5000)
	if err := jsonrpc.MarshalRequest(req, &opGetItem, &getItemInput{TableName: &long}, protocol.MarshalOptions{}); err != nil {
		t.Fatal(err)
	}
	want := body(t, req)
	rb, ok := req.Body.(protocol.ReleasableBody)
	if !ok {
		t.Fatalf("got a body of type %T, want a protocol.ReleasableBody", req.Body)
	}
	rc, _ := req.GetBody()
	w := &blockingWriter{got: make(chan struct{}), resume: make(chan struct{}), intact: make(chan bool, 1)}
	go func() { _, _ = rc.(io.WriterTo).WriteTo(w) }()
	<-w.got
	rb.Release()
	// Bodies encoded while the write is in progress do not reuse its
	// buffer.
	for range 10 {
		other := newRequest(t, "https://demodb.us-east-1.amazonaws.com")
		if err := jsonrpc.MarshalRequest(other, &opGetItem, &getItemInput{TableName: ptr(strings.Repeat("y", 5000))}, protocol.MarshalOptions{}); err != nil {
			t.Fatal(err)
		}
		other.Body.(protocol.ReleasableBody).Release()
	}
	close(w.resume)
	if !<-w.intact {
		t.Errorf("the body changed under a write in progress")
	}
	if b, err := io.ReadAll(req.Body); err == nil {
		t.Errorf("reading a released body: got %q, want an error", b)
	}
	rc, _ = req.GetBody()
	var buf bytes.Buffer
	if _, err := rc.(io.WriterTo).WriteTo(&buf); err == nil {
		t.Errorf("WriteTo of a released body: got %q, want an error", buf.String())
	}
	if !strings.Contains(want, long) {
		t.Errorf("got body %q", want)
	}
}
