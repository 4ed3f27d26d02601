//go:build !unix

package proc

// PeakRSSMiB is 0 where the platform has no getrusage.
func PeakRSSMiB() float64 { return 0 }
