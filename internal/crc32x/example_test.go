package crc32x_test

import (
	"fmt"

	"github.com/goto3/goto3/internal/crc32x"
)

// The CRC32 of an upload part, computed in two pieces as a streaming hasher
// would, equals the CRC32 of the whole part.
func Example() {
	part := []byte("The quick brown fox jumps over the lazy dog")
	crc := crc32x.UpdateIEEE(0, part[:10])
	crc = crc32x.UpdateIEEE(crc, part[10:])
	fmt.Printf("%08x\n", crc)
	fmt.Printf("%08x\n", crc32x.UpdateIEEE(0, []byte("123456789")))
	// Output:
	// 414fa339
	// cbf43926
}
