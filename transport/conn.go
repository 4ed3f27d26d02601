package transport

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// conn enforces the read timeout on one connection, as a socket timeout
// does in botocore: every Read and Write must make progress within
// timeout. Before each, the deadline moves to now + timeout (at most once
// per timeout/16, so a busy connection pays for the clock, not for a timer
// change per call); a Write moves the read deadline too, so a connection
// taken from the pool waits the whole timeout for its answer. An idle
// connection's pending read times out after it has been idle that long and
// the transport drops it.
//
// A connection that can send a file with sendfile(2) (*net.TCPConn) keeps
// doing so: ReadFrom hands the body to it in slices of sendSlice bytes, each
// under a fresh write deadline. The slices also pace what a file body's
// descriptor hook sees: net.TCPConn.ReadFrom runs the body's
// syscall.RawConn Read function once per slice, which is where a transfer
// manager's part learns how far sendfile got and reports progress. A
// connection without a timeout (timeout <= 0) sets no deadlines but still
// sends in slices.
type conn struct {
	net.Conn
	rf        io.ReaderFrom // the *net.TCPConn, or nil
	addr      string
	timeout   time.Duration
	slack     int64        // timeout/16 in nanoseconds
	readArmed atomic.Int64 // when the read deadline was last moved (ns since base)
	writeArmd atomic.Int64
	base      time.Time // monotonic origin of the *Armed fields
	timedOut  atomic.Pointer[TimeoutError]
}

// sendSlice is the most a ReadFrom sends under one write deadline and one
// call of the body's descriptor hook: boto3's io_chunksize (256 KiB), the
// step at which its transfers report progress. A slice costs two clock
// reads, a deadline update and a sendfile call or two, a few microseconds
// per 256 KiB.
const sendSlice = 256 << 10

func newConn(c net.Conn, addr string, timeout time.Duration) *conn {
	cn := &conn{Conn: c, addr: addr, timeout: timeout, slack: int64(timeout / 16), base: time.Now()}
	if tc, ok := c.(*net.TCPConn); ok {
		cn.rf = tc
	}
	// Force the first Read and Write to set their deadlines.
	cn.readArmed.Store(-1 << 62)
	cn.writeArmd.Store(-1 << 62)
	return cn
}

// arm moves a deadline to now+timeout unless it was moved less than slack
// ago. It reports an error from the connection (closed).
func (c *conn) arm(last *atomic.Int64, set func(time.Time) error) error {
	if c.timeout <= 0 {
		return nil
	}
	now := time.Now()
	ns := int64(now.Sub(c.base))
	if ns-last.Load() < c.slack {
		return nil
	}
	last.Store(ns)
	return set(now.Add(c.timeout))
}

func (c *conn) Read(p []byte) (int, error) {
	if err := c.arm(&c.readArmed, c.Conn.SetReadDeadline); err != nil {
		return 0, err
	}
	n, err := c.Conn.Read(p)
	return n, c.wrap("read", err)
}

func (c *conn) Write(p []byte) (int, error) {
	if err := c.armWrite(); err != nil {
		return 0, err
	}
	n, err := c.Conn.Write(p)
	return n, c.wrap("write", err)
}

// armWrite moves the write deadline, and the read deadline with it: the
// answer to what is being written is due timeout after the last byte.
func (c *conn) armWrite() error {
	if err := c.arm(&c.writeArmd, c.Conn.SetWriteDeadline); err != nil {
		return err
	}
	return c.arm(&c.readArmed, c.Conn.SetReadDeadline)
}

// ReadFrom sends r, with sendfile(2) where the connection and r allow it,
// in slices that each get the whole write timeout.
func (c *conn) ReadFrom(r io.Reader) (int64, error) {
	if c.rf == nil {
		return genericCopy(c, r)
	}
	// net.TCPConn.ReadFrom looks through one *io.LimitedReader for a file:
	// keep r's own limit and slice inside it.
	lr, limited := r.(*io.LimitedReader)
	src, remain := r, int64(-1)
	if limited {
		src, remain = lr.R, lr.N
	}
	if !hasDescriptor(src) {
		// Nothing to sendfile from: net.TCPConn.ReadFrom would copy
		// through a 32 KiB buffer it allocates per call, that is per
		// slice. Copy through a pooled buffer instead; each Write arms
		// the deadline.
		return pooledCopy(c, r)
	}
	var total int64
	// One reader for every slice: it escapes into ReadFrom.
	slice := &io.LimitedReader{R: src}
	for remain != 0 {
		// Each slice gets the whole timeout.
		c.writeArmd.Store(-1 << 62)
		if err := c.armWrite(); err != nil {
			return total, err
		}
		n := int64(sendSlice)
		if remain >= 0 && remain < n {
			n = remain
		}
		slice.N = n
		m, err := c.rf.ReadFrom(slice)
		total += m
		if remain > 0 {
			remain -= m
			if limited {
				lr.N = remain
			}
		}
		if err != nil {
			return total, c.wrap("write", err)
		}
		if m < n {
			// src ended.
			break
		}
	}
	return total, nil
}

// genericCopy copies r to c through Write.
func genericCopy(c *conn, r io.Reader) (int64, error) {
	return io.Copy(struct{ io.Writer }{c}, r)
}

// hasDescriptor reports whether net.TCPConn.ReadFrom could send r with
// sendfile(2): r has a SyscallConn method that gives a descriptor (a body
// wrapper may have the method and no descriptor behind it).
func hasDescriptor(r io.Reader) bool {
	sc, ok := r.(syscall.Conn)
	if !ok {
		return false
	}
	rc, err := sc.SyscallConn()
	return err == nil && rc != nil
}

// copyBufs are the buffers of pooledCopy, one slice each.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, sendSlice); return &b }}

// pooledCopy copies r to c through Write with a pooled buffer.
func pooledCopy(c *conn, r io.Reader) (int64, error) {
	bp := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(bp)
	return io.CopyBuffer(struct{ io.Writer }{c}, r, *bp)
}

// wrap turns a deadline error into a *TimeoutError. A timeout of one
// direction closes the connection (the transport drops it), so the other
// direction's "use of closed network connection" that follows is reported
// as the timeout that caused it.
func (c *conn) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		te := &TimeoutError{Op: op, Addr: c.addr, After: c.timeout}
		c.timedOut.CompareAndSwap(nil, te)
		return te
	}
	if errors.Is(err, net.ErrClosed) {
		if te := c.timedOut.Load(); te != nil {
			return te
		}
	}
	return err
}
