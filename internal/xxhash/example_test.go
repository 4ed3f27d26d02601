package xxhash_test

import (
	"encoding/base64"
	"fmt"

	"github.com/goto3/goto3/internal/xxhash"
)

// The x-amz-checksum-xxhash64, -xxhash3 and -xxhash128 header values of a
// body: base64 of the canonical (big-endian) digest with seed 0. The body
// is written in two pieces, as a streaming upload would.
func Example() {
	body := []byte("hello world")
	for _, h := range []struct {
		header string
		d      interface {
			Write([]byte) (int, error)
			Sum([]byte) []byte
		}
	}{
		{"x-amz-checksum-xxhash64", xxhash.New64()},
		{"x-amz-checksum-xxhash3", xxhash.New3()},
		{"x-amz-checksum-xxhash128", xxhash.New128()},
	} {
		h.d.Write(body[:5])
		h.d.Write(body[5:])
		fmt.Printf("%s: %s\n", h.header, base64.StdEncoding.EncodeToString(h.d.Sum(nil)))
	}
	// Output:
	// x-amz-checksum-xxhash64: RatnNLIeaWg=
	// x-amz-checksum-xxhash3: 1Eex6kDmmIs=
	// x-amz-checksum-xxhash128: 340J6T+HSQCpm4d1zBW2xw==
}

// One-shot digests, printed in the canonical hexadecimal form xxhsum uses.
func ExampleSum128() {
	p := []byte("Hello world")
	fmt.Printf("%016x\n", xxhash.Sum64(p))
	fmt.Printf("%016x\n", xxhash.Sum3(p))
	fmt.Printf("%x\n", xxhash.Sum128(p).Bytes())
	// Output:
	// c500b0c912b376d8
	// b6acb9d84a38ff74
	// 7351f89812f97382b91d05b31e04dd7f
}
