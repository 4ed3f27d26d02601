//go:build !amd64 || purego

package sha256x2

func hasAccel() bool { return false }

func block(h *[8]uint32, p []byte) { panic("sha256x2: no accelerated kernel") }

func block2(ha, hb *[8]uint32, p, q []byte) { panic("sha256x2: no accelerated kernel") }

func block4(ha, hb, hc, hd *[8]uint32, pa, pb, pc, pd []byte) {
	panic("sha256x2: no accelerated kernel")
}
