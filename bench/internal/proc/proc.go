// Package proc reads the benchmark process's own costs: CPU time, peak
// resident memory, and (with BENCH_MEM set) where its memory is.
package proc

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/goto3/goto3/internal/testing/cputime"
)

// CPUTime is the process's user+system CPU time (goto3's benchmarks'
// cputime.Process): on a loaded machine it measures a benchmark's cost
// better than wall time.
func CPUTime() time.Duration { return cputime.Process() }

// PrintMem writes, when the environment sets BENCH_MEM, the process's
// resident memory split (anonymous, file-backed) and its high-water mark
// from /proc/self/status (Linux; nothing elsewhere).
func PrintMem(w io.Writer) {
	if os.Getenv("BENCH_MEM") == "" {
		return
	}
	st, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(st), "\n") {
		if strings.HasPrefix(l, "Rss") || strings.HasPrefix(l, "VmHWM") {
			fmt.Fprintln(w, l)
		}
	}
}
