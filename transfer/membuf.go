package transfer

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Stream part buffers (and DownloadTo's range buffers) live outside the Go
// heap where the platform allows it (membuf_unix.go: an anonymous private
// mapping). A heap buffer would count towards the GC's heap goal: with
// GOGC=100 the collector lets as much garbage pile up as there is live
// heap, so Concurrency part buffers of live heap would let about as many
// bytes of ordinary request garbage stay resident before a collection.
// Off the heap, the goal follows only the small heap the requests use.
//
// A mapping also costs only the pages that were written to: a buffer is
// part-sized from the start, and a short stream, read into a window that
// doubles as the stream proves long (see chunker.fill), touches only a
// little more than it held.

// memRef is a buffer from allocBuffer or allocSmall, as needed to free it.
type memRef struct {
	b      []byte // the whole buffer, as allocated
	mapped bool   // off the heap: must be unmapped
	// small is the heap window b is, from smallBuffers, to give back.
	small *[minBuffer]byte
}

// smallBuffers holds heap windows of minBuffer bytes. A stream part is
// read into one until the stream proves longer (see chunker.fill): most
// streams uploaded are short, and for them mapping a part-sized buffer
// and unmapping it when a full pool drops it costs more than the bytes.
var smallBuffers = sync.Pool{New: func() any { return new([minBuffer]byte) }}

// allocSmall returns a heap window of minBuffer bytes.
func allocSmall() memRef {
	a := smallBuffers.Get().(*[minBuffer]byte)
	liveBuffers.Add(1)
	liveBufferBytes.Add(minBuffer)
	return memRef{b: a[:], small: a}
}

// liveBuffers and liveBufferBytes count the buffers allocBuffer made that
// are not freed yet (for the tests' leak checks).
var liveBuffers, liveBufferBytes atomic.Int64

// allocBuffer returns a buffer of n bytes, off the heap when the platform
// and the moment allow (a failed mapping falls back to the heap).
func allocBuffer(n int) memRef {
	m := memRef{b: mapBuffer(n)}
	m.mapped = m.b != nil
	if !m.mapped {
		m.b = make([]byte, n)
	}
	liveBuffers.Add(1)
	liveBufferBytes.Add(int64(n))
	return m
}

// free returns the buffer; nothing may touch its bytes afterwards.
func (m memRef) free() {
	if m.b == nil {
		return
	}
	liveBuffers.Add(-1)
	liveBufferBytes.Add(-int64(len(m.b)))
	switch {
	case m.mapped:
		unmapBuffer(m.b)
	case m.small != nil:
		smallBuffers.Put(m.small)
	}
}

// partBuffer is the buffer a stream part owns across its reuses, within
// an upload and, through the manager's bufferPool, across uploads. A part
// whose buffer was never handed back (its chunker or pool dropped without
// close) frees it when the part becomes unreachable: until then the part
// is how any code reaches the bytes.
type partBuffer struct {
	mem     memRef
	cleanup runtime.Cleanup
	// touched is how many bytes from the start of mem were ever handed to
	// a Read or written: the most of the buffer that can be resident.
	touched int
}

// ensureBuffer gives p a buffer of at least n bytes, replacing a smaller
// one.
func (p *part) ensureBuffer(n int) {
	if len(p.pb.mem.b) >= n {
		return
	}
	p.setBuffer(allocBuffer(n))
}

// setBuffer gives p the buffer m, freeing the one it had.
func (p *part) setBuffer(m memRef) {
	p.freeBuffer()
	p.pb.mem = m
	p.pb.cleanup = runtime.AddCleanup(p, memRef.free, m)
}

// freeBuffer frees p's buffer, if any; p.buf must not be used afterwards.
func (p *part) freeBuffer() {
	if p.pb.mem.b == nil {
		return
	}
	p.pb.cleanup.Stop()
	p.pb.mem.free()
	p.pb = partBuffer{}
	p.buf = nil
}
