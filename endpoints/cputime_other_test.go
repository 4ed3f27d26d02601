//go:build !linux

package endpoints_test

import "testing"

// reportCPU reports nothing where per-thread CPU time is not available.
func reportCPU(*testing.B) {}
