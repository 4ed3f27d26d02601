package crc32x_test

import (
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/crc32x"
)

// TestDetectionMatchesCPUInfo compares the CPUID/XGETBV check with the flags
// Linux lists in /proc/cpuinfo (the kernel lists avx and avx2 only when it
// saves the YMM state).
func TestDetectionMatchesCPUInfo(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/cpuinfo, which only Linux has")
	}
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skipf("cannot read the CPU flags: %v", err)
	}
	var flags []string
	for line := range strings.Lines(string(b)) {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "flags" {
			flags = strings.Fields(value)
			break
		}
	}
	if flags == nil {
		t.Skip("no flags line in /proc/cpuinfo")
	}
	want := runtime.GOARCH == "amd64" && !purego
	for _, f := range []string{"pclmulqdq", "avx", "avx2", "vpclmulqdq"} {
		want = want && slices.Contains(flags, f)
	}
	if got := crc32x.HasAccel(); got != want {
		t.Errorf("got HasAccel() = %v, want %v (GOARCH %s, purego %v, flags %q)", got, want, runtime.GOARCH, purego, flags)
	}
}
