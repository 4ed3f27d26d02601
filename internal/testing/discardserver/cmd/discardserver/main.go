// Command discardserver runs internal/testing/discardserver as its own process, so a
// benchmark can measure the client's CPU time and peak RSS without the
// server's. It listens on -addr, prints its URL on the first line of
// stdout, and exits when stdin reaches end of file (its parent closed the
// pipe or died) or on SIGINT/SIGTERM, printing its counters to stderr.
//
//	discardserver [-addr 127.0.0.1:0] [-size 1073741824] [-verify-sha256] [-ttfb 0s]
package main

import (
	"os"

	"github.com/goto3/goto3/internal/testing/discardserver"
)

func main() {
	os.Exit(discardserver.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
