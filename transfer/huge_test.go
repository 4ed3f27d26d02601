package transfer_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/goto3/goto3/internal/testing/discardserver"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// handlerTransport serves requests with an http.Handler in process: no
// socket, no TLS, so a test can move tens of gigabytes quickly.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	r := req.Clone(req.Context())
	r.RequestURI = req.URL.RequestURI()
	if r.Body == nil {
		r.Body = http.NoBody
	}
	t.h.ServeHTTP(rec, r)
	if req.Body != nil {
		req.Body.Close()
	}
	return rec.Result(), nil
}

// TestHugeObject uploads and downloads an object of 10,001 default parts
// (84 GB) through the real client to the discard server, in process: the
// part size must grow (to 9 MiB, 8,890 parts) and every byte must arrive.
// The source is synthetic (no memory, no disk). It takes minutes, so it
// runs only with GOTO3_TRANSFER_HUGE=1.
func TestHugeObject(t *testing.T) {
	if os.Getenv("GOTO3_TRANSFER_HUGE") == "" {
		t.Skip("moves 84 GB; set GOTO3_TRANSFER_HUGE=1 to run")
	}
	size := int64(10001) * transfer.DefaultPartSize
	ds := discardserver.New(discardserver.Options{ObjectSize: func(string, string) int64 { return size }})
	// An https URL: the client then sends UNSIGNED-PAYLOAD with the
	// manager's CRC32 header, so no SHA-256 of 84 GB is computed.
	c := newClient(t, "https://discard.test", "us-east-1", "AKID", "SECRET", func(o *s3.Options) {
		o.HTTPClient = &http.Client{Transport: handlerTransport{ds}}
	})
	m := newPeerManager(t, c, transfer.Options{Concurrency: 4})
	res, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "huge", Body: sparse{size}})
	if err != nil {
		t.Fatal(err)
	}
	st := ds.Stats()
	if res.Parts != 8890 || st.UploadParts != 8890 || st.BodyBytesIn != size {
		t.Errorf("got %d parts, server saw %d parts and %d bytes; want 8890 parts and %d bytes", res.Parts, st.UploadParts, st.BodyBytesIn, size)
	}
	n, err := dsize(m.Download(context.Background(), &transfer.DownloadInput{Bucket: "bkt", Key: "huge", WriterAt: discardWriterAt{}}))
	if err != nil || n != size {
		t.Fatalf("Download: %d, %v; want %d", n, err, size)
	}
}
