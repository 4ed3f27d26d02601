package discardserver

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
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

var build struct {
	once sync.Once
	path string
	err  error
}

// binary builds cmd/discardserver once per test binary (go build, cached by
// the build cache) into a temporary directory.
func binary() (string, error) {
	build.once.Do(func() {
		dir, err := os.MkdirTemp("", "goto3-discardserver-")
		if err != nil {
			build.err = err
			return
		}
		build.path = filepath.Join(dir, "discardserver")
		out, err := exec.Command("go", "build", "-o", build.path, "github.com/goto3/goto3/internal/discardserver/cmd/discardserver").CombinedOutput()
		if err != nil {
			build.err = fmt.Errorf("discardserver: go build: %w\n%s", err, out)
		}
	})
	return build.path, build.err
}

// StartProcess builds (once) and starts the discardserver command on
// 127.0.0.1 and stops it at tb.Cleanup. A benchmark measuring its own
// process's CPU time or peak RSS uses it instead of Start, so the server's
// work is not counted. The child exits by itself if the test binary dies.
func StartProcess(tb testing.TB, opts ProcessOptions) *Process {
	tb.Helper()
	bin, err := binary()
	if err != nil {
		tb.Fatal(err)
	}
	size := opts.Size
	if size == 0 {
		size = DefaultObjectSize
	}
	args := []string{"-size", strconv.FormatInt(size, 10)}
	if opts.VerifyPayloadHash {
		args = append(args, "-verify-sha256")
	}
	cmd := exec.Command(bin, args...)
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
