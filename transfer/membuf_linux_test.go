package transfer_test

import (
	"syscall"
	"unsafe"
)

const offHeap = true

// resident returns how many bytes of b are in memory (mincore(2)).
func resident(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	page := syscall.Getpagesize()
	vec := make([]byte, (len(b)+page-1)/page)
	_, _, errno := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
	if errno != 0 {
		panic("mincore: " + errno.Error())
	}
	n := 0
	for _, v := range vec {
		if v&1 != 0 {
			n += page
		}
	}
	return n
}
