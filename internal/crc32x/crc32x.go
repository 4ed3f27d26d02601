package crc32x

import "hash/crc32"

// useAccel selects the wide kernel; it is set once from the CPU features and
// changed only by tests (export_test.go).
var useAccel = hasAccel()

// Accelerated reports whether the wide kernel is in use.
func Accelerated() bool { return useAccel }

// UpdateIEEE returns the CRC-32 (IEEE polynomial, as
// hash/crc32.Update(crc, crc32.IEEETable, p)) of p appended to data whose CRC
// is crc.
func UpdateIEEE(crc uint32, p []byte) uint32 {
	return crc32.Update(crc, crc32.IEEETable, p)
}
