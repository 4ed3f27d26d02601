package endpoints_test

import (
	"runtime"
	"syscall"
	"testing"
	"time"
)

// threadCPU returns the CPU time used by the calling OS thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU pins the benchmark to its thread and, when the benchmark ends,
// reports the thread's CPU time per operation as cpu-ns/op: on a shared
// machine wall time includes waiting for a core, CPU time does not. The
// figure has the kernel's tick resolution, so use -benchtime of 100ms or
// more; garbage collection done by other threads is not counted.
func reportCPU(b *testing.B) {
	runtime.LockOSThread()
	start := threadCPU()
	b.Cleanup(func() {
		if b.N > 0 {
			b.ReportMetric(float64(threadCPU()-start)/float64(b.N), "cpu-ns/op")
		}
		runtime.UnlockOSThread()
	})
}
