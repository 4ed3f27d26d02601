package eventstream

import (
	"fmt"
	"reflect"
	"time"

	"github.com/goto3/goto3/protocol"
)

// PayloadDecoder decodes a message payload, one value of shape sh, into v
// (an addressable value of sh's Go type): the protocol's body codec (JSON
// for the JSON protocols).
type PayloadDecoder func(payload []byte, sh *protocol.Shape, v reflect.Value) error

// UnmarshalEvent decodes msg, one message of an event stream of shape
// stream (a Shape with EventStream set), into v, an addressable value of
// the stream's Go struct: the member the :event-type header names is set
// to a new event, and the others are left alone. It follows botocore's
// EventStream parser (parsers.py, BaseEventStreamParser):
//
//   - the event's members bound to headers (EventHeader) take the header
//     of their name; a timestamp header, or an integer one for a
//     timestamp member, counts milliseconds since the epoch;
//   - the member bound to the payload (EventPayload) takes it raw (a blob
//     or string) or decoded by decode (a structure, even from an empty
//     payload); an event without one is decoded from the payload as a
//     whole;
//   - a message of type "exception" is a *protocol.ResponseError whose
//     Code is its :exception-type and whose Modeled, when the stream
//     models the exception (EventExceptions), is the exception's Go
//     value decoded from the payload; Message is the exception's message
//     member ("Message", else "message"). botocore leaves the code of an
//     exception the stream does not model empty (it reads :error-code);
//     here it is the :exception-type, with the payload's message;
//   - a message of type "error" is a *protocol.ResponseError with the
//     :error-code and :error-message headers.
//
// It reports false, with no error, for a message it skips as botocore
// does: an event type the stream does not model (a newer service's), or a
// message type other than event, exception and error.
func UnmarshalEvent(msg *Message, stream *protocol.Shape, v reflect.Value, decode PayloadDecoder) (bool, error) {
	if stream == nil || !stream.EventStream || v.Kind() != reflect.Struct || !v.CanSet() {
		return false, fmt.Errorf("eventstream: UnmarshalEvent needs an event stream shape and an addressable struct")
	}
	switch msg.StringHeader(":message-type") {
	case "event":
	case "exception":
		return false, exception(msg, stream, decode)
	case "error":
		return false, &protocol.ResponseError{Code: msg.StringHeader(":error-code"), Message: msg.StringHeader(":error-message")}
	default:
		return false, nil
	}
	name := msg.StringHeader(":event-type")
	var mem *protocol.Member
	for i := range stream.Members {
		if stream.Members[i].Name == name {
			mem = &stream.Members[i]
			break
		}
	}
	if mem == nil {
		return false, nil
	}
	f := v.Field(mem.Field)
	if f.Kind() != reflect.Pointer || f.Type().Elem().Kind() != reflect.Struct {
		return false, fmt.Errorf("eventstream: event %s: Go field is %s, want a pointer to a struct", name, f.Type())
	}
	ev := reflect.New(f.Type().Elem())
	if err := decodeEvent(msg, mem.Shape, ev.Elem(), decode); err != nil {
		return false, fmt.Errorf("eventstream: event %s: %w", name, err)
	}
	f.Set(ev)
	return true, nil
}

// decodeEvent fills v, a struct of the event shape sh, from msg.
func decodeEvent(msg *Message, sh *protocol.Shape, v reflect.Value, decode PayloadDecoder) error {
	var payload *protocol.Member
	for i := range sh.Members {
		m := &sh.Members[i]
		switch {
		case m.EventHeader:
			h, ok := msg.Header(m.Name)
			if !ok {
				continue
			}
			if err := setHeader(v.Field(m.Field), m.Shape, h); err != nil {
				return fmt.Errorf("header %s: %w", m.Name, err)
			}
		case m.EventPayload && payload == nil:
			payload = m
		}
	}
	if payload == nil {
		if decode == nil {
			return fmt.Errorf("no payload decoder for %s", sh.Name)
		}
		return decode(msg.Payload, sh, v)
	}
	f := v.Field(payload.Field)
	switch payload.Shape.Type {
	case protocol.TypeBlob:
		if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Uint8 {
			f.SetBytes(msg.Payload) // the message's own copy
			return nil
		}
	case protocol.TypeString:
		return setString(f, string(msg.Payload))
	default:
		if decode == nil {
			return fmt.Errorf("no payload decoder for %s", payload.Shape.Name)
		}
		if f.Kind() == reflect.Pointer && f.IsNil() {
			// An empty payload is an empty value, as botocore parses
			// it ({}).
			f.Set(reflect.New(f.Type().Elem()))
		}
		return decode(msg.Payload, payload.Shape, f)
	}
	return fmt.Errorf("payload %s: Go field is %s", payload.Name, f.Type())
}

// setHeader stores header value h in field f of shape sh.
func setHeader(f reflect.Value, sh *protocol.Shape, h Value) error {
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			f.Set(reflect.New(f.Type().Elem()))
		}
		f = f.Elem()
	}
	isInt := h.Type == TypeByte || h.Type == TypeShort || h.Type == TypeInt || h.Type == TypeLong
	switch sh.Type {
	case protocol.TypeString:
		switch h.Type {
		case TypeString:
			return setString(f, h.String)
		case TypeBytes:
			return setString(f, string(h.Bytes))
		}
	case protocol.TypeBlob:
		if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Uint8 {
			switch h.Type {
			case TypeBytes:
				f.SetBytes(h.Bytes)
				return nil
			case TypeString:
				f.SetBytes([]byte(h.String))
				return nil
			}
		}
	case protocol.TypeBoolean:
		if (h.Type == TypeBoolTrue || h.Type == TypeBoolFalse) && f.Kind() == reflect.Bool {
			f.SetBool(h.Bool)
			return nil
		}
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong:
		switch f.Kind() {
		case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
			if isInt && !f.OverflowInt(h.Int) {
				f.SetInt(h.Int)
				return nil
			}
		}
	case protocol.TypeTimestamp:
		if f.Type() == reflect.TypeFor[time.Time]() {
			switch {
			case h.Type == TypeTimestamp:
				f.Set(reflect.ValueOf(h.Time))
				return nil
			case isInt:
				f.Set(reflect.ValueOf(time.UnixMilli(h.Int).UTC()))
				return nil
			}
		}
	}
	return fmt.Errorf("a %s value for a %s member (Go %s)", h.Type, shapeType(sh.Type), f.Type())
}

func setString(f reflect.Value, s string) error {
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			f.Set(reflect.New(f.Type().Elem()))
		}
		f = f.Elem()
	}
	if f.Kind() != reflect.String {
		return fmt.Errorf("a string for Go %s", f.Type())
	}
	f.SetString(s)
	return nil
}

func shapeType(t protocol.Type) string {
	names := [...]string{"invalid", "structure", "list", "map", "string", "blob", "boolean", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "timestamp", "document"}
	if int(t) < len(names) {
		return names[t]
	}
	return fmt.Sprintf("type(%d)", t)
}

// exception turns an exception message into a *protocol.ResponseError.
func exception(msg *Message, stream *protocol.Shape, decode PayloadDecoder) error {
	code := msg.StringHeader(":exception-type")
	re := &protocol.ResponseError{Code: code}
	var mem *protocol.Member
	for i := range stream.EventExceptions {
		if stream.EventExceptions[i].Name == code {
			mem = &stream.EventExceptions[i]
			break
		}
	}
	if decode == nil {
		re.Message = msg.StringHeader(":error-message")
		return re
	}
	if mem != nil {
		if t := mem.Shape.ReflectType(); t != nil {
			ev := reflect.New(t)
			if err := decode(msg.Payload, mem.Shape, ev.Elem()); err != nil {
				return fmt.Errorf("eventstream: exception %s: %w", code, err)
			}
			re.Modeled = ev.Interface()
			re.Message = messageOf(mem.Shape, ev.Elem())
			return re
		}
	}
	var doc messageDoc
	if err := decode(msg.Payload, &messageShape, reflect.ValueOf(&doc).Elem()); err == nil {
		switch {
		case doc.Upper != nil:
			re.Message = *doc.Upper
		case doc.Lower != nil:
			re.Message = *doc.Lower
		}
	}
	return re
}

// messageOf returns the exception's message member, "Message" first and
// "message" second, as botocore reads it.
func messageOf(sh *protocol.Shape, v reflect.Value) string {
	for _, name := range [...]string{"Message", "message"} {
		for i := range sh.Members {
			m := &sh.Members[i]
			if m.Name != name || m.Field < 0 {
				continue
			}
			f := v.Field(m.Field)
			if f.Kind() == reflect.Pointer {
				if f.IsNil() {
					continue
				}
				f = f.Elem()
			}
			if f.Kind() == reflect.String {
				return f.String()
			}
		}
	}
	return ""
}

// messageDoc is the message of an exception the stream does not model.
type messageDoc struct{ Upper, Lower *string }

var (
	stringShape  = protocol.Shape{Name: "String", Type: protocol.TypeString}
	messageShape = protocol.Shape{
		Name: "Exception", Type: protocol.TypeStructure, Payload: -1,
		Members: []protocol.Member{
			{Name: "Message", Field: 0, Shape: &stringShape},
			{Name: "message", Field: 1, Shape: &stringShape},
		},
		GoType: reflect.TypeFor[messageDoc](),
	}
)
