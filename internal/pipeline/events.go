package pipeline

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"reflect"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/protocol/jsonutil"
)

// EventStream reads the events of an operation's output event stream: the
// binary messages (protocol/eventstream) of the body the codec handed to
// the output unread (after the initial-response event of the JSON-RPC
// protocol), each decoded into a T, the Go struct of the stream's shape
// (a union: one member set per event), as botocore's EventStream iterates
// them. The generated clients wrap it in one reader type per operation.
//
// Events of a type the stream does not model are skipped, as botocore
// skips them. An exception message (a modelled one, such as Kinesis's
// ResourceNotFoundException, or another) or an error message ends the
// stream with a *goto3.OperationError wrapping a *goto3.APIError whose
// Modeled is the exception's generated type, so that errors.As reaches
// both, as botocore raises EventStreamError. A stream that ends between two
// messages ends the events; one that ends inside a message, or a framing
// error (a bad checksum, an oversized message), is an error wrapping
// io.ErrUnexpectedEOF or the eventstream error.
//
// The stream closes the body when it ends (its last event read, or an
// error); Close closes it before. An EventStream is not safe for
// concurrent use.
type EventStream[T any] struct {
	op      *protocol.Operation
	shape   *protocol.Shape
	body    io.ReadCloser
	dec     *eventstream.Decoder
	payload eventstream.PayloadDecoder
	md      protocol.ResponseMetadata
	err     error // sticky: the first error, or io.EOF at the end
}

// errClosed is the error of a read after Close.
var errClosed = errors.New("goto3: the event stream is closed")

// NewEventStream returns a reader of the events of body, the event stream
// member of op's output (md is the output's metadata: the request id and
// status of the call that opened the stream). It fails on its first read
// when op's protocol has no event decoding here or T is not the stream's
// Go type.
func NewEventStream[T any](op *protocol.Operation, body io.ReadCloser, md protocol.ResponseMetadata) *EventStream[T] {
	s := &EventStream[T]{op: op, body: body, md: md}
	if op.Output != nil {
		for i := range op.Output.Members {
			if m := &op.Output.Members[i]; m.Shape.EventStream {
				s.shape = m.Shape
				break
			}
		}
	}
	switch {
	case body == nil:
		s.err = s.opError(errors.New("goto3: the output has no event stream to read (a nil body)"))
	case s.shape == nil:
		s.err = s.opError(fmt.Errorf("goto3: %s has no output event stream", op.Name))
	case s.shape.ReflectType() != reflect.TypeFor[T]():
		s.err = s.opError(fmt.Errorf("goto3: %s's event stream is a %v, not a %v", op.Name, s.shape.ReflectType(), reflect.TypeFor[T]()))
	}
	if op.Service != nil {
		switch op.Service.Protocol {
		case "json", "rest-json":
			s.payload = jsonEventPayload
		}
	}
	if s.payload == nil && s.err == nil {
		s.err = s.opError(fmt.Errorf("goto3: decoding the events of the %q protocol is not supported", protocolName(op)))
	}
	if s.err != nil && body != nil {
		body.Close()
	}
	s.dec = eventstream.NewDecoder(body, eventstream.DecoderOptions{})
	return s
}

func protocolName(op *protocol.Operation) string {
	if op.Service == nil {
		return ""
	}
	return op.Service.Protocol
}

// jsonEventPayload decodes the JSON payload of an event of the JSON
// protocols.
func jsonEventPayload(b []byte, sh *protocol.Shape, v reflect.Value) error {
	return jsonutil.Decode(b, sh, v, jsonutil.DecodeOptions{})
}

// Next returns the next event, or io.EOF after the last one. After an
// error it returns that error again.
func (s *EventStream[T]) Next() (*T, error) {
	for s.err == nil {
		msg, err := s.dec.Decode()
		if err != nil {
			if err == io.EOF {
				s.end(io.EOF)
				break
			}
			s.end(s.opError(fmt.Errorf("goto3: reading the event stream: %w", err)))
			break
		}
		ev := new(T)
		ok, err := eventstream.UnmarshalEvent(msg, s.shape, reflect.ValueOf(ev).Elem(), s.payload)
		if err != nil {
			var re *protocol.ResponseError
			if errors.As(err, &re) {
				re.StatusCode = s.md.StatusCode
				re.RequestID = s.md.RequestID
				re.Header = s.md.Header
				s.end(s.opError(apiError(s.op, re)))
			} else {
				s.end(s.opError(&goto3.DecodeError{Err: err}))
			}
			break
		}
		if ok {
			return ev, nil
		}
	}
	return nil, s.err
}

// All returns the events as an iterator that ends after the last event or
// at the first error, which it yields once.
func (s *EventStream[T]) All() iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		for {
			ev, err := s.Next()
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

// Close closes the body; later reads fail. Closing a stream that ended
// does nothing more.
func (s *EventStream[T]) Close() error {
	if s.err != nil {
		return nil // ended: the body is closed
	}
	s.err = s.opError(errClosed)
	if s.body == nil {
		return nil
	}
	return s.body.Close()
}

// end records the stream's end (err) and closes the body.
func (s *EventStream[T]) end(err error) {
	s.err = err
	if s.body != nil {
		s.body.Close()
	}
}

func (s *EventStream[T]) opError(err error) error {
	svc := ""
	if s.op.Service != nil {
		svc = s.op.Service.ID
	}
	return &goto3.OperationError{Service: svc, Operation: s.op.Name, Err: err}
}
