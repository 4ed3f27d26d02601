package s3

// Hand-written: the event stream of SelectObjectContent.

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol/eventstream"
)

// SelectObjectContentEventReader reads the events of a SelectObjectContent
// answer, decoded from the binary event stream in
// SelectObjectContentOutput.Payload (protocol/eventstream). Each event is a
// *SelectObjectContentEventStream with exactly one member set, as each
// element of boto3's response["Payload"] is a dict with one key: Records
// (a chunk of the result, in the output serialization), Stats, Progress,
// Cont (a keep-alive) or End (the last event). Events of types this
// version does not know are skipped.
//
// An error message in the stream (":message-type" error or exception) is
// returned as a *goto3.OperationError wrapping a *goto3.APIError with the
// stream's code and message; a stream that ends before the End event is an
// error wrapping io.ErrUnexpectedEOF, since the result would be truncated.
// Framing errors (bad checksums, oversized messages) wrap the
// protocol/eventstream errors.
//
// The caller reads the events and calls Close, which closes the response
// body. A reader is not safe for concurrent use.
type SelectObjectContentEventReader struct {
	body io.ReadCloser
	dec  *eventstream.Decoder
	err  error // sticky: the first error, or io.EOF after End
}

// Events returns a reader of the events in o.Payload. Close it (or close
// o.Payload) when done.
func (o *SelectObjectContentOutput) Events() *SelectObjectContentEventReader {
	r := &SelectObjectContentEventReader{body: o.Payload}
	if o.Payload == nil {
		r.err = errors.New("s3: SelectObjectContentOutput has no payload to read events from")
		return r
	}
	r.dec = eventstream.NewDecoder(o.Payload, eventstream.DecoderOptions{})
	return r
}

// Next returns the next event, or io.EOF after the End event has been
// returned. After any other error, Next returns that error again.
func (r *SelectObjectContentEventReader) Next() (*SelectObjectContentEventStream, error) {
	for r.err == nil {
		m, err := r.dec.Decode()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			r.err = selectError(fmt.Errorf("s3: reading the SelectObjectContent event stream before its End event: %w", err))
			break
		}
		ev, err := decodeSelectEvent(m)
		if err != nil {
			r.err = err
			break
		}
		if ev == nil {
			continue // an event type this version does not know
		}
		if ev.End != nil {
			r.err = io.EOF
		}
		return ev, nil
	}
	return nil, r.err
}

// All returns the events as an iterator that stops after the End event or
// at the first error (yielded once).
func (r *SelectObjectContentEventReader) All() iter.Seq2[*SelectObjectContentEventStream, error] {
	return func(yield func(*SelectObjectContentEventStream, error) bool) {
		for {
			ev, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(ev, nil) {
				return
			}
		}
	}
}

// Records returns a reader of the Records payloads only, concatenated:
// the query's result in its output serialization (CSV or JSON lines). It
// returns io.EOF after the End event and the stream's error otherwise.
func (r *SelectObjectContentEventReader) Records() io.Reader { return &recordsReader{r: r} }

// Close closes the response body.
func (r *SelectObjectContentEventReader) Close() error {
	if r.body == nil {
		return nil
	}
	if r.err == nil {
		r.err = errors.New("s3: SelectObjectContent event reader is closed")
	}
	return r.body.Close()
}

type recordsReader struct {
	r   *SelectObjectContentEventReader
	buf []byte
}

func (rr *recordsReader) Read(p []byte) (int, error) {
	for len(rr.buf) == 0 {
		ev, err := rr.r.Next()
		if err != nil {
			return 0, err
		}
		if ev.Records != nil {
			rr.buf = ev.Records.Payload
		}
	}
	n := copy(p, rr.buf)
	rr.buf = rr.buf[n:]
	return n, nil
}

func selectError(err error) error {
	return &goto3.OperationError{Service: ServiceID, Operation: "SelectObjectContent", Err: err}
}

// maxErrorText bounds the message taken from an exception's payload.
const maxErrorText = 4096

// decodeSelectEvent turns one message into an event, nil for an unknown
// event type, or the error the message carries.
func decodeSelectEvent(m *eventstream.Message) (*SelectObjectContentEventStream, error) {
	switch mt := m.StringHeader(":message-type"); mt {
	case "event":
	case "error":
		return nil, selectError(&goto3.APIError{
			Code: m.StringHeader(":error-code"), Message: m.StringHeader(":error-message"),
			StatusCode: 200, Operation: "SelectObjectContent",
		})
	case "exception":
		return nil, selectError(&goto3.APIError{
			Code: m.StringHeader(":exception-type"), Message: exceptionMessage(m.Payload),
			StatusCode: 200, Operation: "SelectObjectContent",
		})
	default:
		return nil, selectError(fmt.Errorf("s3: event stream message of type %q", mt))
	}
	ev := &SelectObjectContentEventStream{}
	switch et := m.StringHeader(":event-type"); et {
	case "Records":
		ev.Records = &RecordsEvent{Payload: m.Payload}
	case "Stats":
		var s Stats
		if err := decodeByteCounts(m.Payload, &s.BytesScanned, &s.BytesProcessed, &s.BytesReturned); err != nil {
			return nil, selectError(fmt.Errorf("s3: decoding the Stats event: %w", err))
		}
		ev.Stats = &StatsEvent{Details: &s}
	case "Progress":
		var p Progress
		if err := decodeByteCounts(m.Payload, &p.BytesScanned, &p.BytesProcessed, &p.BytesReturned); err != nil {
			return nil, selectError(fmt.Errorf("s3: decoding the Progress event: %w", err))
		}
		ev.Progress = &ProgressEvent{Details: &p}
	case "Cont":
		ev.Cont = &ContinuationEvent{}
	case "End":
		ev.End = &EndEvent{}
	default:
		return nil, nil
	}
	return ev, nil
}

// decodeByteCounts reads a <Stats> or <Progress> document.
func decodeByteCounts(b []byte, scanned, processed, returned **int64) error {
	var doc struct {
		BytesScanned   *int64
		BytesProcessed *int64
		BytesReturned  *int64
	}
	if err := xml.NewDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		return err
	}
	*scanned, *processed, *returned = doc.BytesScanned, doc.BytesProcessed, doc.BytesReturned
	return nil
}

// exceptionMessage takes <Message> from an exception payload, else the
// payload's text (bounded).
func exceptionMessage(b []byte) string {
	var doc struct {
		Message string
	}
	if xml.Unmarshal(b, &doc) == nil && doc.Message != "" {
		return doc.Message
	}
	if len(b) > maxErrorText {
		b = b[:maxErrorText]
	}
	return string(bytes.TrimSpace(b))
}
