package querytest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
)

// Service is what the differential test needs of a generated service
// package.
type Service struct {
	Operations []*protocol.Operation // OperationSchemas()
	NewInput   func(name string) any // NewOperationInput
	NewOutput  func(name string) any // NewOperationOutput
}

func (s Service) op(name string) *protocol.Operation {
	for _, o := range s.Operations {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// Vectors is a file written by testdata/protocols-diff/ses_ec2_vectors.py.
type Vectors struct {
	Botocore string `json:"botocore"`
	Service  string `json:"service"`
	Requests []struct {
		Operation string         `json:"operation"`
		Params    map[string]any `json:"params"`
		Body      string         `json:"body"`
	} `json:"requests"`
	Responses []struct {
		Operation string         `json:"operation"`
		Body      string         `json:"body"`
		Result    map[string]any `json:"result"`
	} `json:"responses"`
	Errors []struct {
		Operation string  `json:"operation"`
		Status    int     `json:"status"`
		Body      string  `json:"body"`
		Code      string  `json:"code"`
		Message   string  `json:"message"`
		RequestID string  `json:"requestId"`
		Modeled   *string `json:"modeled"`
	} `json:"errors"`
}

// LoadVectors reads a vectors file.
func LoadVectors(t *testing.T, file string) *Vectors {
	t.Helper()
	return LoadVectorsTB(t, file)
}

// LoadVectorsTB is LoadVectors for any testing.TB.
func LoadVectorsTB(t testing.TB, file string) *Vectors {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v Vectors
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // exact epoch seconds for BuildValue
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &v
}

// RunDiff replays every vector through codec and svc. Request bodies are
// compared pair by pair (key and value, in order); responses and errors
// field by field.
func RunDiff(t *testing.T, v *Vectors, svc Service, codec Codec) {
	t.Run("requests", func(t *testing.T) {
		for i, r := range v.Requests {
			t.Run(r.Operation+"/"+fmt.Sprintf("%03d", i), func(t *testing.T) {
				op := svc.op(r.Operation)
				if op == nil {
					t.Fatalf("operation %s not generated", r.Operation)
				}
				input := svc.NewInput(r.Operation)
				if op.Input != nil {
					iv, err := protocoltest.BuildValue(op.Input, r.Params)
					if err != nil {
						t.Fatalf("BuildValue: %v", err)
					}
					input = iv.Interface()
				}
				u, _ := url.Parse("https://example.com")
				req := &http.Request{URL: u, Header: http.Header{}}
				if err := codec.MarshalRequest(req, op, input, protocol.MarshalOptions{NewIdempotencyToken: func() string { return "token" }}); err != nil {
					t.Fatalf("MarshalRequest: %v", err)
				}
				body, _ := io.ReadAll(req.Body)
				comparePairs(t, string(body), r.Body)
			})
		}
	})
	t.Run("responses", func(t *testing.T) {
		for i, r := range v.Responses {
			t.Run(r.Operation+"/"+fmt.Sprintf("%03d", i), func(t *testing.T) {
				op := svc.op(r.Operation)
				if op == nil {
					t.Fatalf("operation %s not generated", r.Operation)
				}
				out := svc.NewOutput(r.Operation)
				resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(r.Body))}
				if err := codec.UnmarshalResponse(resp, op, out); err != nil {
					t.Fatalf("UnmarshalResponse: %v", err)
				}
				compareJSON(t, r.Result, protocoltest.ToJSON(op.Output, reflect.ValueOf(out)))
			})
		}
	})
	t.Run("errors", func(t *testing.T) {
		for i, r := range v.Errors {
			t.Run(r.Operation+"/"+fmt.Sprintf("%03d", i), func(t *testing.T) {
				op := svc.op(r.Operation)
				if op == nil {
					t.Fatalf("operation %s not generated", r.Operation)
				}
				resp := &http.Response{StatusCode: r.Status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(r.Body))}
				re := codec.UnmarshalError(resp, op)
				if re.Code != r.Code || re.Message != r.Message || re.RequestID != r.RequestID {
					t.Errorf("got (code %q, message %q, request id %q), want (%q, %q, %q)",
						re.Code, re.Message, re.RequestID, r.Code, r.Message, r.RequestID)
				}
				gotModeled := ""
				if re.Modeled != nil {
					if s := errorShapeOf(op, re.Modeled); s != nil {
						gotModeled = s.Name
					} else {
						t.Errorf("got Modeled %T, not one of the operation's or its service's errors", re.Modeled)
					}
				}
				wantModeled := ""
				if r.Modeled != nil {
					wantModeled = *r.Modeled
				}
				if gotModeled != wantModeled {
					t.Errorf("got modelled error %q, want %q", gotModeled, wantModeled)
				}
			})
		}
	})
}

// comparePairs compares two form bodies pair by pair, so that a mismatch
// names the first key that differs.
func comparePairs(t *testing.T, got, want string) {
	t.Helper()
	g, w := strings.Split(got, "&"), strings.Split(want, "&")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gp, wp string
		if i < len(g) {
			gp = g[i]
		}
		if i < len(w) {
			wp = w[i]
		}
		if gp != wp {
			t.Errorf("pair %d: got %q, want %q\n got body %s\nwant body %s", i, gp, wp, got, want)
			return
		}
	}
}

// errorShapeOf returns the shape of a modelled error value among op's
// errors, then its service's (protocol.Operation.ErrorShape matches a code
// service-wide), or nil.
func errorShapeOf(op *protocol.Operation, modeled any) *protocol.Shape {
	t := reflect.TypeOf(modeled)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	lists := [][]*protocol.Shape{op.Errors}
	if op.Service != nil {
		lists = append(lists, op.Service.Errors)
	}
	for _, l := range lists {
		for _, s := range l {
			if s != nil && s.ReflectType() == t {
				return s
			}
		}
	}
	return nil
}
