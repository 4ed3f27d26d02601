package pipeline_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
)

func bodyRequest(body string, encoding string) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, "https://example.com/", strings.NewReader(body))
	if encoding != "" {
		req.Header.Set("Content-Encoding", encoding)
	}
	return req
}

func TestCompressRequest(t *testing.T) {
	gzipOp := &protocol.Operation{Name: "Put", RequestCompression: []string{"gzip"}}
	big := strings.Repeat("a=b&", 3000) // 12000 bytes
	tests := []struct {
		name     string
		op       *protocol.Operation
		cfg      pipeline.Compression
		body     string
		encoding string
		wantGzip bool
		wantCE   string
	}{
		{"at default minimum", gzipOp, pipeline.Compression{}, strings.Repeat("x", 10240), "", true, "gzip"},
		{"below default minimum", gzipOp, pipeline.Compression{}, strings.Repeat("x", 10239), "", false, ""},
		{"appended to existing encoding", gzipOp, pipeline.Compression{}, big, "custom", true, "custom, gzip"},
		{"small minimum", gzipOp, pipeline.Compression{MinSize: 1}, "x", "", true, "gzip"},
		{"disabled", gzipOp, pipeline.Compression{Disable: true}, big, "", false, ""},
		{"no trait", &protocol.Operation{Name: "Put"}, pipeline.Compression{}, big, "", false, ""},
		{"unsupported encoding only", &protocol.Operation{Name: "Put", RequestCompression: []string{"br"}}, pipeline.Compression{}, big, "", false, ""},
		{"gzip after an unsupported one", &protocol.Operation{Name: "Put", RequestCompression: []string{"br", "gzip"}}, pipeline.Compression{}, big, "", true, "gzip"},
		{"empty body", gzipOp, pipeline.Compression{MinSize: 1}, "", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := bodyRequest(tt.body, tt.encoding)
			if tt.body == "" {
				req.Body, req.GetBody, req.ContentLength = http.NoBody, nil, 0
			}
			if err := pipeline.CompressRequest(req, tt.op, tt.cfg); err != nil {
				t.Fatal(err)
			}
			if got := req.Header.Get("Content-Encoding"); got != tt.wantCE && !(tt.encoding != "" && !tt.wantGzip && got == tt.encoding) {
				t.Errorf("Content-Encoding: got %q, want %q", got, tt.wantCE)
			}
			var sent []byte
			if req.Body != nil {
				sent, _ = io.ReadAll(req.Body)
			}
			if int64(len(sent)) != req.ContentLength {
				t.Errorf("ContentLength: got %d, body has %d bytes", req.ContentLength, len(sent))
			}
			if !tt.wantGzip {
				if string(sent) != tt.body {
					t.Errorf("body: got %d bytes changed, want it untouched", len(sent))
				}
				return
			}
			zr, err := gzip.NewReader(bytes.NewReader(sent))
			if err != nil {
				t.Fatalf("got a body that is not gzip: %v", err)
			}
			plain, _ := io.ReadAll(zr)
			if string(plain) != tt.body {
				t.Errorf("inflated body: got %d bytes, want the %d sent", len(plain), len(tt.body))
			}
			rc, err := req.GetBody()
			if err != nil {
				t.Fatal(err)
			}
			again, _ := io.ReadAll(rc)
			if !bytes.Equal(again, sent) {
				t.Errorf("GetBody: got %d bytes, want the %d compressed", len(again), len(sent))
			}
		})
	}
}

func TestCompressRequestStreamingBodyUntouched(t *testing.T) {
	// A caller's stream (no GetBody, possibly unknown length) is never
	// compressed.
	req, _ := http.NewRequest(http.MethodPut, "https://example.com/", nil)
	req.Body = io.NopCloser(strings.NewReader(strings.Repeat("x", 20000)))
	req.ContentLength = -1
	op := &protocol.Operation{Name: "Put", RequestCompression: []string{"gzip"}}
	if err := pipeline.CompressRequest(req, op, pipeline.Compression{MinSize: 1}); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Content-Encoding"); got != "" {
		t.Errorf("Content-Encoding: got %q, want none", got)
	}
}

func TestCompressionOptionRange(t *testing.T) {
	for _, n := range []int64{-1, 1048577} {
		_, err := pipeline.New(&gadgetsService, pipeline.Options{
			Region:                         "us-east-1",
			Credentials:                    credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
			RequestMinCompressionSizeBytes: n,
		})
		if err == nil || !strings.Contains(err.Error(), "RequestMinCompressionSizeBytes") {
			t.Errorf("min size %d: got error %v, want one naming RequestMinCompressionSizeBytes", n, err)
		}
	}
}

// TestInvokeCompresses sends a Query operation given the
// requestcompression trait through the client: the body on the wire is
// gzip, signed as sent.
func TestInvokeCompresses(t *testing.T) {
	op := opSendGadget
	op.RequestCompression = []string{"gzip"}
	for _, tt := range []struct {
		name     string
		opts     func(*pipeline.Options)
		wantGzip bool
	}{
		{"default minimum, small body", nil, false},
		{"minimum 1", func(o *pipeline.Options) { o.RequestMinCompressionSizeBytes = 1 }, true},
		{"disabled", func(o *pipeline.Options) { o.RequestMinCompressionSizeBytes, o.DisableRequestCompression = 1, true }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			ws := newWidgetServer(t, clock)
			var opts []func(*pipeline.Options)
			if tt.opts != nil {
				opts = append(opts, tt.opts)
			}
			c := newClient(t, &gadgetsService, ws.URL, clock, opts...)
			in := &SendGadgetInput{Name: "g1", Note: ptrTo(strings.Repeat("n", 100))}
			out := &SendGadgetOutput{}
			if err := c.Invoke(t.Context(), &op, in, out, &out.ResultMetadata); err != nil {
				t.Fatal(err)
			}
			checkSigned(t, ws)
			r := ws.requests()[0]
			sent := r.Body
			gotGzip := r.Header.Get("Content-Encoding") == "gzip"
			if gotGzip != tt.wantGzip {
				t.Fatalf("compressed: got %v, want %v", gotGzip, tt.wantGzip)
			}
			plain := sent
			if gotGzip {
				zr, err := gzip.NewReader(bytes.NewReader(sent))
				if err != nil {
					t.Fatal(err)
				}
				plain, _ = io.ReadAll(zr)
			}
			if !strings.HasPrefix(string(plain), "Action=SendGadget&") {
				t.Errorf("body: got %q, want the SendGadget form", plain)
			}
			if got, want := r.Header.Get("Content-Length"), strconv.Itoa(len(sent)); got != want {
				t.Errorf("Content-Length: got %s, want %s", got, want)
			}
			if out.ID == nil || *out.ID != "gadget-1" {
				t.Errorf("got ID %v, want gadget-1", out.ID)
			}
		})
	}
}

func BenchmarkCompressRequest(b *testing.B) {
	body := strings.Repeat("Action=PutMetricData&MetricData.member.1.Value=42&", 1300) // ~64 KiB
	op := &protocol.Operation{Name: "Put", RequestCompression: []string{"gzip"}}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req := bodyRequest(body, "")
		if err := pipeline.CompressRequest(req, op, pipeline.Compression{}); err != nil {
			b.Fatal(err)
		}
	}
}
