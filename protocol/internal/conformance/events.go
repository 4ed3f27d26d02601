package conformance

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/eventstream"
)

func decodeBase64(s string) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.TrimSpace(s))
}

// DecodeEvents reads the event messages of r, an event stream of shape
// stream, into the form botocore gives them: one {"<EventName>": {...}}
// per event, with the members bound to event headers from the headers,
// the eventpayload member from the payload (raw for a blob or string,
// decoded by decode for a structure), or, when the event has no
// eventpayload member, its other members decoded from the payload.
func DecodeEvents(r io.Reader, stream *protocol.Shape, decode func(*protocol.Shape, []byte, reflect.Value) error) ([]any, error) {
	events := []any{}
	d := eventstream.NewDecoder(r, eventstream.DecoderOptions{})
	for {
		msg, err := d.Decode()
		if errors.Is(err, io.EOF) {
			return events, nil
		}
		if err != nil {
			return events, err
		}
		if mt := msg.StringHeader(":message-type"); mt != "event" {
			return events, fmt.Errorf("message type %q: %s", mt, msg.Payload)
		}
		name := msg.StringHeader(":event-type")
		var mem *protocol.Member
		for i := range stream.Members {
			if stream.Members[i].Name == name {
				mem = &stream.Members[i]
			}
		}
		if mem == nil {
			continue // an event this model does not know
		}
		ev, err := decodeEvent(msg, mem.Shape, decode)
		if err != nil {
			return events, fmt.Errorf("event %s: %w", name, err)
		}
		events = append(events, map[string]any{name: ev})
	}
}

func decodeEvent(msg *eventstream.Message, sh *protocol.Shape, decode func(*protocol.Shape, []byte, reflect.Value) error) (map[string]any, error) {
	out := map[string]any{}
	hasPayloadMember := false
	for i := range sh.Members {
		m := &sh.Members[i]
		switch {
		case m.EventHeader:
			h, ok := msg.Header(m.Name)
			if !ok {
				continue
			}
			out[m.Name] = headerJSON(h)
		case m.EventPayload:
			hasPayloadMember = true
			switch m.Shape.Type {
			case protocol.TypeBlob, protocol.TypeString:
				out[m.Name] = string(msg.Payload)
			default:
				if decode == nil {
					return nil, errors.New("no payload decoder")
				}
				gt := m.Shape.ReflectType()
				if gt == nil {
					return nil, fmt.Errorf("no Go type for %s", m.Shape.Name)
				}
				v := reflect.New(gt)
				if err := decode(m.Shape, msg.Payload, v.Elem()); err != nil {
					return nil, err
				}
				out[m.Name] = protocoltest.ToJSON(m.Shape, v)
			}
		}
	}
	if !hasPayloadMember && len(msg.Payload) > 0 && decode != nil {
		gt := sh.ReflectType()
		v := reflect.New(gt)
		if err := decode(sh, msg.Payload, v.Elem()); err != nil {
			return nil, err
		}
		for k, x := range protocoltest.ToJSON(sh, v).(map[string]any) {
			if _, set := out[k]; !set {
				out[k] = x
			}
		}
	}
	return out, nil
}

// headerJSON is an event header's value in the suites' form.
func headerJSON(h eventstream.Value) any {
	switch h.Type {
	case eventstream.TypeBoolTrue, eventstream.TypeBoolFalse:
		return h.Bool
	case eventstream.TypeByte, eventstream.TypeShort, eventstream.TypeInt, eventstream.TypeLong:
		return float64(h.Int)
	case eventstream.TypeBytes:
		return string(h.Bytes)
	case eventstream.TypeString:
		return h.String
	case eventstream.TypeTimestamp:
		return float64(h.Time.UnixMilli()) / 1000
	}
	return nil
}
