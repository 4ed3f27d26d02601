package discardserver

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

// Main runs the server as a command (cmd/discardserver, and the child
// StartProcess starts): it parses args (without the program name), listens
// on -addr, writes its URL and a newline to stdout, and serves until stdin
// reaches end of file or the process gets SIGINT or SIGTERM; then it writes
// its counters to stderr. It returns the exit status: 0, 1 when it cannot
// listen, 2 for bad arguments.
//
//	[-addr 127.0.0.1:0] [-size 1073741824] [-verify-sha256] [-ttfb 0s]
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("discardserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	size := fs.Int64("size", DefaultObjectSize, "size in bytes of every object served")
	verify := fs.Bool("verify-sha256", false, "hash upload bodies and check X-Amz-Content-Sha256")
	ttfb := fs.Duration("ttfb", 0, "delay before each GetObject answers (a remote service's time to first byte)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "discardserver:", err)
		return 1
	}
	s := New(Options{
		VerifyPayloadHash: *verify,
		ObjectSize:        func(string, string) int64 { return *size },
		FirstByteDelay:    *ttfb,
	})
	fmt.Fprintf(stdout, "http://%s\n", l.Addr())
	done := make(chan struct{}, 2)
	go func() { io.Copy(io.Discard, stdin); done <- struct{}{} }()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)
	go func() { <-sig; done <- struct{}{} }()
	srv := &http.Server{Handler: s, ConnState: s.ConnState}
	go srv.Serve(l)
	<-done
	srv.Close()
	fmt.Fprintf(stderr, "discardserver: %+v\n", s.Stats())
	return 0
}
