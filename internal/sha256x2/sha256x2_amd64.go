//go:build amd64 && !purego

package sha256x2

// hasAccel reports whether the CPU has the SHA extensions, SSSE3 and
// SSE4.1 (CPUID leaf 7 subleaf 0 EBX bit 29; leaf 1 ECX bits 9 and 19).
func hasAccel() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	_, ebx7, _, _ := cpuid(7, 0)
	const (
		sha    = 1 << 29
		ssse3  = 1 << 9
		sse4_1 = 1 << 19
	)
	return ebx7&sha != 0 && ecx1&ssse3 != 0 && ecx1&sse4_1 != 0
}

// cpuid executes CPUID with EAX = leaf and ECX = sub.
func cpuid(leaf, sub uint32) (a, b, c, d uint32)

// block hashes the len(p)/64 whole blocks of p into h.
//
//go:noescape
func block(h *[8]uint32, p []byte)

// block2 hashes the len(p)/64 whole blocks of p into ha and the same number
// of blocks from the start of q into hb, interleaving the two; len(q) must
// be at least len(p).
//
//go:noescape
func block2(ha, hb *[8]uint32, p, q []byte)

// block4 hashes the len(pa)/64 whole blocks of pa into ha and the same
// number of blocks from the starts of pb, pc and pd into hb, hc and hd,
// interleaving the four; pb, pc and pd must be at least as long as pa.
//
//go:noescape
func block4(ha, hb, hc, hd *[8]uint32, pa, pb, pc, pd []byte)
