package pipeline_test

import (
	"crypto/x509"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
)

// TestHTTP2Operations: the operations Custom.HTTP2 names go over HTTP/2
// to a TLS server offering it, the others over HTTP/1.1 (the default
// transport's only protocol); a client given its own HTTPClient uses it
// for both.
func TestHTTP2Operations(t *testing.T) {
	var proto string
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proto = r.Proto
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, `{}`)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	stream := &protocol.Operation{Service: &jdemoSvc, Name: "Stream", Input: &jdemoIn, Output: &jdemoOut}
	plain := &protocol.Operation{Service: &jdemoSvc, Name: "Plain", Input: &jdemoIn, Output: &jdemoOut}
	opts := pipeline.Options{
		Region:           "us-east-1",
		EndpointParams:   endpointParams("us-east-1", srv.URL),
		Credentials:      credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
		RootCAs:          pool,
		RetryMaxAttempts: 1,
		Custom:           pipeline.Customizations{HTTP2: func(op *protocol.Operation) bool { return op.Name == "Stream" }},
	}
	c, err := pipeline.New(&pipeline.Service{Schema: &jdemoSvc, Rules: widgetRules}, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		op   *protocol.Operation
		want string
	}{{stream, "HTTP/2.0"}, {plain, "HTTP/1.1"}, {stream, "HTTP/2.0"}} {
		if err := c.Invoke(t.Context(), tt.op, &jdemoInput{}, &jdemoOutput{}, nil); err != nil {
			t.Fatal(err)
		}
		if proto != tt.want {
			t.Errorf("%s: sent over %s, want %s", tt.op.Name, proto, tt.want)
		}
	}

	// The caller's client is used as it is.
	opts.HTTPClient = &http.Client{Transport: &http.Transport{TLSClientConfig: srv.Client().Transport.(*http.Transport).TLSClientConfig}}
	c, err = pipeline.New(&pipeline.Service{Schema: &jdemoSvc, Rules: widgetRules}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Invoke(t.Context(), stream, &jdemoInput{}, &jdemoOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	if proto != "HTTP/1.1" {
		t.Errorf("with the caller's HTTP/1.1 client: sent over %s", proto)
	}
}
