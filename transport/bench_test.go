package transport_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/goto3/goto3/transport"
)

// onlyReader hides everything but Read, as a buffered request body that
// cannot be sent with sendfile looks to the connection.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// BenchmarkSendBody sends an 8 MiB in-memory body over the SDK's
// transport (read timeout set, so the connection wrapper is in the path)
// to a loopback server that discards it.
func BenchmarkSendBody(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
	}))
	defer srv.Close()
	tr, err := transport.New(transport.Options{})
	if err != nil {
		b.Fatal(err)
	}
	client := &http.Client{Transport: tr}
	data := make([]byte, 8<<20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequest(http.MethodPut, srv.URL, onlyReader{bytes.NewReader(data)})
		if err != nil {
			b.Fatal(err)
		}
		req.ContentLength = int64(len(data))
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
