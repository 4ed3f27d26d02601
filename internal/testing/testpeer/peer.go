package testpeer

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
)

// Server is a running peer: where to reach it and how to sign for it.
type Server struct {
	// Kind is "gofakes3", "moto" or "versitygw".
	Kind string
	// URL is the endpoint, "http://127.0.0.1:PORT" with no trailing slash.
	URL string
	// Region is the signing region the peer expects ("us-east-1").
	Region string
	// AccessKeyID and SecretAccessKey are credentials the peer accepts. For
	// peers that check no signature (gofakes3, moto without Auth) they are
	// placeholders that any client may send.
	AccessKeyID     string
	SecretAccessKey string

	proc *process // nil for in-process peers
}

// Config is a client configuration for the peer: its region, its
// credentials and its URL as every service's endpoint.
func (s *Server) Config() goto3.Config {
	return goto3.Config{Region: s.Region, Credentials: credentials.NewStatic(s.AccessKeyID, s.SecretAccessKey, ""), EndpointURL: s.URL}
}

// String describes the server without its secret.
func (s *Server) String() string {
	return fmt.Sprintf("%s at %s (region %s, access key %s)", s.Kind, s.URL, s.Region, s.AccessKeyID)
}

// Log returns the tail (up to 64 KiB) of the peer process's output, or "" for
// in-process peers. Tests print it when a call against the peer fails.
func (s *Server) Log() string {
	if s.proc == nil {
		return ""
	}
	return s.proc.Log()
}

// Stop stops a process-backed peer now (idempotent; a no-op in-process).
// Dedicated peers are stopped at t.Cleanup and shared ones by StopShared, so
// tests call it only to see how clients behave when a peer goes away.
func (s *Server) Stop() {
	if s.proc != nil {
		s.proc.stop()
	}
}

// Alive reports whether the peer is still running (always true in-process).
func (s *Server) Alive() bool { return s.proc == nil || !s.proc.exited() }

var bucketSeq atomic.Uint64

// BucketName returns a bucket name unique within this test binary and
// derived from t's name, so tests sharing one peer never collide: lower-case
// letters, digits and '-', 3 to 63 bytes, starting with "gt3-". It creates
// nothing.
func BucketName(t testing.TB) string {
	n := bucketSeq.Add(1)
	suffix := fmt.Sprintf("-%d", n)
	var b strings.Builder
	b.WriteString("gt3-")
	dash := true
	for _, c := range strings.ToLower(t.Name()) {
		if b.Len() >= 63-len(suffix) {
			break
		}
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	return s + suffix
}

// missing ends the test because a peer is not installed: t.Skip with the
// install hint, or t.Fatal when the CI environment variable is "true" (CI
// must run every peer test).
func missing(t testing.TB, what, hint string) {
	t.Helper()
	msg := fmt.Sprintf("testpeer: %s is not installed; install it with:\n\t%s", what, hint)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "\n(CI=true: peer tests may not be skipped)")
	}
	t.Skip(msg)
}

// shared holds the peers started once per test binary.
var shared struct {
	mu    sync.Mutex
	peers map[string]*sharedPeer
}

type sharedPeer struct {
	once sync.Once
	srv  *Server
	err  error
}

// sharedServer returns the shared peer named key, starting it with start the
// first time. A start that failed is remembered, so later tests fail fast
// with the same error instead of waiting again.
func sharedServer(key string, start func() (*Server, error)) (*Server, error) {
	shared.mu.Lock()
	if shared.peers == nil {
		shared.peers = make(map[string]*sharedPeer)
	}
	sp := shared.peers[key]
	if sp == nil {
		sp = &sharedPeer{}
		shared.peers[key] = sp
	}
	shared.mu.Unlock()
	sp.once.Do(func() { sp.srv, sp.err = start() })
	if sp.err == nil && !sp.srv.Alive() {
		return nil, fmt.Errorf("testpeer: shared %s exited: %v\n--- output ---\n%s", sp.srv.Kind, sp.srv.proc.err, sp.srv.Log())
	}
	return sp.srv, sp.err
}

// StopShared stops every peer started once per test binary. Call it from
// TestMain after m.Run when a package uses shared peers:
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		testpeer.StopShared()
//		os.Exit(code)
//	}
//
// Without it the peers still end when the test binary exits (each runs under
// a watchdog that notices the binary is gone), just not as promptly.
func StopShared() {
	shared.mu.Lock()
	peers := shared.peers
	shared.peers = nil
	shared.mu.Unlock()
	for _, sp := range peers {
		sp.once.Do(func() {}) // wait for a start in progress
		if sp.srv != nil && sp.srv.proc != nil {
			sp.srv.proc.stop()
		}
	}
}
