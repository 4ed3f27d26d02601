//go:build !linux

package sigv4_test

import "time"

// threadCPU reports no CPU time where RUSAGE_THREAD is missing.
func threadCPU() func() time.Duration { return func() time.Duration { return 0 } }
