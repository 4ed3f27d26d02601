package eventstream_test

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/protocol/eventstream"
)

type vector struct {
	Name    string  `json:"name"`
	Headers [][]any `json:"headers"`
	Payload string  `json:"payload"`
	Bytes   string  `json:"bytes"`
}

func loadVectors(t testing.TB) []vector {
	t.Helper()
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

// wantMessage converts a vector's JSON headers into a Message.
func wantMessage(t *testing.T, v vector) *eventstream.Message {
	m := &eventstream.Message{Payload: []byte(v.Payload)}
	for _, h := range v.Headers {
		name, typ := h[0].(string), h[1].(string)
		var val eventstream.Value
		switch typ {
		case "true", "false":
			val = eventstream.Bool(h[2].(bool))
		case "byte":
			val = eventstream.Byte(int8(h[2].(float64)))
		case "short":
			val = eventstream.Short(int16(h[2].(float64)))
		case "int":
			val = eventstream.Int(int32(h[2].(float64)))
		case "long":
			val = eventstream.Long(int64(h[2].(float64)))
		case "bytes":
			b, _ := hex.DecodeString(h[2].(string))
			val = eventstream.Bytes(b)
		case "string":
			val = eventstream.String(h[2].(string))
		case "timestamp":
			val = eventstream.Timestamp(time.UnixMilli(int64(h[2].(float64))))
		case "uuid":
			b, _ := hex.DecodeString(h[2].(string))
			var u [16]byte
			copy(u[:], b)
			val = eventstream.UUID(u)
		default:
			t.Fatalf("unknown type %q", typ)
		}
		m.Headers = append(m.Headers, eventstream.Header{Name: name, Value: val})
	}
	return m
}

func TestVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			raw, err := hex.DecodeString(v.Bytes)
			if err != nil {
				t.Fatal(err)
			}
			want := wantMessage(t, v)
			got, err := eventstream.DecodeMessage(raw)
			if err != nil {
				t.Fatalf("DecodeMessage: %v", err)
			}
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []byte) bool { return bytes.Equal(a, b) })); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
			enc, err := eventstream.AppendMessage(nil, want)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(enc, raw) {
				t.Errorf("encoded: got %x, want %x", enc, raw)
			}
		})
	}
}

func TestDecodeStream(t *testing.T) {
	var stream bytes.Buffer
	vs := loadVectors(t)
	for _, v := range vs {
		raw, _ := hex.DecodeString(v.Bytes)
		stream.Write(raw)
	}
	// One byte at a time, to exercise short reads.
	d := eventstream.NewDecoder(io.LimitReader(&oneByte{&stream}, 1<<20), eventstream.DecoderOptions{})
	n := 0
	for {
		m, err := d.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("message %d: %v", n, err)
		}
		if string(m.Payload) != vs[n].Payload {
			t.Errorf("message %d payload: got %q, want %q", n, m.Payload, vs[n].Payload)
		}
		n++
	}
	if n != len(vs) {
		t.Errorf("got %d messages, want %d", n, len(vs))
	}
}

type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

// frame builds a message with chosen lengths and valid CRCs around body.
func frame(total, headersLen uint32, body []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, total)
	b = binary.BigEndian.AppendUint32(b, headersLen)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	b = append(b, body...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

func TestDecodeErrors(t *testing.T) {
	good, _ := eventstream.AppendMessage(nil, &eventstream.Message{
		Headers: []eventstream.Header{{Name: ":event-type", Value: eventstream.String("Records")}},
		Payload: []byte("payload"),
	})
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x01
		return b
	}
	tests := []struct {
		name string
		in   []byte
		opts eventstream.DecoderOptions
		want error
	}{
		{"prelude crc", flip(9), eventstream.DecoderOptions{}, eventstream.ErrPreludeChecksum},
		{"length changed", flip(3), eventstream.DecoderOptions{}, eventstream.ErrPreludeChecksum},
		{"header byte", flip(13), eventstream.DecoderOptions{}, eventstream.ErrMessageChecksum},
		{"payload byte", flip(len(good) - 6), eventstream.DecoderOptions{}, eventstream.ErrMessageChecksum},
		{"message crc", flip(len(good) - 1), eventstream.DecoderOptions{}, eventstream.ErrMessageChecksum},
		{"truncated", good[:len(good)-3], eventstream.DecoderOptions{}, io.ErrUnexpectedEOF},
		{"truncated prelude", good[:5], eventstream.DecoderOptions{}, io.ErrUnexpectedEOF},
		{"payload over limit", good, eventstream.DecoderOptions{MaxPayloadLen: 6}, eventstream.ErrTooLarge},
		{"headers over limit", good, eventstream.DecoderOptions{MaxHeadersLen: 10}, eventstream.ErrTooLarge},
		{"huge total before any allocation", frame(0xffffffff, 0, nil), eventstream.DecoderOptions{}, eventstream.ErrTooLarge},
		{"total below overhead", frame(15, 0, nil), eventstream.DecoderOptions{}, eventstream.ErrMalformed},
		{"headers longer than message", frame(16, 1, nil), eventstream.DecoderOptions{}, eventstream.ErrMalformed},
		{"unknown value type", frame(16+4, 4, []byte{1, 'a', 10, 0}), eventstream.DecoderOptions{}, eventstream.ErrMalformed},
		{"empty header name", frame(16+2, 2, []byte{0, 0}), eventstream.DecoderOptions{}, eventstream.ErrMalformed},
		{"string value past headers", frame(16+5, 5, []byte{1, 'a', 7, 0, 9}), eventstream.DecoderOptions{}, eventstream.ErrMalformed},
		{"long value cut", frame(16+6, 6, []byte{1, 'a', 5, 0, 0, 0}), eventstream.DecoderOptions{}, eventstream.ErrMalformed},
		{"name not utf-8", frame(16+3, 3, []byte{1, 0xff, 0}), eventstream.DecoderOptions{}, eventstream.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := eventstream.NewDecoder(bytes.NewReader(tt.in), tt.opts).Decode()
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := eventstream.DecodeMessage(append(bytes.Clone(good), 0)); !errors.Is(err, eventstream.ErrMalformed) {
		t.Errorf("trailing byte: got %v, want ErrMalformed", err)
	}
	if _, err := eventstream.NewDecoder(bytes.NewReader(nil), eventstream.DecoderOptions{}).Decode(); err != io.EOF {
		t.Errorf("empty stream: got %v, want io.EOF", err)
	}
}

func TestEncodeErrors(t *testing.T) {
	long := string(make([]byte, 256))
	tests := []struct {
		name string
		h    eventstream.Header
	}{
		{"empty name", eventstream.Header{Name: "", Value: eventstream.Bool(true)}},
		{"long name", eventstream.Header{Name: long, Value: eventstream.Bool(true)}},
		{"long value", eventstream.Header{Name: "a", Value: eventstream.Bytes(make([]byte, 65536))}},
		{"unknown type", eventstream.Header{Name: "a", Value: eventstream.Value{Type: 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := []byte("keep")
			got, err := eventstream.AppendMessage(dst, &eventstream.Message{Headers: []eventstream.Header{tt.h}})
			if err == nil {
				t.Fatal("got no error")
			}
			if string(got) != "keep" {
				t.Errorf("dst: got %q, want it unchanged", got)
			}
		})
	}
}

func TestMessageHeaders(t *testing.T) {
	m := &eventstream.Message{Headers: []eventstream.Header{
		{Name: ":event-type", Value: eventstream.String("Stats")},
		{Name: "n", Value: eventstream.Int(3)},
	}}
	if got := m.StringHeader(":event-type"); got != "Stats" {
		t.Errorf("got %q, want Stats", got)
	}
	if got := m.StringHeader("n"); got != "" {
		t.Errorf("non-string header: got %q, want empty", got)
	}
	if _, ok := m.Header("missing"); ok {
		t.Error("missing header: got ok, want not found")
	}
	if got := eventstream.TypeUUID.String(); got != "uuid" {
		t.Errorf("got %q, want uuid", got)
	}
}

func FuzzDecode(f *testing.F) {
	for _, v := range loadVectors(f) {
		raw, _ := hex.DecodeString(v.Bytes)
		f.Add(raw)
	}
	f.Add(frame(16+5, 5, []byte{1, 'a', 7, 0, 9}))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := eventstream.NewDecoder(bytes.NewReader(b), eventstream.DecoderOptions{MaxHeadersLen: 4096, MaxPayloadLen: 1 << 16})
		for range 64 {
			m, err := d.Decode()
			if err != nil {
				return
			}
			// A decoded message encodes to a message that decodes the same.
			enc, err := eventstream.AppendMessage(nil, m)
			if err != nil {
				t.Fatalf("re-encoding a decoded message: %v", err)
			}
			m2, err := eventstream.DecodeMessage(enc)
			if err != nil {
				t.Fatalf("decoding the re-encoded message: %v", err)
			}
			if diff := cmp.Diff(m, m2); diff != "" {
				t.Fatalf("round trip (-first +second):\n%s", diff)
			}
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	m := &eventstream.Message{
		Headers: []eventstream.Header{
			{Name: ":event-type", Value: eventstream.String("Records")},
			{Name: ":content-type", Value: eventstream.String("application/octet-stream")},
			{Name: ":message-type", Value: eventstream.String("event")},
		},
		Payload: bytes.Repeat([]byte("a,b,c\n"), 10000),
	}
	raw, _ := eventstream.AppendMessage(nil, m)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	r := bytes.NewReader(raw)
	d := eventstream.NewDecoder(r, eventstream.DecoderOptions{})
	for b.Loop() {
		r.Reset(raw)
		if _, err := d.Decode(); err != nil {
			b.Fatal(err)
		}
	}
}
