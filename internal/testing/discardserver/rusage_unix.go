//go:build unix

package discardserver

import (
	"os"
	"syscall"
)

// maxRSS returns the peak resident set size of a finished process in KiB
// (Linux reports ru_maxrss in kilobytes).
func maxRSS(st *os.ProcessState) int64 {
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}
