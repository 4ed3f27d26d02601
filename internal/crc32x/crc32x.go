package crc32x

import "hash/crc32"

// foldConstants are the multipliers of the folding kernel, in the form its
// carry-less multiplies take them. A polynomial A of degree < 64 is held
// bit-reflected in a 64-bit word a (bit j of a is the coefficient of
// x^(63-j)), and multiplying two such words yields A*B*x in the 128-bit
// product read the same way. Folding a 128-bit value H = Hhi*x^64 + Hlo
// (Hhi in the register's low quadword, which holds the earlier bytes)
// forward by t bits multiplies Hhi by x^(t+63) mod P and Hlo by x^(t-1) mod
// P. TestFoldConstants derives every entry from the IEEE polynomial
// P = 0x104C11DB7.
var foldConstants = [12]uint64{
	0x7d657a1000000000, 0x7406fa9500000000, // fold by 128 bytes: x^1087, x^1023 mod P
	0x9570d49500000000, 0x01b5fd1d00000000, // fold by 32 bytes: x^319, x^255 mod P
	0x65673b4600000000, 0x9ba54c6f00000000, // fold by 16 bytes: x^191, x^127 mod P
	0xccaa009e00000000, 0x0000000100000000, // multiply by x^32: x^95 mod P, x^31
	0xb8bc676500000000, 0x00000001f7011641, // x^63 mod P; Barrett's floor(x^64/P) * x^31
	0x00000001db710641, 0, // P * x^31
}

// minAccel is the shortest input given to the kernel: below it, the
// kernel's set-up and final reduction cost more than they save.
const minAccel = 128

// useAccel selects the wide kernel; it is set once from the CPU features and
// changed only by tests (export_test.go).
var useAccel = hasAccel()

// Accelerated reports whether the wide kernel is in use.
func Accelerated() bool { return useAccel }

// UpdateIEEE returns the CRC-32 (IEEE polynomial, as
// hash/crc32.Update(crc, crc32.IEEETable, p)) of p appended to data whose CRC
// is crc.
func UpdateIEEE(crc uint32, p []byte) uint32 {
	if useAccel && len(p) >= minAccel {
		// hash/crc32 inverts the register on the way in and out; the kernel
		// takes and returns it as is.
		n := len(p) &^ 15
		crc = ^foldIEEE(^crc, p[:n])
		p = p[n:]
		if len(p) == 0 {
			return crc
		}
	}
	return crc32.Update(crc, crc32.IEEETable, p)
}
