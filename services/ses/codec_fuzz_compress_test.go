package ses_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol/query"
	"github.com/goto3/goto3/services/ses"
	"github.com/goto3/goto3/sigv4"
)

// FuzzCompressSignVerify marshals an SES SendEmail form, compresses it with
// pipeline.CompressRequest as an operation with the requestcompression trait
// (a copy of SendEmail's schema: no SES operation has the trait today), signs
// it with the default (non-S3) signer options, which hash the body, and
// verifies it over the wire: the gzip body must inflate to the form, its
// length and rewind must agree, and the signature must verify and fail once
// a body byte changes.
func FuzzCompressSignVerify(f *testing.F) {
	f.Add("sender@example.com", "hello world", int64(1))
	f.Add("", "\x00\xff", int64(0))
	f.Add("a&b=c", "long body long body long body", int64(40))
	op := *fuzzOp(f, ses.OperationSchemas(), "SendEmail")
	op.RequestCompression = []string{"gzip"}
	signer := sigv4.NewSigner()
	f.Fuzz(func(t *testing.T, source, text string, minSize int64) {
		source, text = fuzzClip(source), fuzzClip(text)
		u, _ := url.Parse("https://email.us-east-1.amazonaws.com")
		req := &http.Request{Method: http.MethodGet, URL: u, Header: make(http.Header), Host: u.Host}
		in := &ses.SendEmailInput{Source: source, Destination: &ses.Destination{ToAddresses: []string{source}},
			Message: &ses.Message{Subject: &ses.Content{Data: text}, Body: &ses.Body{Text: &ses.Content{Data: text}}}}
		if err := query.MarshalRequest(req, &op, in, fuzzToken); err != nil {
			t.Fatalf("MarshalRequest: %v", err)
		}
		form, err := io.ReadAll(req.Body)
		if err != nil {
			t.Fatal(err)
		}
		if req.Body, err = req.GetBody(); err != nil {
			t.Fatal(err)
		}
		c := pipeline.Compression{MinSize: 1 + (minSize%1024+1024)%1024}
		if err := pipeline.CompressRequest(req, &op, c); err != nil {
			t.Fatalf("CompressRequest(MinSize %d): %v", c.MinSize, err)
		}
		compressed := int64(len(form)) >= c.MinSize
		body, err := io.ReadAll(req.Body)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(body)) != req.ContentLength {
			t.Fatalf("got ContentLength %d, want the body's %d", req.ContentLength, len(body))
		}
		if got := req.Header.Get("Content-Encoding"); (got == "gzip") != compressed {
			t.Fatalf("form of %d bytes, MinSize %d: got Content-Encoding %q", len(form), c.MinSize, got)
		}
		plain := body
		if compressed {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("gzip body: %v", err)
			}
			if plain, err = io.ReadAll(zr); err != nil {
				t.Fatalf("gzip body: %v", err)
			}
		}
		if !bytes.Equal(plain, form) {
			t.Fatalf("got body %q, want the form %q", plain, form)
		}
		if req.Body, err = req.GetBody(); err != nil {
			t.Fatal(err)
		}
		if again, _ := io.ReadAll(req.Body); !bytes.Equal(again, body) {
			t.Fatalf("GetBody gave %d different bytes, want the same %d", len(again), len(body))
		}
		req.Body, _ = req.GetBody()
		if err := signer.SignHTTP(req, fuzzCreds, sigv4.Params{Service: "ses", Region: "us-east-1", Time: fuzzSignTime}); err != nil {
			t.Fatalf("SignHTTP: %v", err)
		}
		req.Body, _ = req.GetBody()
		raw := fuzzWire(t, req)
		vo := fuzzVerifyOpts("ses", "us-east-1", signer)
		srv, err := fuzzParseWire(raw)
		if err != nil {
			t.Fatalf("the server cannot read the request: %v", err)
		}
		if _, err := sigv4.Verify(srv, vo); err != nil {
			t.Fatalf("got %v, want the compressed signed request to verify", err)
		}
		mut := bytes.Clone(raw)
		mut[len(mut)-1-int(uint64(minSize)%uint64(len(body)))] ^= 0x01
		srv, err = fuzzParseWire(mut)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sigv4.Verify(srv, vo); err == nil {
			t.Fatalf("a changed body byte verified, want a failure")
		}
	})
}
