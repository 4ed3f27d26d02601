//go:build unix

package transfer

import "syscall"

// mapBuffer returns n bytes of anonymous private memory, outside the Go
// heap, or nil if the mapping failed. Its pages are zero and take no
// memory until first written.
func mapBuffer(n int) []byte {
	if n <= 0 {
		return nil
	}
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	return b
}

// unmapBuffer unmaps a buffer from mapBuffer; any later access to it
// faults.
func unmapBuffer(b []byte) {
	if err := syscall.Munmap(b); err != nil {
		// Only a slice that mapBuffer did not return can fail here.
		panic("transfer: unmapping a part buffer: " + err.Error())
	}
}
