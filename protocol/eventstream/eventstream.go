package eventstream

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"time"
	"unicode/utf8"
)

// ValueType is a header value's type byte.
type ValueType uint8

// Header value types.
const (
	TypeBoolTrue  ValueType = 0
	TypeBoolFalse ValueType = 1
	TypeByte      ValueType = 2
	TypeShort     ValueType = 3
	TypeInt       ValueType = 4
	TypeLong      ValueType = 5
	TypeBytes     ValueType = 6
	TypeString    ValueType = 7
	TypeTimestamp ValueType = 8
	TypeUUID      ValueType = 9
)

// Limits of the format and the default limits of a Decoder.
const (
	preludeLen  = 12 // two lengths and the prelude CRC
	overhead    = 16 // prelude and message CRC
	MaxNameLen  = 255
	MaxValueLen = 65535 // a byte array or string value

	DefaultMaxHeadersLen = 128 << 10
	DefaultMaxPayloadLen = 16 << 20
)

// Errors of decoding. Every decoding error wraps one of them.
var (
	// ErrPreludeChecksum: the prelude CRC does not match.
	ErrPreludeChecksum = errors.New("eventstream: prelude checksum mismatch")
	// ErrMessageChecksum: the message CRC does not match.
	ErrMessageChecksum = errors.New("eventstream: message checksum mismatch")
	// ErrTooLarge: the message's headers or payload exceed the limits.
	ErrTooLarge = errors.New("eventstream: message too large")
	// ErrMalformed: the lengths or the headers are not well formed.
	ErrMalformed = errors.New("eventstream: malformed message")
)

var typeNames = [...]string{"true", "false", "byte", "short", "int", "long", "bytes", "string", "timestamp", "uuid"}

// String returns the type's name, such as "string".
func (t ValueType) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("type(%d)", uint8(t))
}

// Value is a header value. Type says which field holds it: Bool (types 0
// and 1), Int (byte, short, integer, long), Bytes, String, Time
// (timestamp, millisecond precision, UTC) or UUID.
type Value struct {
	Type   ValueType
	Bool   bool
	Int    int64
	Bytes  []byte
	String string
	Time   time.Time
	UUID   [16]byte
}

// Header is one message header.
type Header struct {
	Name  string
	Value Value
}

// Message is one event stream message.
type Message struct {
	Headers []Header
	Payload []byte
}

// Header returns the value of the first header called name.
func (m *Message) Header(name string) (Value, bool) {
	for i := range m.Headers {
		if m.Headers[i].Name == name {
			return m.Headers[i].Value, true
		}
	}
	return Value{}, false
}

// StringHeader returns the string value of header name, or "" when it is
// missing or not a string.
func (m *Message) StringHeader(name string) string {
	v, ok := m.Header(name)
	if !ok || v.Type != TypeString {
		return ""
	}
	return v.String
}

// Bool, Byte, Short, Int, Long, Bytes, String, Timestamp and UUID make
// header values.
func Bool(b bool) Value {
	if b {
		return Value{Type: TypeBoolTrue, Bool: true}
	}
	return Value{Type: TypeBoolFalse}
}
func Byte(v int8) Value     { return Value{Type: TypeByte, Int: int64(v)} }
func Short(v int16) Value   { return Value{Type: TypeShort, Int: int64(v)} }
func Int(v int32) Value     { return Value{Type: TypeInt, Int: int64(v)} }
func Long(v int64) Value    { return Value{Type: TypeLong, Int: v} }
func Bytes(b []byte) Value  { return Value{Type: TypeBytes, Bytes: b} }
func String(s string) Value { return Value{Type: TypeString, String: s} }
func Timestamp(t time.Time) Value {
	return Value{Type: TypeTimestamp, Time: t.UTC().Truncate(time.Millisecond)}
}
func UUID(u [16]byte) Value { return Value{Type: TypeUUID, UUID: u} }
func malformed(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, a...)...)
}

// AppendMessage appends the encoding of m to dst. It fails when a header
// name is empty, longer than 255 bytes or not UTF-8, a byte array or
// string value is longer than 65535 bytes, or a value type is unknown.
func AppendMessage(dst []byte, m *Message) ([]byte, error) {
	start := len(dst)
	dst = append(dst, make([]byte, preludeLen)...)
	for i := range m.Headers {
		h := &m.Headers[i]
		if len(h.Name) == 0 || len(h.Name) > MaxNameLen || !utf8.ValidString(h.Name) {
			return dst[:start], fmt.Errorf("eventstream: header name %q: want 1 to %d bytes of UTF-8", h.Name, MaxNameLen)
		}
		dst = append(dst, byte(len(h.Name)))
		dst = append(dst, h.Name...)
		v := &h.Value
		dst = append(dst, byte(v.Type))
		switch v.Type {
		case TypeBoolTrue, TypeBoolFalse:
		case TypeByte:
			dst = append(dst, byte(int8(v.Int)))
		case TypeShort:
			dst = binary.BigEndian.AppendUint16(dst, uint16(int16(v.Int)))
		case TypeInt:
			dst = binary.BigEndian.AppendUint32(dst, uint32(int32(v.Int)))
		case TypeLong:
			dst = binary.BigEndian.AppendUint64(dst, uint64(v.Int))
		case TypeBytes, TypeString:
			b := v.Bytes
			if v.Type == TypeString {
				b = []byte(v.String)
			}
			if len(b) > MaxValueLen {
				return dst[:start], fmt.Errorf("eventstream: header %s: value of %d bytes exceeds %d", h.Name, len(b), MaxValueLen)
			}
			dst = binary.BigEndian.AppendUint16(dst, uint16(len(b)))
			dst = append(dst, b...)
		case TypeTimestamp:
			dst = binary.BigEndian.AppendUint64(dst, uint64(v.Time.UnixMilli()))
		case TypeUUID:
			dst = append(dst, v.UUID[:]...)
		default:
			return dst[:start], fmt.Errorf("eventstream: header %s: unknown value type %d", h.Name, v.Type)
		}
	}
	headersLen := len(dst) - start - preludeLen
	dst = append(dst, m.Payload...)
	total := len(dst) - start + 4
	if uint64(total) > 1<<32-1 {
		return dst[:start], fmt.Errorf("%w: %d bytes", ErrTooLarge, total)
	}
	p := dst[start:]
	binary.BigEndian.PutUint32(p[0:], uint32(total))
	binary.BigEndian.PutUint32(p[4:], uint32(headersLen))
	binary.BigEndian.PutUint32(p[8:], crc32.ChecksumIEEE(p[:8]))
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(p)), nil
}

// Encode writes the encoding of m to w.
func Encode(w io.Writer, m *Message) error {
	b, err := AppendMessage(nil, m)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// DecoderOptions are a Decoder's limits; zero fields take the defaults.
type DecoderOptions struct {
	MaxHeadersLen int // default DefaultMaxHeadersLen
	MaxPayloadLen int // default DefaultMaxPayloadLen
}

// Decoder reads messages from a stream.
type Decoder struct {
	r    io.Reader
	opts DecoderOptions
	buf  []byte
}

// NewDecoder returns a Decoder reading r.
func NewDecoder(r io.Reader, opts DecoderOptions) *Decoder {
	if opts.MaxHeadersLen <= 0 {
		opts.MaxHeadersLen = DefaultMaxHeadersLen
	}
	if opts.MaxPayloadLen <= 0 {
		opts.MaxPayloadLen = DefaultMaxPayloadLen
	}
	return &Decoder{r: r, opts: opts}
}

// Decode reads the next message. It returns io.EOF at a clean end of the
// stream (no byte of a next message) and io.ErrUnexpectedEOF when the
// stream ends inside a message. The message's payload and byte-array values
// are its own (not shared with later messages).
func (d *Decoder) Decode() (*Message, error) {
	var prelude [preludeLen]byte
	if _, err := io.ReadFull(d.r, prelude[:]); err != nil {
		return nil, err
	}
	total := binary.BigEndian.Uint32(prelude[0:])
	headersLen := binary.BigEndian.Uint32(prelude[4:])
	if got, want := crc32.ChecksumIEEE(prelude[:8]), binary.BigEndian.Uint32(prelude[8:]); got != want {
		return nil, fmt.Errorf("%w: got %08x, message says %08x", ErrPreludeChecksum, got, want)
	}
	if total < overhead || uint64(headersLen) > uint64(total)-overhead {
		return nil, malformed("total length %d, headers length %d", total, headersLen)
	}
	payloadLen := uint64(total) - overhead - uint64(headersLen)
	if uint64(headersLen) > uint64(d.opts.MaxHeadersLen) || payloadLen > uint64(d.opts.MaxPayloadLen) {
		return nil, fmt.Errorf("%w: %d bytes of headers, %d of payload (limits %d, %d)", ErrTooLarge, headersLen, payloadLen, d.opts.MaxHeadersLen, d.opts.MaxPayloadLen)
	}
	// The rest: headers, payload and the message CRC, read into one
	// buffer bounded by the limits above.
	rest := int(total) - preludeLen
	if cap(d.buf) < rest {
		d.buf = make([]byte, rest)
	}
	body := d.buf[:rest]
	if _, err := io.ReadFull(d.r, body); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	crc := crc32.Update(crc32.ChecksumIEEE(prelude[:]), crc32.IEEETable, body[:rest-4])
	if want := binary.BigEndian.Uint32(body[rest-4:]); crc != want {
		return nil, fmt.Errorf("%w: got %08x, message says %08x", ErrMessageChecksum, crc, want)
	}
	m := &Message{}
	hdrs := body[:headersLen]
	if err := decodeHeaders(hdrs, m); err != nil {
		return nil, err
	}
	m.Payload = append([]byte(nil), body[headersLen:rest-4]...)
	return m, nil
}

// DecodeMessage decodes one whole message held in b, with the default
// limits; trailing bytes are an error.
func DecodeMessage(b []byte) (*Message, error) {
	r := &byteReader{b: b}
	m, err := NewDecoder(r, DecoderOptions{}).Decode()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if len(r.b) > 0 {
		return nil, malformed("%d bytes after the message", len(r.b))
	}
	return m, nil
}

type byteReader struct{ b []byte }

func (r *byteReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

// decodeHeaders parses the headers section b into m.Headers.
func decodeHeaders(b []byte, m *Message) error {
	for len(b) > 0 {
		n := int(b[0])
		if n == 0 || len(b) < 1+n+1 {
			return malformed("header name of %d bytes in %d left", n, len(b)-1)
		}
		name := b[1 : 1+n]
		if !utf8.Valid(name) {
			return malformed("header name is not UTF-8")
		}
		h := Header{Name: string(name)}
		t := ValueType(b[1+n])
		b = b[2+n:]
		need := func(k int) ([]byte, error) {
			if len(b) < k {
				return nil, malformed("header %s: value of %d bytes in %d left", h.Name, k, len(b))
			}
			v := b[:k]
			b = b[k:]
			return v, nil
		}
		h.Value.Type = t
		var err error
		var v []byte
		switch t {
		case TypeBoolTrue:
			h.Value.Bool = true
		case TypeBoolFalse:
		case TypeByte:
			if v, err = need(1); err == nil {
				h.Value.Int = int64(int8(v[0]))
			}
		case TypeShort:
			if v, err = need(2); err == nil {
				h.Value.Int = int64(int16(binary.BigEndian.Uint16(v)))
			}
		case TypeInt:
			if v, err = need(4); err == nil {
				h.Value.Int = int64(int32(binary.BigEndian.Uint32(v)))
			}
		case TypeLong:
			if v, err = need(8); err == nil {
				h.Value.Int = int64(binary.BigEndian.Uint64(v))
			}
		case TypeBytes, TypeString:
			if v, err = need(2); err == nil {
				if v, err = need(int(binary.BigEndian.Uint16(v))); err == nil {
					if t == TypeString {
						h.Value.String = string(v)
					} else {
						h.Value.Bytes = append([]byte{}, v...)
					}
				}
			}
		case TypeTimestamp:
			if v, err = need(8); err == nil {
				h.Value.Time = time.UnixMilli(int64(binary.BigEndian.Uint64(v))).UTC()
			}
		case TypeUUID:
			if v, err = need(16); err == nil {
				copy(h.Value.UUID[:], v)
			}
		default:
			return malformed("header %s: unknown value type %d", h.Name, t)
		}
		if err != nil {
			return err
		}
		m.Headers = append(m.Headers, h)
	}
	return nil
}
