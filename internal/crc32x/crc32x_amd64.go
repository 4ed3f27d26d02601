//go:build amd64 && !purego

package crc32x

// hasAccel reports whether the CPU has AVX2, PCLMULQDQ and VPCLMULQDQ and the
// operating system saves the YMM registers: CPUID leaf 1 ECX bits 1
// (PCLMULQDQ), 27 (OSXSAVE) and 28 (AVX); leaf 7 subleaf 0 EBX bit 5 (AVX2)
// and ECX bit 10 (VPCLMULQDQ); XCR0 bits 1 and 2 (SSE and AVX state).
func hasAccel() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		pclmulqdq = 1 << 1
		osxsave   = 1 << 27
		avx       = 1 << 28
	)
	if ecx1&pclmulqdq == 0 || ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if xcr0, _ := xgetbv(0); xcr0&6 != 6 {
		return false
	}
	_, ebx7, ecx7, _ := cpuid(7, 0)
	const (
		avx2       = 1 << 5
		vpclmulqdq = 1 << 10
	)
	return ebx7&avx2 != 0 && ecx7&vpclmulqdq != 0
}

// cpuid executes CPUID with EAX = leaf and ECX = sub.
func cpuid(leaf, sub uint32) (a, b, c, d uint32)

// xgetbv executes XGETBV with ECX = index and returns EAX and EDX.
func xgetbv(index uint32) (eax, edx uint32)

// foldIEEE returns the CRC register (not inverted) after p, starting from
// state. len(p) must be a multiple of 16 and at least 128.
//
//go:noescape
func foldIEEE(state uint32, p []byte) uint32
