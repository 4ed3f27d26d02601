// Package cputime gives benchmarks the process's CPU time: on a loaded
// machine it measures a benchmark's cost better than wall time, and it
// includes the garbage collector's work on other threads.
package cputime

import "time"

// Process is the process's user+system CPU time so far (0 where the
// platform has no getrusage).
func Process() time.Duration { return process() }
