package restxml_test

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	ptoutput "github.com/goto3/goto3/internal/testing/protocoltest/restxml/output"
	"github.com/goto3/goto3/protocol/restxml"
)

// FuzzUnmarshalConformance feeds arbitrary bodies to the response and error
// decoders of the operations of the rest-xml output suite (the generated
// shapes of internal/testing/protocoltest/restxml/output), picked by opIdx: the
// decoders must never panic, and an error answer always carries a code.
// The suite's response bodies are the seeds. The decoders' fuzz targets
// over S3's schema live in services/s3 (codec_fuzz_test.go).
func FuzzUnmarshalConformance(f *testing.F) {
	suites, err := protocoltest.Load(testdataPath("protocols", "output", "rest-xml.json"))
	if err != nil {
		f.Fatal(err)
	}
	var entries []protocoltest.Entry
	var cases []protocoltest.Case
	for si, s := range suites {
		for _, c := range s.Cases {
			e, ok := ptoutput.Lookup(si, c.ID)
			if !ok {
				f.Fatalf("no generated entry for suite %d case %s", si, c.ID)
			}
			entries = append(entries, e)
			cases = append(cases, c)
		}
	}
	for i, c := range cases {
		f.Add(uint16(i), []byte(c.Response.Body), c.ErrorCode != "")
	}
	f.Add(uint16(0), []byte("<a><b><c>"), true)
	f.Add(uint16(1), []byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>`), false)
	f.Fuzz(func(t *testing.T, opIdx uint16, body []byte, isError bool) {
		i := int(opIdx) % len(entries)
		e := entries[i]
		resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		for k, v := range cases[i].Response.Headers {
			resp.Header.Set(k, v)
		}
		if isError {
			resp.StatusCode = 400
			if re := restxml.UnmarshalError(resp, e.Operation); re == nil || re.Code == "" {
				t.Fatalf("got %+v, want an error with a code", re)
			}
			return
		}
		_ = restxml.UnmarshalResponse(resp, e.Operation, e.New())
	})
}
