// Command discardserver runs internal/discardserver as its own process, so a
// benchmark can measure the client's CPU time and peak RSS without the
// server's. It listens on -addr, prints its URL on the first line of
// stdout, and exits when stdin reaches end of file (its parent closed the
// pipe or died) or on SIGINT/SIGTERM, printing its counters to stderr.
//
//	discardserver [-addr 127.0.0.1:0] [-size 1073741824] [-verify-sha256]
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/goto3/goto3/internal/discardserver"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	size := flag.Int64("size", discardserver.DefaultObjectSize, "size in bytes of every object served")
	verify := flag.Bool("verify-sha256", false, "hash upload bodies and check X-Amz-Content-Sha256")
	flag.Parse()

	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "discardserver:", err)
		os.Exit(1)
	}
	s := discardserver.New(discardserver.Options{
		VerifyPayloadHash: *verify,
		ObjectSize:        func(string, string) int64 { return *size },
	})
	fmt.Printf("http://%s\n", l.Addr())
	done := make(chan struct{}, 2)
	go func() { io.Copy(io.Discard, os.Stdin); done <- struct{}{} }()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() { <-sig; done <- struct{}{} }()
	go http.Serve(l, s)
	<-done
	fmt.Fprintf(os.Stderr, "discardserver: %+v\n", s.Stats())
}
