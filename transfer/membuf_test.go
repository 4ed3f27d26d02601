package transfer_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3/transfer"
)

// settledBuffers collects garbage until the count of live part buffers
// is at most want (or, for want < 0, stops changing), and returns it: the
// cleanups of unreachable parts run after a collection, on a goroutine of
// their own. Buffers of earlier tests may be freed meanwhile, so the
// count can only be trusted not to be higher than it should.
func settledBuffers(t *testing.T, want int64) (n, bytes int64) {
	t.Helper()
	n, bytes = transfer.LiveBuffers()
	for i, same := 0, 0; i < 200 && (want < 0 || n > want) && same < 5; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
		m, mb := transfer.LiveBuffers()
		if m == n && mb == bytes {
			same++
		} else {
			same = 0
		}
		n, bytes = m, mb
	}
	return n, bytes
}

// scribbler is a stream that uses all of each Read's buffer as scratch
// space, as io.Reader allows, before giving n bytes.
type scribbler struct{ n int }

func (s *scribbler) Read(p []byte) (int, error) {
	if s.n == 0 {
		return 0, io.EOF
	}
	for i := range p {
		p[i] = 0xAA
	}
	k := min(len(p), s.n)
	s.n -= k
	return k, nil
}

func TestChunkerShortStreamTouchesLittle(t *testing.T) {
	// However its reader uses the space it is given, a short stream
	// touches (and makes resident) a short window of its part-sized
	// buffer.
	for _, tc := range []struct {
		name string
		r    io.Reader
	}{
		{"reader", strings.NewReader(strings.Repeat("x", 10_000))},
		{"scribbler", &scribbler{n: 10_000}},
		{"one byte at a time", &oneByte{strings.NewReader(strings.Repeat("y", 10_000))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := transfer.NewChunker(nil, tc.r, -1, 8*mib, 3)
			defer c.Close()
			p, err := c.Next()
			if err != nil {
				t.Fatal(err)
			}
			if p.Size() != 10_000 || p.BufCap() > 64<<10 {
				t.Errorf("got part of %d bytes touching %d bytes of its buffer, want 10000 touching at most 64 KiB", p.Size(), p.BufCap())
			}
			if got := resident(p.Buffer()); got > 64<<10 {
				t.Errorf("got %d bytes of the buffer resident, want at most 64 KiB", got)
			}
			c.Release(p)
			if _, err := c.Next(); err != io.EOF {
				t.Errorf("got %v, want io.EOF", err)
			}
		})
	}
}

type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

func TestChunkerLongStreamWholeParts(t *testing.T) {
	// Once a part has filled, the stream is read a part at a time into
	// buffers that are part-sized from the start: no copying on growth.
	const ps = 1 * mib
	data := pattern(5*ps + 123)
	c := transfer.NewChunker(nil, streamOnly{bytes.NewReader(data)}, -1, ps, 2)
	defer c.Close()
	var got []byte
	for {
		p, err := c.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Buffer()) != ps {
			t.Errorf("part %d: got a buffer of %d bytes, want %d", p.Num(), len(p.Buffer()), ps)
		}
		if p.Num() > 1 && p.BufCap() != ps {
			t.Errorf("part %d: got %d bytes of the buffer offered to the stream, want %d", p.Num(), p.BufCap(), ps)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, b...)
		c.Release(p)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("got %d bytes back, want the %d of the stream", len(got), len(data))
	}
}

// TestStreamBuffersOffHeap: a stream that fills the first window is read
// on into a buffer off the heap (where the platform allows it); a shorter
// one never makes a mapping.
func TestStreamBuffersOffHeap(t *testing.T) {
	for _, tc := range []struct {
		size   int
		mapped bool
	}{{100, false}, {32<<10 - 1, false}, {32 << 10, offHeap}, {100 << 10, offHeap}, {3 * mib, offHeap}} {
		data := pattern(int64(tc.size))
		c := transfer.NewChunker(nil, streamOnly{bytes.NewReader(data)}, -1, mib, 1)
		p, err := c.Next()
		if err != nil {
			t.Fatal(err)
		}
		if got := p.BufferMapped(); got != tc.mapped {
			t.Errorf("%d bytes: got a buffer off the heap %v, want %v on %s", tc.size, got, tc.mapped, runtime.GOOS)
		}
		got, err := io.ReadAll(p)
		if want := data[:min(tc.size, mib)]; err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: the part reads %d bytes (%v), not the stream's first %d", tc.size, len(got), err, len(want))
		}
		c.Release(p)
		c.Close()
	}
}

// TestStreamBuffersNoLeak runs stream uploads and downloads in order, in
// parallel, failing and cancelled through one manager: afterwards exactly
// the buffers the manager keeps are left, and none once the manager is
// gone.
func TestStreamBuffersNoLeak(t *testing.T) {
	base, baseBytes := settledBuffers(t, -1)
	f := newFake()
	cfg := smallConfig()
	cfg.Concurrency = 2
	f.partFault = func(ctx context.Context, num int32, n int) error {
		if num == 3 {
			return internalError() // fails the uploads of 3 parts or more
		}
		return nil
	}
	m := newManager(t, f, cfg)
	ctx := context.Background()
	data := pattern(6 * mib)
	f.put("bkt", "obj", pattern(4*5*mib+1))
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprint("k", i)
			switch i % 4 {
			case 0: // two parts
				if _, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "bkt", Key: key, Body: streamOnly{bytes.NewReader(data)}}); err != nil {
					t.Errorf("upload %d: %v", i, err)
				}
			case 1: // a failed part
				if _, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "bkt", Key: key, Body: streamOnly{bytes.NewReader(pattern(11 * mib))}}); err == nil {
					t.Errorf("upload %d: got no error, want the part's", i)
				}
			case 2: // one request
				if _, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "bkt", Key: key, Body: streamOnly{strings.NewReader("short")}}); err != nil {
					t.Errorf("upload %d: %v", i, err)
				}
			case 3: // in order, through range buffers
				var buf bytes.Buffer
				if _, err := m.DownloadTo(ctx, &transfer.DownloadToInput{Bucket: "bkt", Key: "obj", Writer: &buf}); err != nil {
					t.Errorf("download %d: %v", i, err)
				}
			}
		}()
	}
	wg.Wait()
	// A cancelled upload leaves its buffers too.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := m.Upload(cctx, &transfer.UploadInput{Bucket: "bkt", Key: "cancelled", Body: streamOnly{bytes.NewReader(data)}}); err == nil {
		t.Errorf("cancelled upload: got no error")
	}

	n, nb := transfer.LiveBuffers()
	if got, want := n-base, int64(m.Pooled()); got > want || want == 0 || want > int64(cfg.Concurrency) {
		t.Errorf("got %d part buffers alive after the transfers, want the %d the manager keeps (at most %d)", got, want, cfg.Concurrency)
	}
	if got, max := nb-baseBytes, int64(m.Pooled())*cfg.PartSize; got > max {
		t.Errorf("got %d bytes of part buffers alive, want at most %d", got, max)
	}
	runtime.KeepAlive(m)
	m = nil
	if n, nb := settledBuffers(t, base); n > base || nb > baseBytes {
		t.Errorf("got %d part buffers (%d bytes) once the manager is gone, want %d (%d bytes)", n, nb, base, baseBytes)
	}
}

func TestUnclosedChunkerFreesBuffers(t *testing.T) {
	// A chunker dropped without Close (and its pool with it) frees its
	// buffers when its parts become unreachable.
	base, _ := settledBuffers(t, -1)
	func() {
		c := transfer.NewChunker(nil, zeroReader{}, -1, mib, 3)
		for range 3 {
			p, err := c.Next()
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Buffer()) != mib {
				t.Fatalf("got a buffer of %d bytes, want %d", len(p.Buffer()), mib)
			}
		}
	}()
	if n, _ := settledBuffers(t, base); n > base {
		t.Errorf("got %d buffers left, want none", n-base)
	}
}
