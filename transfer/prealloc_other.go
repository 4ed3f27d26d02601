//go:build !linux

package transfer

import "os"

// preallocate does nothing where fallocate(2) is not available.
func preallocate(f *os.File, size int64) {}
