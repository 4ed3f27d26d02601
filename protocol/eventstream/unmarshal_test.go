package eventstream_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/protocol/jsonutil"
)

// A made-up event stream, as a generated package declares it: Data (a
// blob payload), Text (a string payload), Doc (a structure payload),
// Flat (members from the whole payload) and Tagged (members from
// headers), with one modelled exception, Boom.
type (
	esStream struct {
		Data   *esData
		Text   *esText
		Doc    *esDoc
		Flat   *esFlat
		Tagged *esTagged
	}
	esData   struct{ Bytes []byte }
	esText   struct{ Body *string }
	esDoc    struct{ Inner *esInner }
	esInner  struct{ N *int32 }
	esFlat   struct{ Name *string }
	esTagged struct {
		S   *string
		B   []byte
		OK  *bool
		I8  *int32
		I32 int32
		I64 *int64
		T   *time.Time
		TI  *time.Time
		E   *esColor
	}
	esColor string
	esBoom  struct {
		Message *string
		Code    *int32
	}
)

func (e *esBoom) Error() string { return "Boom" }

var (
	esString = protocol.Shape{Name: "S", Type: protocol.TypeString}
	esBlob   = protocol.Shape{Name: "B", Type: protocol.TypeBlob}
	esBool   = protocol.Shape{Name: "Bool", Type: protocol.TypeBoolean}
	esByte   = protocol.Shape{Name: "Byte", Type: protocol.TypeByte}
	esInt    = protocol.Shape{Name: "I", Type: protocol.TypeInteger}
	esLong   = protocol.Shape{Name: "L", Type: protocol.TypeLong}
	esTime   = protocol.Shape{Name: "T", Type: protocol.TypeTimestamp}
	esInnerS = protocol.Shape{Name: "Inner", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[esInner](),
		Members: []protocol.Member{{Name: "n", Field: 0, Shape: &esInt}}}
	esDataS = protocol.Shape{Name: "Data", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[esData](),
		Members: []protocol.Member{{Name: "Bytes", Field: 0, Shape: &esBlob, EventPayload: true}}}
	esTextS = protocol.Shape{Name: "Text", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[esText](),
		Members: []protocol.Member{{Name: "Body", Field: 0, Shape: &esString, EventPayload: true}}}
	esDocS = protocol.Shape{Name: "Doc", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[esDoc](),
		Members: []protocol.Member{{Name: "Inner", Field: 0, Shape: &esInnerS, EventPayload: true}}}
	esFlatS = protocol.Shape{Name: "Flat", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[esFlat](),
		Members: []protocol.Member{{Name: "name", Field: 0, Shape: &esString}}}
	esTaggedS = protocol.Shape{Name: "Tagged", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[esTagged](),
		Members: []protocol.Member{
			{Name: "s", Field: 0, Shape: &esString, EventHeader: true},
			{Name: "b", Field: 1, Shape: &esBlob, EventHeader: true},
			{Name: "ok", Field: 2, Shape: &esBool, EventHeader: true},
			{Name: "i8", Field: 3, Shape: &esByte, EventHeader: true},
			{Name: "i32", Field: 4, Shape: &esInt, EventHeader: true},
			{Name: "i64", Field: 5, Shape: &esLong, EventHeader: true},
			{Name: "t", Field: 6, Shape: &esTime, EventHeader: true},
			{Name: "ti", Field: 7, Shape: &esTime, EventHeader: true},
			{Name: "e", Field: 8, Shape: &esString, EventHeader: true},
		}}
	esBoomS = protocol.Shape{Name: "Boom", Type: protocol.TypeStructure, Payload: -1, Exception: true, GoType: reflect.TypeFor[esBoom](),
		Members: []protocol.Member{{Name: "message", Field: 0, Shape: &esString}, {Name: "code", Field: 1, Shape: &esInt}}}
	esStreamS = protocol.Shape{Name: "Stream", Type: protocol.TypeStructure, Payload: -1, EventStream: true, GoType: reflect.TypeFor[esStream](),
		Members: []protocol.Member{
			{Name: "Data", Field: 0, Shape: &esDataS},
			{Name: "Text", Field: 1, Shape: &esTextS},
			{Name: "Doc", Field: 2, Shape: &esDocS},
			{Name: "Flat", Field: 3, Shape: &esFlatS},
			{Name: "Tagged", Field: 4, Shape: &esTaggedS},
		},
		EventExceptions: []protocol.Member{{Name: "boom", Field: -1, Shape: &esBoomS}},
	}
)

func jsonPayload(b []byte, sh *protocol.Shape, v reflect.Value) error {
	return jsonutil.Decode(b, sh, v, jsonutil.DecodeOptions{})
}

func event(typ string, payload string, hs ...eventstream.Header) *eventstream.Message {
	return &eventstream.Message{Headers: append([]eventstream.Header{
		{Name: ":message-type", Value: eventstream.String("event")},
		{Name: ":event-type", Value: eventstream.String(typ)},
	}, hs...), Payload: []byte(payload)}
}

// TestUnmarshalEvent decodes each kind of event member as botocore's
// EventStream parser does.
func TestUnmarshalEvent(t *testing.T) {
	str := func(s string) *string { return &s }
	i32 := func(n int32) *int32 { return &n }
	i64 := func(n int64) *int64 { return &n }
	yes := true
	ts := time.Date(2024, 5, 6, 7, 8, 9, 123e6, time.UTC)
	color := esColor("red")
	tests := []struct {
		name string
		msg  *eventstream.Message
		want esStream
	}{
		{"blob payload", event("Data", "\x00\x01raw"), esStream{Data: &esData{Bytes: []byte("\x00\x01raw")}}},
		{"string payload", event("Text", "héllo"), esStream{Text: &esText{Body: str("héllo")}}},
		{"structure payload", event("Doc", `{"n":7}`), esStream{Doc: &esDoc{Inner: &esInner{N: i32(7)}}}},
		{"empty structure payload", event("Doc", ""), esStream{Doc: &esDoc{Inner: &esInner{}}}},
		{"whole payload", event("Flat", `{"name":"x","other":1}`), esStream{Flat: &esFlat{Name: str("x")}}},
		{"empty whole payload", event("Flat", ""), esStream{Flat: &esFlat{}}},
		{"headers", event("Tagged", "",
			eventstream.Header{Name: "s", Value: eventstream.String("str")},
			eventstream.Header{Name: "b", Value: eventstream.Bytes([]byte{1, 2})},
			eventstream.Header{Name: "ok", Value: eventstream.Bool(true)},
			eventstream.Header{Name: "i8", Value: eventstream.Byte(-3)},
			eventstream.Header{Name: "i32", Value: eventstream.Int(1 << 30)},
			eventstream.Header{Name: "i64", Value: eventstream.Long(1 << 40)},
			eventstream.Header{Name: "t", Value: eventstream.Timestamp(ts)},
			eventstream.Header{Name: "ti", Value: eventstream.Long(ts.UnixMilli())},
			eventstream.Header{Name: "e", Value: eventstream.String("red")},
		), esStream{Tagged: &esTagged{S: str("str"), B: []byte{1, 2}, OK: &yes, I8: i32(-3), I32: 1 << 30, I64: i64(1 << 40), T: &ts, TI: &ts, E: &color}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got esStream
			ok, err := eventstream.UnmarshalEvent(tt.msg, &esStreamS, reflect.ValueOf(&got).Elem(), jsonPayload)
			if err != nil || !ok {
				t.Fatalf("got %v, %v; want an event", ok, err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("event (-want +got):\n%s", d)
			}
		})
	}
}

// TestUnmarshalEventSkipped: an event type or a message type the stream
// does not know is skipped, as botocore's EventStream yields nothing for
// it.
func TestUnmarshalEventSkipped(t *testing.T) {
	for _, msg := range []*eventstream.Message{
		event("NewKind", `{"x":1}`),
		{Headers: []eventstream.Header{{Name: ":message-type", Value: eventstream.String("ping")}}},
		{},
	} {
		var got esStream
		ok, err := eventstream.UnmarshalEvent(msg, &esStreamS, reflect.ValueOf(&got).Elem(), jsonPayload)
		if ok || err != nil || got != (esStream{}) {
			t.Errorf("%v: got %v, %v, %+v; want it skipped", msg.Headers, ok, err, got)
		}
	}
}

// TestUnmarshalEventErrors: exception and error messages become
// protocol.ResponseErrors, a modelled exception with its Go value.
func TestUnmarshalEventErrors(t *testing.T) {
	exc := func(typ, payload string) *eventstream.Message {
		return &eventstream.Message{Headers: []eventstream.Header{
			{Name: ":message-type", Value: eventstream.String("exception")},
			{Name: ":exception-type", Value: eventstream.String(typ)},
		}, Payload: []byte(payload)}
	}
	msg := "it broke"
	code := int32(5)
	tests := []struct {
		name string
		msg  *eventstream.Message
		want protocol.ResponseError
	}{
		{"modelled", exc("boom", `{"message":"it broke","code":5}`), protocol.ResponseError{Code: "boom", Message: "it broke", Modeled: &esBoom{Message: &msg, Code: &code}}},
		{"modelled, no message", exc("boom", `{}`), protocol.ResponseError{Code: "boom", Modeled: &esBoom{}}},
		{"not modelled", exc("Other", `{"Message":"upper","message":"lower"}`), protocol.ResponseError{Code: "Other", Message: "upper"}},
		{"not modelled, not JSON", exc("Other", `oops`), protocol.ResponseError{Code: "Other"}},
		{"error", &eventstream.Message{Headers: []eventstream.Header{
			{Name: ":message-type", Value: eventstream.String("error")},
			{Name: ":error-code", Value: eventstream.String("InternalError")},
			{Name: ":error-message", Value: eventstream.String("try again")},
		}}, protocol.ResponseError{Code: "InternalError", Message: "try again"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got esStream
			ok, err := eventstream.UnmarshalEvent(tt.msg, &esStreamS, reflect.ValueOf(&got).Elem(), jsonPayload)
			var re *protocol.ResponseError
			if ok || !errors.As(err, &re) {
				t.Fatalf("got %v, %v; want a ResponseError", ok, err)
			}
			if d := cmp.Diff(tt.want, *re); d != "" {
				t.Errorf("error (-want +got):\n%s", d)
			}
		})
	}
}

// TestUnmarshalEventMismatch: a header of the wrong type, or a payload the
// codec cannot read, is an error naming the event.
func TestUnmarshalEventMismatch(t *testing.T) {
	for _, msg := range []*eventstream.Message{
		event("Tagged", "", eventstream.Header{Name: "ok", Value: eventstream.String("yes")}),
		event("Tagged", "", eventstream.Header{Name: "i8", Value: eventstream.Long(1 << 40)}),
		event("Doc", `{"n":"seven"}`),
		event("Flat", `[`),
	} {
		var got esStream
		if ok, err := eventstream.UnmarshalEvent(msg, &esStreamS, reflect.ValueOf(&got).Elem(), jsonPayload); ok || err == nil {
			t.Errorf("%v %q: got %v, %v; want an error", msg.Headers[2:], msg.Payload, ok, err)
		}
	}
}

// FuzzUnmarshalEvent: any message that decodes binds to the stream or is
// refused with an error, never a panic; a bound event sets one member.
func FuzzUnmarshalEvent(f *testing.F) {
	for _, m := range []*eventstream.Message{
		event("Doc", `{"n":7}`),
		event("Tagged", "", eventstream.Header{Name: "i8", Value: eventstream.Byte(3)}, eventstream.Header{Name: "t", Value: eventstream.Long(5)}),
		event("Data", "\x00"),
		{Headers: []eventstream.Header{{Name: ":message-type", Value: eventstream.String("exception")}, {Name: ":exception-type", Value: eventstream.String("boom")}}, Payload: []byte(`{"message":"m"}`)},
	} {
		b, err := eventstream.AppendMessage(nil, m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		msg, err := eventstream.DecodeMessage(b)
		if err != nil {
			return
		}
		var got esStream
		ok, err := eventstream.UnmarshalEvent(msg, &esStreamS, reflect.ValueOf(&got).Elem(), jsonPayload)
		set := 0
		for _, p := range []bool{got.Data != nil, got.Text != nil, got.Doc != nil, got.Flat != nil, got.Tagged != nil} {
			if p {
				set++
			}
		}
		if ok && (err != nil || set != 1) || !ok && set != 0 {
			t.Errorf("got %v, %v with %d members set", ok, err, set)
		}
	})
}
