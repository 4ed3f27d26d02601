// Package sha256x2 is a SHA-256 implementation that can hash two independent
// messages at once, interleaving their SHA-NI instruction streams.
//
// It exists for the SigV4 payload hash (x-amz-content-sha256) of multipart
// uploads: upload parts are independent messages, and SHA-256 with the x86
// SHA extensions is bound by the latency of SHA256RNDS2, not by its
// throughput, so hashing two parts side by side with [Write2] nearly doubles
// the bytes hashed per second on one core. A single message written with
// [Digest.Write] runs at about the speed of crypto/sha256.
//
// On amd64 CPUs with SHA-NI, SSSE3 and SSE4.1 (detected with CPUID; see
// [Accelerated]) the package uses its own assembly kernels. Everywhere else,
// and when built with the purego tag, a [Digest] delegates to crypto/sha256
// (keeping whatever acceleration that has, such as its AVX2 code) and
// [Write2] is two plain writes. Results are identical on every path.
//
// The zero value of [Digest] is ready to use, as is a Digest returned by
// [New] or after [Digest.Reset]. A Digest is not safe for concurrent use;
// distinct Digests may be used from different goroutines. The package holds
// no bodies and closes nothing.
package sha256x2
