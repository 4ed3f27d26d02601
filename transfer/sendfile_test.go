package transfer_test

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/goto3/goto3/transfer"
)

// TestPartSendfile sends file parts through a loopback TCP connection the
// way net/http does (TCPConn.ReadFrom of an io.LimitedReader over the
// body), after reading a few bytes with Read: each part's bytes arrive in
// order, from where Read stopped, and the part's position follows.
func TestPartSendfile(t *testing.T) {
	const ps = 1 << 20
	data := pattern(3*ps + 12345)
	path := filepath.Join(t.TempDir(), "src")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ck := transfer.NewChunker(f, nil, int64(len(data)), ps, 2)
	defer ck.Close()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan []byte, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(c)
		c.Close()
		got <- b
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	tcp := conn.(*net.TCPConn)
	for {
		p, err := ck.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !p.HasDescriptor() {
			t.Fatalf("part %d: got no descriptor, want one for sendfile", p.Num())
		}
		if _, ok := any(p).(syscall.Conn); !ok {
			t.Fatal("part is not a syscall.Conn")
		}
		head := make([]byte, 100)
		if _, err := io.ReadFull(p, head); err != nil {
			t.Fatal(err)
		}
		if _, err := tcp.Write(head); err != nil {
			t.Fatal(err)
		}
		n, err := tcp.ReadFrom(io.LimitReader(p, p.Size()-100))
		if err != nil || n != p.Size()-100 {
			t.Fatalf("part %d: sent %d bytes (%v), want %d", p.Num(), n, err, p.Size()-100)
		}
		if pos, _ := p.Seek(0, io.SeekCurrent); pos != p.Size() {
			t.Errorf("part %d: position %d after sending, want %d", p.Num(), pos, p.Size())
		}
		ck.Release(p)
	}
	tcp.Close()
	if b := <-got; !bytes.Equal(b, data) {
		t.Errorf("got %d bytes through the connection, want the file's %d, equal", len(b), len(data))
	}
}
