package sigv4_test

import (
	"errors"
	"hash/crc32"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/sigv4"
)

func TestChunkedReaderAllocatesNothingPerChunk(t *testing.T) {
	for _, co := range []sigv4.ChunkedOptions{
		{ChunkSize: 8 << 10},
		{ChunkSize: 8 << 10, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()},
		{ChunkSize: 8 << 10, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE(), Unsigned: true},
	} {
		s := sigv4.NewSigner(sigv4.S3Options)
		req, _ := http.NewRequest("PUT", "https://s3.amazonaws.com/b/k", nil)
		p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
		cr, err := s.SignChunked(req, sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}, p, zeros{}, 1<<30, co)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 4096)
		allocs := testing.AllocsPerRun(50, func() {
			// Read past one chunk's worth of encoded bytes.
			for n := 0; n < 9<<10; {
				m, err := cr.Read(buf)
				if err != nil {
					t.Fatal(err)
				}
				n += m
			}
		})
		if allocs != 0 {
			t.Errorf("%+v: got %v allocations per chunk, want 0", co, allocs)
		}
		// WriteTo too, into a writer that stops it after a chunk.
		w := &stopWriter{}
		allocs = testing.AllocsPerRun(50, func() {
			w.left = 9 << 10
			if _, err := cr.WriteTo(w); err != errStop {
				t.Fatal(err)
			}
		})
		if allocs > 0 {
			t.Errorf("%+v: got %v allocations per chunk through WriteTo, want 0", co, allocs)
		}
	}
}

var errStop = errors.New("stop")

// stopWriter accepts left bytes, then fails with errStop.
type stopWriter struct{ left int }

func (w *stopWriter) Write(p []byte) (int, error) {
	if len(p) >= w.left {
		n := w.left
		w.left = 0
		return n, errStop
	}
	w.left -= len(p)
	return len(p), nil
}

func TestSignHTTPAllocations(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken: "token"}
	req := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: "examplebucket.s3.amazonaws.com", Path: "/photos/sample.jpg"},
		Host:   "examplebucket.s3.amazonaws.com",
		Header: http.Header{"Range": {"bytes=0-9"}},
	}
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.EmptyPayloadHash}
	allocs := testing.AllocsPerRun(100, func() {
		if err := s.SignHTTP(req, creds, p); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 8 {
		t.Errorf("got %v allocations per signature, want at most 8", allocs)
	}
}

// TestSignHTTPAgainSameSecond signs a request again within the same second
// (as a quick retry does): the headers the signer set are kept as they are,
// so nothing is allocated, and headers that only look alike are replaced.
func TestSignHTTPAgainSameSecond(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken: "token"}
	newReq := func() *http.Request {
		return &http.Request{
			Method: http.MethodGet,
			URL:    &url.URL{Scheme: "https", Host: "examplebucket.s3.amazonaws.com", Path: "/photos/sample.jpg"},
			Host:   "examplebucket.s3.amazonaws.com",
			Header: http.Header{"Range": {"bytes=0-9"}},
		}
	}
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2013, 5, 24, 0, 0, 7, 0, time.UTC), PayloadHash: sigv4.EmptyPayloadHash}
	want := newReq()
	if err := s.SignHTTP(want, creds, p); err != nil {
		t.Fatal(err)
	}

	req := newReq()
	if err := s.SignHTTP(req, creds, p); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if err := s.SignHTTP(req, creds, p); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 && !raceEnabled {
		t.Errorf("got %v allocations signing again in the same second, want 0", allocs)
	}
	if diff := cmp.Diff(want.Header, req.Header); diff != "" {
		t.Errorf("headers after signing again (-want +got):\n%s", diff)
	}

	// Values equal to the right ones but with more beside them, and a
	// stale signature: all are replaced by the single right value.
	req = newReq()
	req.Header[sigv4.HeaderDate] = []string{want.Header.Get(sigv4.HeaderDate), "x"}
	req.Header[sigv4.HeaderContentSHA256] = []string{sigv4.EmptyPayloadHash, sigv4.EmptyPayloadHash}
	req.Header[sigv4.HeaderSecurityToken] = []string{"token", "token"}
	req.Header[sigv4.HeaderAuthorization] = []string{"AWS4-HMAC-SHA256 stale"}
	if err := s.SignHTTP(req, creds, p); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Header, req.Header); diff != "" {
		t.Errorf("headers after signing over look-alikes (-want +got):\n%s", diff)
	}
	// A later second changes the date and the signature.
	p.Time = p.Time.Add(time.Second)
	if err := s.SignHTTP(req, creds, p); err != nil {
		t.Fatal(err)
	}
	if got, old := req.Header.Get(sigv4.HeaderDate), want.Header.Get(sigv4.HeaderDate); got == old {
		t.Errorf("got X-Amz-Date %q a second later, want a new value", got)
	}
	if got, old := req.Header.Get(sigv4.HeaderAuthorization), want.Header.Get(sigv4.HeaderAuthorization); got == old {
		t.Errorf("got the same Authorization a second later, want a new signature")
	}
}
