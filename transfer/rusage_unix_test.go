//go:build unix

package transfer_test

import (
	"syscall"
	"time"
)

// usage returns this process's CPU time so far and its peak RSS in MiB.
func usage() (time.Duration, float64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return cpu, float64(ru.Maxrss) / 1024 // Linux: KiB
}
