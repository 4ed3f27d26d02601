package transfer

import (
	"errors"
	"io"
	"os"
	"runtime"
	"strconv"
	"syscall"
)

// A part of a file is sent with sendfile(2): the part has a SyscallConn
// method, which the client's request body passes on to net/http, and
// net.TCPConn.ReadFrom then moves the part's bytes from the page cache to
// the socket without copying them through the process (half the memory
// traffic and none of the 32 KiB read/write pairs of a plain copy).
// sendfile reads from the descriptor's own position, so every part slot
// has its own open file description of the source, opened once per upload
// and positioned at the part's offset before each send.

var errNoDescriptor = errors.New("transfer: part has no file descriptor")

// reopen opens a second file description of f (its own offset), or
// returns nil when that cannot be done or does not name the same file.
func reopen(f *os.File) *os.File {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	var names []string
	if runtime.GOOS == "linux" {
		// The descriptor's own path: right even after a rename.
		names = append(names, "/proc/self/fd/"+strconv.Itoa(int(f.Fd())))
	}
	names = append(names, f.Name())
	for _, name := range names {
		g, err := os.Open(name)
		if err != nil {
			continue
		}
		if gs, err := g.Stat(); err == nil && os.SameFile(st, gs) {
			return g
		}
		g.Close()
	}
	return nil
}

// SyscallConn returns a raw connection whose Read runs the caller's
// function on a descriptor positioned at the part's read position; the
// bytes the function consumes advance the part and are reported as
// progress at once. net.TCPConn.ReadFrom runs that function once per
// ReadFrom call, and the SDK's connections (package transport) call it per
// slice of at most 256 KiB, so a part sent with sendfile reports progress
// at that step. It fails for a part that is not a section of a file.
func (p *part) SyscallConn() (syscall.RawConn, error) {
	if p.file == nil || p.rc == nil {
		return nil, errNoDescriptor
	}
	return partConn{p}, nil
}

type partConn struct{ p *part }

func (c partConn) Read(fn func(fd uintptr) bool) error {
	p := c.p
	start := p.off + p.pos
	if _, err := p.file.Seek(start, io.SeekStart); err != nil {
		return err
	}
	err := p.rc.Read(fn)
	end, serr := p.file.Seek(0, io.SeekCurrent)
	if serr != nil {
		return errors.Join(err, serr)
	}
	if end > p.off+p.size {
		return errors.Join(err, errors.New("transfer: sent past the part's end"))
	}
	p.advance(end-start, true)
	return err
}

func (c partConn) Control(fn func(fd uintptr)) error {
	return c.p.rc.Control(fn)
}

func (partConn) Write(func(fd uintptr) bool) error {
	return errors.New("transfer: a part is read-only")
}
