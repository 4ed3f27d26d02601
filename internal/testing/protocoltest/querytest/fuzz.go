package querytest

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/goto3/goto3/protocol"
)

// FuzzDecoders feeds arbitrary bytes to the response and error decoders of
// the operations in svc that have an output; op picks the operation. The
// decoders must not panic; errors are expected. Seeds come from the
// response and error bodies of the vectors file.
func FuzzDecoders(f *testing.F, vectorsFile string, svc Service, codec Codec) {
	var ops []*protocol.Operation
	for _, o := range svc.Operations {
		if o.Output != nil {
			ops = append(ops, o)
		}
	}
	if len(ops) == 0 {
		f.Fatal("no operation with an output")
	}
	index := func(name string) uint16 {
		for i, o := range ops {
			if o.Name == name {
				return uint16(i)
			}
		}
		return 0
	}
	v := LoadVectorsTB(f, vectorsFile)
	for i, r := range v.Responses {
		if i%7 == 0 {
			f.Add(index(r.Operation), []byte(r.Body), false)
		}
	}
	for _, e := range v.Errors {
		f.Add(index(e.Operation), []byte(e.Body), true)
	}
	f.Add(uint16(0), []byte("<a><b><c>"), true)
	f.Add(uint16(0), []byte("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>"), false)
	f.Fuzz(func(t *testing.T, opIdx uint16, body []byte, isError bool) {
		op := ops[int(opIdx)%len(ops)]
		resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		if isError {
			resp.StatusCode = 400
			re := codec.UnmarshalError(resp, op)
			if re == nil || re.Code == "" {
				t.Fatalf("got %+v, want an error with a code", re)
			}
			return
		}
		out := svc.NewOutput(op.Name)
		_ = codec.UnmarshalResponse(resp, op, out)
	})
}
