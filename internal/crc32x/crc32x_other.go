//go:build !amd64 || purego

package crc32x

// hasAccel reports whether the wide kernel can run here.
func hasAccel() bool { return false }

func foldIEEE(state uint32, p []byte) uint32 { panic("crc32x: no accelerated kernel") }
