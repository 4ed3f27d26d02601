//go:build !linux

package transfer_test

import "runtime"

// offHeap: every unix maps part buffers; elsewhere they are on the heap.
var offHeap = runtime.GOOS != "windows" && runtime.GOOS != "plan9" && runtime.GOOS != "js" && runtime.GOOS != "wasip1"

// resident cannot be asked here: it reports the whole buffer as touched,
// and the tests rely on BufCap.
func resident(b []byte) int { return 0 }
