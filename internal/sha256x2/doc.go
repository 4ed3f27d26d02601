// Package sha256x2 is a SHA-256 implementation that can hash two, three or
// four independent messages at once, interleaving their SHA-NI instruction
// streams.
//
// It exists for the SigV4 payload hash (x-amz-content-sha256) of multipart
// uploads: upload parts are independent messages, and SHA-256 with the x86
// SHA extensions is bound by the latency of SHA256RNDS2, not by its
// throughput, so hashing parts side by side with [Write2] (two messages) or
// [WriteN] (up to four) multiplies the bytes hashed per second on one core.
// A single message written with [Digest.Write] runs at about the speed of
// crypto/sha256. On the AMD EPYC (Zen 3) this was measured on, with 256 KiB
// messages: crypto/sha256 about 1.5 GB/s, Write2 about 3.0 GB/s, WriteN with
// four messages about 3.8 GB/s. Four interleaved SHA256RNDS2 chains alone
// would allow about 6 GB/s, but the four message schedules no longer fit in
// the 16 XMM registers next to the four states: they go through the stack,
// and their instructions then compete with the rounds for the core.
//
// WriteN hashes the whole blocks that all its messages have in common four
// at a time; when the messages differ in length, what the longer ones have
// left goes two at a time (three messages take turns in pairs, which
// measured faster than the four-way kernel with a lane wasted) or alone.
// Four messages of equal length get the full benefit.
//
// On amd64 CPUs with SHA-NI, SSSE3 and SSE4.1 (detected with CPUID; see
// [Accelerated]) the package uses its own assembly kernels. Everywhere else,
// and when built with the purego tag, a [Digest] delegates to crypto/sha256
// (keeping whatever acceleration that has, such as its AVX2 code) and
// [Write2] and [WriteN] are plain writes, one message after another. Results
// are identical on every path.
//
// The zero value of [Digest] is ready to use, as is a Digest returned by
// [New] or after [Digest.Reset]. A Digest is not safe for concurrent use;
// distinct Digests may be used from different goroutines. The package holds
// no bodies and closes nothing.
package sha256x2
