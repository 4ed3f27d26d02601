package discardserver

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// ProcessOptions configure StartProcess.
type ProcessOptions struct {
	// Size is the size of every object served; 0 means DefaultObjectSize.
	Size int64
	// VerifyPayloadHash is Options.VerifyPayloadHash.
	VerifyPayloadHash bool
}

// Process is a discardserver running as a child process.
type Process struct {
	// URL is the endpoint.
	URL string

	cmd   *exec.Cmd
	stdin io.WriteCloser
	once  sync.Once
	usage Usage
}

// Usage is the CPU time a stopped server process used.
type Usage struct {
	User, System time.Duration
	MaxRSSKiB    int64
}

// childEnv and childArg mark a process started by StartProcess: the
// running binary (a test binary, which links this package because its
// caller does) re-executed as the server. Both must be present, so a stray
// environment variable alone never turns a test binary into a server.
const (
	childEnv = "GOTO3_DISCARDSERVER_CHILD"
	childArg = "-goto3-discardserver-child"
)

// init turns a process started by StartProcess into the server before any
// test runs (or any package importing this one is initialized); it never
// returns there. Nothing is built or written to disk, so nothing is left
// behind, and concurrent test binaries each re-execute themselves.
func init() {
	if os.Getenv(childEnv) != "1" || len(os.Args) < 2 || os.Args[1] != childArg {
		return
	}
	os.Exit(Main(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
}

// StartProcess starts the server in a child process on 127.0.0.1 (the
// running binary re-executed, see Main) and stops it at tb.Cleanup. A benchmark measuring its own
// process's CPU time or peak RSS uses it instead of Start, so the server's
// work is not counted. The child exits by itself if the test binary dies.
func StartProcess(tb testing.TB, opts ProcessOptions) *Process {
	tb.Helper()
	bin, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	size := opts.Size
	if size == 0 {
		size = DefaultObjectSize
	}
	args := []string{childArg, "-size", strconv.FormatInt(size, 10)}
	if opts.VerifyPayloadHash {
		args = append(args, "-verify-sha256")
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	p := &Process{cmd: cmd, stdin: stdin}
	tb.Cleanup(func() { p.Stop() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "http://") {
		tb.Fatalf("discardserver: no URL from the process (%q, %v)", line, err)
	}
	p.URL = strings.TrimSpace(line)
	return p
}

// Stop ends the process (closing its stdin) and returns the CPU time and
// peak RSS it used. It is idempotent.
func (p *Process) Stop() Usage {
	p.once.Do(func() {
		p.stdin.Close()
		done := make(chan struct{})
		go func() { p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			p.cmd.Process.Kill()
			<-done
		}
		if st := p.cmd.ProcessState; st != nil {
			p.usage = Usage{User: st.UserTime(), System: st.SystemTime(), MaxRSSKiB: maxRSS(st)}
		}
	})
	return p.usage
}
