package discardserver_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/testing/discardserver"
	"github.com/goto3/goto3/sigv4"
)

// The server's own cost per 8 MiB part, client and server in one process
// over loopback: what a transfer benchmark pays on the server side.
func BenchmarkUploadPart(b *testing.B) {
	body := bytes.Repeat([]byte("b"), 8<<20)
	for _, verify := range []bool{false, true} {
		b.Run(fmt.Sprintf("verify=%v", verify), func(b *testing.B) {
			s := discardserver.Start(b, discardserver.Options{VerifyPayloadHash: verify})
			hash := sum(body)
			r := bytes.NewReader(body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				r.Reset(body)
				req, _ := http.NewRequest("PUT", s.URL+"/bkt/key?partNumber=1&uploadId=u", r)
				req.Header.Set(sigv4.HeaderContentSHA256, hash)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("got %d", resp.StatusCode)
				}
			}
		})
	}
}

func BenchmarkGetRange(b *testing.B) {
	s := discardserver.Start(b, discardserver.Options{})
	buf := make([]byte, 256<<10)
	b.SetBytes(8 << 20)
	b.ReportAllocs()
	i := int64(0)
	for b.Loop() {
		off := (i % 128) * 8 << 20
		i++
		req, _ := http.NewRequest("GET", s.URL+"/bkt/key", nil)
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+8<<20-1))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.CopyBuffer(io.Discard, struct{ io.Reader }{resp.Body}, buf)
		resp.Body.Close()
		if n != 8<<20 {
			b.Fatalf("got %d bytes", n)
		}
	}
}
