package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/services/s3"
)

func eventMsg(eventType string, payload string) *eventstream.Message {
	return &eventstream.Message{
		Headers: []eventstream.Header{
			{Name: ":event-type", Value: eventstream.String(eventType)},
			{Name: ":content-type", Value: eventstream.String("application/octet-stream")},
			{Name: ":message-type", Value: eventstream.String("event")},
		},
		Payload: []byte(payload),
	}
}

func frames(t *testing.T, msgs ...*eventstream.Message) []byte {
	t.Helper()
	var b []byte
	for _, m := range msgs {
		var err error
		if b, err = eventstream.AppendMessage(b, m); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// selectServer answers SelectObjectContent with body, after checking the
// request.
func selectServer(t *testing.T, body []byte) *s3.Client {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/bkt/data.csv" || r.URL.RawQuery != "select&select-type=2" {
			t.Errorf("got %s %s?%s, want POST /bkt/data.csv?select&select-type=2", r.Method, r.URL.Path, r.URL.RawQuery)
		}
		req, _ := io.ReadAll(r.Body)
		if !bytes.Contains(req, []byte("<Expression>SELECT s._1 FROM S3Object s</Expression>")) {
			t.Errorf("request body %s lacks the expression", req)
		}
		w.Header().Set("x-amz-request-id", "rid-1")
		w.WriteHeader(http.StatusOK)
		// In pieces, flushed, as a real stream arrives.
		for len(body) > 0 {
			n := min(len(body), 7)
			w.Write(body[:n])
			w.(http.Flusher).Flush()
			body = body[n:]
		}
	}))
	t.Cleanup(ts.Close)
	c, err := newFromOptions(s3.Options{
		Region:          "us-east-1",
		Credentials:     credentials.NewStatic("AKID", "SECRET", ""),
		EndpointURL:     ts.URL,
		AddressingStyle: s3.AddressingStylePath,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func selectInput() *s3.SelectObjectContentInput {
	return &s3.SelectObjectContentInput{
		Bucket: "bkt", Key: "data.csv",
		Expression: "SELECT s._1 FROM S3Object s", ExpressionType: s3.ExpressionTypeSql,
		InputSerialization:  &s3.InputSerialization{CSV: &s3.CSVInput{}},
		OutputSerialization: &s3.OutputSerialization{CSV: &s3.CSVOutput{}},
	}
}

func TestSelectObjectContentEvents(t *testing.T) {
	stats := `<Stats xmlns=""><BytesScanned>100</BytesScanned><BytesProcessed>90</BytesProcessed><BytesReturned>12</BytesReturned></Stats>`
	progress := `<Progress xmlns=""><BytesScanned>50</BytesScanned><BytesProcessed>45</BytesProcessed><BytesReturned>6</BytesReturned></Progress>`
	body := frames(t,
		eventMsg("Records", "a,1\n"),
		eventMsg("Cont", ""),
		eventMsg("Progress", progress),
		eventMsg("SomethingNew", "ignored"),
		eventMsg("Records", "b,2\n"),
		eventMsg("Stats", stats),
		eventMsg("End", ""),
	)
	c := selectServer(t, body)
	out, err := c.SelectObjectContent(context.Background(), selectInput())
	if err != nil {
		t.Fatal(err)
	}
	if out.ResultMetadata.RequestID != "rid-1" {
		t.Errorf("got request id %q, want rid-1", out.ResultMetadata.RequestID)
	}
	events := out.Events()
	defer events.Close()
	var got []*s3.SelectObjectContentEventStream
	for ev, err := range events.All() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev)
	}
	want := []*s3.SelectObjectContentEventStream{
		{Records: &s3.RecordsEvent{Payload: []byte("a,1\n")}},
		{Cont: &s3.ContinuationEvent{}},
		{Progress: &s3.ProgressEvent{Details: &s3.Progress{BytesScanned: ptr[int64](50), BytesProcessed: ptr[int64](45), BytesReturned: ptr[int64](6)}}},
		{Records: &s3.RecordsEvent{Payload: []byte("b,2\n")}},
		{Stats: &s3.StatsEvent{Details: &s3.Stats{BytesScanned: ptr[int64](100), BytesProcessed: ptr[int64](90), BytesReturned: ptr[int64](12)}}},
		{End: &s3.EndEvent{}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if _, err := events.Next(); err != io.EOF {
		t.Errorf("after End: got %v, want io.EOF", err)
	}
}

func TestSelectObjectContentRecords(t *testing.T) {
	body := frames(t, eventMsg("Records", "a,1\n"), eventMsg("Stats", "<Stats/>"), eventMsg("Records", "b,2\n"), eventMsg("End", ""))
	c := selectServer(t, body)
	out, err := c.SelectObjectContent(context.Background(), selectInput())
	if err != nil {
		t.Fatal(err)
	}
	events := out.Events()
	defer events.Close()
	b, err := io.ReadAll(events.Records())
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "a,1\nb,2\n" {
		t.Errorf("got records %q, want %q", b, "a,1\nb,2\n")
	}
}

func TestSelectObjectContentErrors(t *testing.T) {
	errMsg := &eventstream.Message{Headers: []eventstream.Header{
		{Name: ":message-type", Value: eventstream.String("error")},
		{Name: ":error-code", Value: eventstream.String("InternalError")},
		{Name: ":error-message", Value: eventstream.String("We encountered an internal error. Please try again.")},
	}}
	excMsg := &eventstream.Message{Headers: []eventstream.Header{
		{Name: ":message-type", Value: eventstream.String("exception")},
		{Name: ":exception-type", Value: eventstream.String("CSVParsingError")},
	}, Payload: []byte(`<Error><Code>CSVParsingError</Code><Message>bad CSV at line 3</Message></Error>`)}
	good := frames(t, eventMsg("Records", "a\n"))
	corrupt := bytes.Clone(good)
	corrupt[len(corrupt)-6] ^= 1
	tests := []struct {
		name     string
		body     []byte
		wantCode string
		wantMsg  string
		wantIs   error
	}{
		{"error message", frames(t, eventMsg("Records", "a\n"), errMsg), "InternalError", "We encountered an internal error. Please try again.", nil},
		{"exception message", frames(t, eventMsg("Records", "a\n"), excMsg), "CSVParsingError", "bad CSV at line 3", nil},
		{"no End event", good, "", "", io.ErrUnexpectedEOF},
		{"cut inside a message", good[:len(good)-2], "", "", io.ErrUnexpectedEOF},
		{"bad checksum", corrupt, "", "", eventstream.ErrMessageChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := selectServer(t, tt.body)
			out, err := c.SelectObjectContent(context.Background(), selectInput())
			if err != nil {
				t.Fatal(err)
			}
			events := out.Events()
			defer events.Close()
			var last error
			n := 0
			for _, err := range events.All() {
				if err != nil {
					last = err
					break
				}
				n++
			}
			var oe *goto3.OperationError
			if !errors.As(last, &oe) || oe.Operation != "SelectObjectContent" {
				t.Fatalf("got %v, want a SelectObjectContent *goto3.OperationError", last)
			}
			if tt.wantIs != nil {
				if !errors.Is(last, tt.wantIs) {
					t.Errorf("got %v, want errors.Is %v", last, tt.wantIs)
				}
				return
			}
			var api *goto3.APIError
			if !errors.As(last, &api) {
				t.Fatalf("got %v, want a *goto3.APIError", last)
			}
			if api.Code != tt.wantCode || api.Message != tt.wantMsg {
				t.Errorf("got code %q message %q, want %q %q", api.Code, api.Message, tt.wantCode, tt.wantMsg)
			}
			if got := goto3.ErrorCode(last); got != tt.wantCode {
				t.Errorf("ErrorCode: got %q, want %q", got, tt.wantCode)
			}
			if n != 1 {
				t.Errorf("got %d events before the error, want 1", n)
			}
			if !strings.Contains(last.Error(), tt.wantCode) {
				t.Errorf("message %q lacks the code", last.Error())
			}
		})
	}
}

func TestSelectObjectContentHTTPError(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `<Error><Code>InvalidTextEncoding</Code><Message>UTF-8 only</Message><RequestId>r</RequestId></Error>`)
	}))
	defer ts.Close()
	c, err := newFromOptions(s3.Options{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), EndpointURL: ts.URL, AddressingStyle: s3.AddressingStylePath})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SelectObjectContent(context.Background(), selectInput())
	if got := goto3.ErrorCode(err); got != "InvalidTextEncoding" {
		t.Errorf("got code %q (%v), want InvalidTextEncoding", got, err)
	}
}

// FuzzSelectEvents feeds arbitrary bytes to the event reader: it never
// panics, and ends with End (io.EOF) or an error.
func FuzzSelectEvents(f *testing.F) {
	var seed []byte
	for _, m := range []*eventstream.Message{eventMsg("Records", "a\n"), eventMsg("Stats", "<Stats><BytesScanned>1</BytesScanned></Stats>"), eventMsg("End", "")} {
		seed, _ = eventstream.AppendMessage(seed, m)
	}
	f.Add(seed)
	f.Add(seed[:len(seed)-3])
	f.Fuzz(func(t *testing.T, b []byte) {
		out := &s3.SelectObjectContentOutput{Payload: io.NopCloser(bytes.NewReader(b))}
		events := out.Events()
		defer events.Close()
		for range 1000 {
			ev, err := events.Next()
			if err != nil {
				return
			}
			n := 0
			for _, set := range []bool{ev.Records != nil, ev.Stats != nil, ev.Progress != nil, ev.Cont != nil, ev.End != nil} {
				if set {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("got an event with %d members set, want 1", n)
			}
		}
	})
}
