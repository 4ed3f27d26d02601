//go:build !unix

package proc

import "time"

// CPUTime is 0 where the platform has no getrusage.
func CPUTime() time.Duration { return 0 }

// PeakRSSMiB is 0 where the platform has no getrusage.
func PeakRSSMiB() float64 { return 0 }
