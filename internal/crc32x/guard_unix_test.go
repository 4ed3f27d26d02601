//go:build unix

package crc32x_test

import (
	"syscall"
	"testing"

	"github.com/goto3/goto3/internal/crc32x"
)

// TestNoReadBeyondInput runs the CRC over inputs that start or end at a
// page boundary next to an inaccessible page: a kernel that reads one byte
// beyond either end of its input faults.
func TestNoReadBeyondInput(t *testing.T) {
	pg := syscall.Getpagesize()
	const body = 3 // pages
	m, err := syscall.Mmap(-1, 0, (body+2)*pg, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Skipf("cannot map guard pages: %v", err)
	}
	defer syscall.Munmap(m)
	if err := syscall.Mprotect(m[:pg], syscall.PROT_NONE); err != nil {
		t.Skipf("cannot protect a guard page: %v", err)
	}
	if err := syscall.Mprotect(m[(body+1)*pg:], syscall.PROT_NONE); err != nil {
		t.Skipf("cannot protect a guard page: %v", err)
	}
	mem := m[pg : (body+1)*pg]
	copy(mem, randomBytes(7, len(mem)))
	forEachPath(t, func(t *testing.T) {
		for n := 0; n <= len(mem); n += 1 + n/64 {
			for _, where := range []string{"head", "tail"} {
				p := mem[len(mem)-n:]
				if where == "head" {
					p = mem[:n:n]
				}
				if got, want := crc32x.UpdateIEEE(0x12345678, p), want(0x12345678, p); got != want {
					t.Errorf("%s of %d bytes: got %#08x, want %#08x", where, n, got, want)
				}
			}
		}
	})
}
