package transport_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/testing/testcert"
	"github.com/goto3/goto3/transport"
)

// hangingListener accepts connections, reads what comes and never answers.
func hangingListener(t *testing.T) (addr string, accepted *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted = new(atomic.Int64)
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			go func() {
				defer c.Close()
				go io.Copy(io.Discard, c)
				<-done
			}()
		}
	}()
	return ln.Addr().String(), accepted
}

func newClient(t *testing.T, o transport.Options) *http.Client {
	t.Helper()
	tr, err := transport.New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

func wantTimeout(t *testing.T, err error, op string) {
	t.Helper()
	var te *transport.TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("got error %v (%T), want a *transport.TimeoutError", err, err)
	}
	if te.Op != op {
		t.Errorf("got Op %q, want %q (%v)", te.Op, op, err)
	}
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("error %v is not a net.Error with Timeout() true", err)
	}
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("errors.Is(%v, os.ErrDeadlineExceeded) is false", err)
	}
	if !strings.Contains(err.Error(), "timeout") {
		t.Errorf("error %q does not say timeout", err)
	}
}

func TestReadTimeoutNoHeaders(t *testing.T) {
	addr, _ := hangingListener(t)
	hc := newClient(t, transport.Options{ReadTimeout: 200 * time.Millisecond})
	start := time.Now()
	resp, err := hc.Get("http://" + addr + "/")
	if err == nil {
		resp.Body.Close()
		t.Fatal("got a response from a server that never answers")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v, want about the 200ms read timeout", d)
	}
	wantTimeout(t, err, "read")
}

// stallingServer answers with headers and n bytes of a longer body, then
// sends nothing more until the client goes away.
func stallingServer(t *testing.T, n int) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000000")
		w.WriteHeader(http.StatusOK)
		w.Write(bytes.Repeat([]byte("x"), n))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	return srv
}

func TestReadTimeoutStalledBody(t *testing.T) {
	srv := stallingServer(t, 1000)
	hc := newClient(t, transport.Options{ReadTimeout: 200 * time.Millisecond})
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	start := time.Now()
	n, err := io.Copy(io.Discard, resp.Body)
	if n != 1000 {
		t.Errorf("read %d bytes before the stall, want 1000", n)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v, want about the 200ms read timeout", d)
	}
	wantTimeout(t, err, "read")
}

// A body that keeps coming, a byte at a time, never times out, however long
// the whole response takes: the timeout bounds each wait, not the call.
func TestReadTimeoutIsPerRead(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "10")
		for i := 0; i < 10; i++ {
			time.Sleep(60 * time.Millisecond)
			w.Write([]byte("y"))
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	hc := newClient(t, transport.Options{ReadTimeout: 300 * time.Millisecond})
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || string(b) != "yyyyyyyyyy" {
		t.Fatalf("got %q, %v; want 10 bytes and no error", b, err)
	}
}

// A connection taken from the pool waits the whole timeout for its answer,
// however long it sat idle before.
func TestReadTimeoutOnReusedConnection(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			time.Sleep(250 * time.Millisecond)
		}
		io.WriteString(w, "ok")
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	hc := newClient(t, transport.Options{ReadTimeout: 400 * time.Millisecond})
	get := func(path string) {
		t.Helper()
		resp, err := hc.Get(srv.URL + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	get("/")
	time.Sleep(200 * time.Millisecond) // idle, but less than the timeout
	get("/slow")                       // 250ms: over what was left of an idle deadline
	if n := conns.Load(); n != 1 {
		t.Errorf("the server saw %d connections, want 1 (reused)", n)
	}
}

func TestWriteTimeout(t *testing.T) {
	for _, tc := range []struct {
		name string
		body func(t *testing.T) io.Reader
	}{
		{"bytes", func(t *testing.T) io.Reader { return bytes.NewReader(make([]byte, 64<<20)) }},
		{"file", func(t *testing.T) io.Reader {
			// An *os.File body goes out with sendfile(2) through ReadFrom.
			f, err := os.Create(filepath.Join(t.TempDir(), "body"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			if err := f.Truncate(64 << 20); err != nil {
				t.Fatal(err)
			}
			return f
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A peer that accepts and never reads.
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			held := make(chan net.Conn, 4)
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					held <- c
				}
			}()
			defer func() {
				for len(held) > 0 {
					(<-held).Close()
				}
			}()
			hc := newClient(t, transport.Options{ReadTimeout: 300 * time.Millisecond})
			req, _ := http.NewRequest(http.MethodPut, "http://"+ln.Addr().String()+"/", tc.body(t))
			req.ContentLength = 64 << 20
			start := time.Now()
			resp, err := hc.Do(req)
			if err == nil {
				resp.Body.Close()
				t.Fatal("the upload to a peer that never reads succeeded")
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v, want about the 300ms timeout", d)
			}
			var te *transport.TimeoutError
			if !errors.As(err, &te) {
				t.Fatalf("got %v, want a *transport.TimeoutError", err)
			}
		})
	}
}

// sendfile keeps working through the connection wrapper: a file body of
// several slices arrives whole.
func TestFileBodyArrivesWhole(t *testing.T) {
	const size = 9<<20 + 12345 // many slices
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i * 7)
	}
	path := filepath.Join(t.TempDir(), "body")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var got []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = io.ReadAll(r.Body)
	}))
	defer srv.Close()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Seek(100, io.SeekStart)
	hc := newClient(t, transport.Options{ReadTimeout: 5 * time.Second})
	req, _ := http.NewRequest(http.MethodPut, srv.URL, f)
	req.ContentLength = size - 100
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !bytes.Equal(got, data[100:]) {
		t.Fatalf("the server got %d bytes, want the %d bytes of the file from offset 100", len(got), size-100)
	}
}

// hookedFile is a request body whose descriptor hook records how many
// bytes each call let sendfile send, as a transfer manager's part does to
// report progress.
type hookedFile struct {
	f     *os.File
	mu    sync.Mutex
	sends []int64
}

func (h *hookedFile) Read(p []byte) (int, error) { return h.f.Read(p) }
func (h *hookedFile) Close() error               { return nil }

func (h *hookedFile) SyscallConn() (syscall.RawConn, error) {
	rc, err := h.f.SyscallConn()
	if err != nil {
		return nil, err
	}
	return hookedConn{h, rc}, nil
}

type hookedConn struct {
	h *hookedFile
	syscall.RawConn
}

func (c hookedConn) Read(fn func(fd uintptr) bool) error {
	start, _ := c.h.f.Seek(0, io.SeekCurrent)
	err := c.RawConn.Read(fn)
	end, _ := c.h.f.Seek(0, io.SeekCurrent)
	c.h.mu.Lock()
	c.h.sends = append(c.h.sends, end-start)
	c.h.mu.Unlock()
	return err
}

// TestFileBodySentInSlices sends a file body through the SDK's connections,
// with a read timeout and without one: sendfile runs in slices of at most
// 256 KiB (boto3's io_chunksize), the body's descriptor hook once per
// slice, so that the body can report progress at that step.
func TestFileBodySentInSlices(t *testing.T) {
	const size = 3<<20 + 12345
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i * 13)
	}
	path := filepath.Join(t.TempDir(), "body")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var got atomic.Pointer[[]byte]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got.Store(&b)
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name    string
		timeout time.Duration
	}{{"read timeout", 5 * time.Second}, {"no read timeout", -1}} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			body := &hookedFile{f: f}
			hc := newClient(t, transport.Options{ReadTimeout: tc.timeout})
			req, _ := http.NewRequest(http.MethodPut, srv.URL, body)
			req.ContentLength = size
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if b := got.Load(); b == nil || !bytes.Equal(*b, data) {
				t.Fatal("the server did not get the file's bytes")
			}
			var sent int64
			for i, n := range body.sends {
				if n > 256<<10 {
					t.Errorf("hook call %d: sendfile sent %d bytes, want at most %d", i, n, 256<<10)
				}
				sent += n
			}
			// net/http may read the first bytes through Read, to fill its
			// buffer behind the request header.
			if sent < size-64<<10 || len(body.sends) < size/(256<<10) {
				t.Errorf("got %d bytes in %d hook calls, want about %d in at least %d", sent, len(body.sends), size, size/(256<<10))
			}
		})
	}
}

func TestConnectTimeout(t *testing.T) {
	// A listener with a backlog of one whose queue is full and never
	// drained: the kernel drops further SYNs, so a dial hangs until its
	// timeout.
	addr, closeLn := smallBacklogListener(t)
	defer closeLn()
	var fill []net.Conn
	defer func() {
		for _, c := range fill {
			c.Close()
		}
	}()
	for i := 0; i < 16; i++ {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err != nil {
			break
		}
		fill = append(fill, c)
	}
	probe, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
	if err == nil {
		probe.Close()
		t.Skip("the kernel accepted connections beyond the listener's backlog; a hanging connect cannot be made here")
	}
	hc := newClient(t, transport.Options{ConnectTimeout: 200 * time.Millisecond})
	start := time.Now()
	resp, err := hc.Get("http://" + addr + "/")
	if err == nil {
		resp.Body.Close()
		t.Fatal("the connection was made")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v, want about the 200ms connect timeout", d)
	}
	wantTimeout(t, err, "connect")
}

// A cancelled request leaves neither a goroutine nor a connection behind.
func TestCancelLeavesNothing(t *testing.T) {
	var open atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			open.Add(1)
		case http.StateClosed, http.StateHijacked:
			open.Add(-1)
		}
	}
	srv.Start()
	defer srv.Close()
	tr, err := transport.New(transport.Options{ReadTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: tr}
	before := runtime.NumGoroutine()
	for i := 0; i < 5; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
		time.AfterFunc(50*time.Millisecond, cancel)
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
		cancel()
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && (open.Load() != 0 || runtime.NumGoroutine() > before) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := open.Load(); n != 0 {
		t.Errorf("%d connections still open on the server after the cancelled calls", n)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines, %d before the cancelled calls", n, before)
	}
}

func TestPoolKeepsConnections(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		io.WriteString(w, "ok")
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	for _, pool := range []int{2, 8} {
		conns.Store(0)
		hc := newClient(t, transport.Options{MaxPoolConnections: pool})
		for round := 0; round < 5; round++ {
			done := make(chan struct{})
			for i := 0; i < pool; i++ {
				go func() {
					defer func() { done <- struct{}{} }()
					resp, err := hc.Get(srv.URL)
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}()
			}
			for i := 0; i < pool; i++ {
				<-done
			}
		}
		// pool requests at a time, five times: the pool keeps them all.
		if n := conns.Load(); n > int64(pool) {
			t.Errorf("pool %d: the server saw %d connections, want at most %d", pool, n, pool)
		}
	}
}

func TestClientShared(t *testing.T) {
	a, err := transport.Client(transport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := transport.Client(transport.Options{ReadTimeout: transport.DefaultReadTimeout})
	if a != b {
		t.Error("the zero Options and the explicit defaults gave different clients")
	}
	c, _ := transport.Client(transport.Options{MaxPoolConnections: 64})
	if c == a {
		t.Error("a different pool size gave the same client")
	}
	pool := x509.NewCertPool()
	d, _ := transport.Client(transport.Options{RootCAs: pool})
	e, _ := transport.Client(transport.Options{RootCAs: pool})
	if d == a || d != e {
		t.Error("RootCAs do not key the shared clients by pointer")
	}
	// Past the cache's bound, clients are still made and work.
	for i := 1; i <= 40; i++ {
		if _, err := transport.Client(transport.Options{MaxPoolConnections: i}); err != nil {
			t.Fatal(err)
		}
	}
	if a.Timeout != 0 || a.Jar != nil || a.CheckRedirect != nil {
		t.Error("a shared client has a Timeout, Jar or CheckRedirect")
	}
}

func TestInvalidOptions(t *testing.T) {
	for _, o := range []transport.Options{{MaxPoolConnections: -1}, {MaxConnectionsPerHost: -2}} {
		if _, err := transport.Client(o); err == nil {
			t.Errorf("Client(%+v) gave no error", o)
		}
		if _, err := transport.New(o); err == nil {
			t.Errorf("New(%+v) gave no error", o)
		}
	}
}

func TestCABundle(t *testing.T) {
	srv, bundle := testcert.Server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secure")
	}))
	pool, err := transport.LoadCABundle(bundle)
	if err != nil {
		t.Fatal(err)
	}
	hc := newClient(t, transport.Options{RootCAs: pool})
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatalf("with the bundle: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "secure" {
		t.Errorf("got %q, want %q", b, "secure")
	}

	// Without it the server's CA is unknown.
	plain := newClient(t, transport.Options{})
	if resp, err := plain.Get(srv.URL); err == nil {
		resp.Body.Close()
		t.Fatal("the system roots trusted a private CA")
	} else {
		var ua x509.UnknownAuthorityError
		if !errors.As(err, &ua) {
			t.Errorf("got %v, want an x509.UnknownAuthorityError", err)
		}
	}
}

func TestLoadCABundleErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.pem")
	os.WriteFile(empty, nil, 0o600)
	junk := filepath.Join(dir, "junk.pem")
	os.WriteFile(junk, []byte("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"), 0o600)
	missing := filepath.Join(dir, "missing.pem")
	for _, path := range []string{empty, junk, missing} {
		_, err := transport.LoadCABundle(path)
		if err == nil {
			t.Errorf("LoadCABundle(%s) gave no error", path)
			continue
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("error %q does not name the file %s", err, path)
		}
	}
}

// TestHTTP2: with HTTP2 the transport negotiates h2 with a server that
// offers it, and still reads its timeouts; without it (the default) the
// same server is spoken to in HTTP/1.1.
func TestHTTP2(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Proto)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	for _, tt := range []struct {
		http2 bool
		want  string
	}{{false, "HTTP/1.1"}, {true, "HTTP/2.0"}} {
		hc := newClient(t, transport.Options{RootCAs: pool, HTTP2: tt.http2, ReadTimeout: 5 * time.Second})
		resp, err := hc.Get(srv.URL)
		if err != nil {
			t.Fatalf("HTTP2 %v: %v", tt.http2, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != tt.want || resp.Proto != tt.want {
			t.Errorf("HTTP2 %v: server saw %s, client %s; want %s", tt.http2, b, resp.Proto, tt.want)
		}
	}
	a, _ := transport.Client(transport.Options{HTTP2: true})
	b, _ := transport.Client(transport.Options{})
	if a == b {
		t.Error("Client shares one client between HTTP/2 and HTTP/1.1 settings")
	}
}

// TestHTTP2ReadTimeout: over HTTP/2 a stalled body still fails with the
// read timeout (the deadline is on the connection under TLS).
func TestHTTP2ReadTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "a")
		w.(http.Flusher).Flush()
		<-release
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	hc := newClient(t, transport.Options{RootCAs: pool, HTTP2: true, ReadTimeout: 300 * time.Millisecond})
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ProtoMajor != 2 {
		t.Fatalf("got %s, want HTTP/2", resp.Proto)
	}
	_, err = io.ReadAll(resp.Body)
	wantTimeout(t, err, "read")
}
