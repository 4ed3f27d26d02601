//go:build unix

package proc

import "syscall"

// PeakRSSMiB is the process's peak resident set size in MiB (Linux reports
// it in KiB).
func PeakRSSMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
