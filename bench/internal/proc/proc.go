// Package proc reads the benchmark process's own costs: CPU time, peak
// resident memory, and (with BENCH_MEM set) where its memory is.
package proc

import (
	"fmt"
	"io"
	"os"
	"strings"
)

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
