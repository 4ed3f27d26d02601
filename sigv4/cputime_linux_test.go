//go:build linux

package sigv4_test

import (
	"runtime"
	"syscall"
	"time"
)

// rusageThread is RUSAGE_THREAD (Linux): the calling thread's usage.
const rusageThread = 1

// threadCPU locks the goroutine to its thread and returns a func that
// reports the thread's user+system CPU time since the call: on a loaded
// machine it measures a benchmark's own cost better than wall time (the
// garbage collector's background work on other threads is left out).
func threadCPU() func() time.Duration {
	runtime.LockOSThread()
	t0 := threadTime()
	return func() time.Duration {
		d := threadTime() - t0
		runtime.UnlockOSThread()
		return d
	}
}

func threadTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
