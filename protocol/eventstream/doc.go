// Package eventstream is the AWS event stream binary framing
// (application/vnd.amazon.eventstream), the message format of S3
// SelectObjectContent answers and other streaming APIs.
//
// Each message is
//
//	total length    uint32, big-endian, the whole message
//	headers length  uint32, big-endian
//	prelude CRC     uint32, CRC-32 (IEEE, as gzip) of the 8 bytes above
//	headers         headers-length bytes
//	payload         total - headers - 16 bytes
//	message CRC     uint32, CRC-32 of everything before it
//
// and each header is a name (1-byte length, 1 to 255 bytes of UTF-8), a
// 1-byte value type and the value: 0 true and 1 false (no bytes), 2 byte
// (1), 3 short (2), 4 integer (4), 5 long (8), 6 byte array and 7 string
// (2-byte length, then the bytes), 8 timestamp (8: milliseconds since the
// Unix epoch), 9 UUID (16). Integers are big-endian and signed. This
// follows the format as AWS documents it ("Event stream encoding").
//
// A Decoder checks the prelude CRC before it trusts the lengths and the
// message CRC before it returns a message; it rejects a message larger than
// its limits (by default 128 KiB of headers and 16 MiB of payload, as the
// AWS SDKs do) before allocating for it, so hostile input never makes it
// allocate without bound.
//
// UnmarshalEvent binds one decoded message to an event stream's schema
// (protocol.Shape with EventStream set) as botocore's EventStream parser
// does: the :event-type names the union member; event members come from
// headers (eventheader), the payload (eventpayload: raw blob or string, or
// decoded by the protocol's codec) or the whole payload; an exception or
// error message becomes a *protocol.ResponseError, with the modelled
// exception's value when the stream lists it (EventExceptions).
//
// The zero Decoder is not usable: make one with NewDecoder. A Decoder is not
// safe for concurrent use; it never closes its reader (the caller owns the
// body). Encode and AppendMessage are safe for concurrent use.
package eventstream
