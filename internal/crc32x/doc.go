// Package crc32x computes the IEEE CRC-32 (the checksum S3 calls CRC32, sent
// as x-amz-checksum-crc32) with a wide folding kernel where the CPU has one.
//
// It exists for the transfer manager, which checksums every uploaded part:
// hash/crc32's amd64 kernel folds 16 bytes per carry-less multiply, while
// CPUs with VPCLMULQDQ can fold 32 bytes per instruction in each of several
// independent YMM accumulators. [UpdateIEEE] returns exactly what
// hash/crc32.Update(crc, crc32.IEEETable, p) returns, on every path.
//
// On amd64 CPUs with AVX2, PCLMULQDQ and VPCLMULQDQ whose operating system
// saves the YMM registers (detected with CPUID and XGETBV; see
// [Accelerated]) inputs of 128 bytes or more go through the package's own
// assembly kernel, which folds 128 bytes per iteration in four YMM
// accumulators, reduces the folded state to a 32-bit CRC and leaves the last
// 0-15 bytes to hash/crc32. Short inputs, other CPUs, other architectures and builds with the purego tag use
// hash/crc32 directly.
//
// The package has no types and no state beyond the CPU feature check made at
// start-up; its functions are safe for concurrent use. It holds no bodies and
// closes nothing.
package crc32x
