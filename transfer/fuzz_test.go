package transfer_test

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"

	"github.com/goto3/goto3/transfer"
)

// FuzzChunker cuts random sources into parts and checks that the parts,
// read through every access path, put the source back together, with
// every part full but the last.
func FuzzChunker(f *testing.F) {
	f.Add([]byte("hello, world"), uint16(5), uint8(2), false, false)
	f.Add(make([]byte, 100), uint16(10), uint8(1), true, true)
	f.Add([]byte{}, uint16(1), uint8(3), true, false)
	f.Fuzz(func(t *testing.T, data []byte, ps16 uint16, max8 uint8, stream, oneByte bool) {
		ps := int64(ps16%512) + 1
		maxOut := int(max8%4) + 1
		var c *transfer.Chunker
		if stream {
			var r io.Reader = bytes.NewReader(data)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			c = transfer.NewChunker(nil, r, -1, ps, maxOut)
		} else {
			c = transfer.NewChunker(bytes.NewReader(data), nil, int64(len(data)), ps, maxOut)
		}
		defer c.Close()
		var got []byte
		for n := int32(1); ; n++ {
			p, err := c.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Num() != n {
				t.Fatalf("got part %d, want %d", p.Num(), n)
			}
			if p.Size() > ps || p.Size() < ps && int64(len(got))+p.Size() != int64(len(data)) {
				t.Fatalf("part %d has %d bytes (part size %d, %d of %d done)", n, p.Size(), ps, len(got), len(data))
			}
			b, err := io.ReadAll(p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Seek(0, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			again, _ := io.ReadAll(p)
			at := make([]byte, p.Size())
			if k, err := p.ReadAt(at, 0); int64(k) != p.Size() || (err != nil && err != io.EOF) {
				t.Fatalf("ReadAt: %d, %v", k, err)
			}
			if !bytes.Equal(b, again) || !bytes.Equal(b, at) {
				t.Fatalf("part %d reads differently", n)
			}
			got = append(got, b...)
			c.Release(p)
			if n > int32(len(data))+2 {
				t.Fatal("too many parts")
			}
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("got %d bytes back, want %d", len(got), len(data))
		}
	})
}
