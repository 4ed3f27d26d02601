// Package cli is the plumbing the example programs share: the common
// -endpoint-url and -region flags turned into a goto3 session, a progress
// bar for the transfer manager, a throughput figure, a seeded random file
// with its sha256, and random bucket names.
//
// Only plumbing lives here; the goto3 calls each example illustrates stay in
// its main.go. The zero Flags leaves endpoint and region to goto3's own
// resolution (environment, profile). Fill a Flags (Register, then parse)
// before sharing it; the functions are safe for concurrent use, except that
// one ProgressBar serves one transfer. Nothing here returns a body, so there
// is nothing for callers to close; the file helpers close their files.
package cli
