package testpeer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// watchdog is the shell wrapper every peer process runs under. It starts the
// peer ("$@") in the background and keeps a second background job blocked on
// reading fd 3, a copy of the wrapper's stdin, which is a pipe whose only
// writer is the test binary. When the test binary closes the pipe (stop) or
// dies for any reason, the read returns and the job sends SIGTERM to the peer
// and removes $TESTPEER_RMDIR if set, so no peer outlives its test binary.
// The wrapper itself exits with the peer's status, which lets the test binary
// notice a peer that died on its own; the watchdog job writes nowhere, so it
// holds no end of the output pipes that exec.Cmd.Wait drains.
//
// Asynchronous lists in a non-interactive shell read /dev/null by default
// (POSIX, Shell Command Language 2.9.3), hence the explicit fd 3.
const watchdog = `exec 3<&0
"$@" </dev/null 3<&- &
p=$!
( cat <&3 >/dev/null
  kill -TERM "$p" 2>/dev/null
  i=0
  while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
  kill -KILL "$p" 2>/dev/null
  if [ -n "$TESTPEER_RMDIR" ]; then rm -rf "$TESTPEER_RMDIR"; fi ) >/dev/null 2>&1 &
exec 3<&-
wait "$p"
`

// process is one peer running under the watchdog in its own process group.
type process struct {
	name  string
	cmd   *exec.Cmd
	stdin io.WriteCloser
	log   *tailBuffer
	done  chan struct{} // closed when the wrapper has exited
	err   error         // the wrapper's exit error, valid after done

	stopOnce sync.Once
	rmdir    string
}

// startProcess starts argv under the watchdog with env added to the
// environment. rmdir, when not empty, is removed when the process stops.
func startProcess(name string, argv, env []string, rmdir string) (*process, error) {
	args := append([]string{"-c", watchdog, "sh"}, argv...)
	cmd := exec.Command("/bin/sh", args...)
	cmd.Env = append(os.Environ(), env...)
	if rmdir != "" {
		cmd.Env = append(cmd.Env, "TESTPEER_RMDIR="+rmdir)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	log := &tailBuffer{max: 64 << 10}
	cmd.Stdout = log
	cmd.Stderr = log
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("testpeer: %s: %w", name, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("testpeer: starting %s: %w", name, err)
	}
	p := &process{name: name, cmd: cmd, stdin: stdin, log: log, done: make(chan struct{}), rmdir: rmdir}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// exited reports whether the process has ended.
func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop ends the process group: it closes the watchdog's pipe (the peer gets
// SIGTERM), waits up to 5 s, then kills the whole group. It is idempotent.
func (p *process) stop() {
	p.stopOnce.Do(func() {
		p.stdin.Close()
		pgid := p.cmd.Process.Pid
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
		}
		// The group also holds the watchdog job; end whatever is left.
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.done
		if p.rmdir != "" {
			_ = os.RemoveAll(p.rmdir)
		}
	})
}

// Log returns the tail of the process's combined output.
func (p *process) Log() string { return p.log.String() }

// tailBuffer keeps the last max bytes written to it; safe for concurrent use.
type tailBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	max     int
	dropped bool
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
	if over := b.buf.Len() - b.max; over > 0 {
		b.buf.Next(over)
		b.dropped = true
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.dropped {
		return "[...]" + b.buf.String()
	}
	return b.buf.String()
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago. A peer
// started on it may still lose a race with another process; callers retry.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("testpeer: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// errExited reports a peer that ended before it became ready.
var errExited = errors.New("testpeer: peer exited before it was ready")

// waitHTTP polls url with GET until any HTTP response arrives, the process
// exits, or timeout passes.
func waitHTTP(p *process, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return nil
		}
		last = err
		select {
		case <-p.done:
			return fmt.Errorf("%w (%s: %v)", errExited, p.name, p.err)
		case <-ctx.Done():
			return fmt.Errorf("testpeer: %s not answering on %s after %v: %v", p.name, url, timeout, last)
		case <-tick.C:
		}
	}
}

// startReady starts a peer on a fresh port and waits for it, retrying twice
// when the peer dies early (for example because another process took the
// port first). argvFor builds the command line for a port; readyURL the URL
// that answers once the peer is up.
func startReady(name string, argvFor func(port int) []string, env []string, rmdir string, readyPath string, timeout time.Duration) (*process, string, error) {
	var errs []error
	for range 3 {
		port, err := freePort()
		if err != nil {
			return nil, "", err
		}
		base := "http://127.0.0.1:" + strconv.Itoa(port)
		p, err := startProcess(name, argvFor(port), env, rmdir)
		if err != nil {
			return nil, "", err
		}
		err = waitHTTP(p, base+readyPath, timeout)
		if err == nil {
			return p, base, nil
		}
		p.stop()
		errs = append(errs, fmt.Errorf("%w\n--- %s output ---\n%s", err, name, p.Log()))
		if !errors.Is(err, errExited) {
			break
		}
	}
	return nil, "", errors.Join(errs...)
}
