package crc32x

// SetAccelerated chooses the wide kernel (on) or the hash/crc32 fallback
// (off). It reports whether the requested path is available here and returns
// a func that restores the previous choice. Tests that call it must not run
// in parallel.
func SetAccelerated(on bool) (ok bool, restore func()) {
	prev := useAccel
	restore = func() { useAccel = prev }
	if on && !hasAccel() {
		return false, restore
	}
	useAccel = on
	return true, restore
}

// FoldConstants is the kernel's constant table.
var FoldConstants = foldConstants

// HasAccel reports whether the wide kernel can run here (what the CPU
// feature check found), whatever SetAccelerated chose.
var HasAccel = hasAccel
