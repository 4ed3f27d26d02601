// Package testpeer starts real S3-compatible peers on 127.0.0.1 for tests:
// gofakes3 in-process, and moto and versitygw as child processes, each on a
// free port, with the credentials and region to sign for them.
//
// # Peers
//
//   - GoFakeS3: a fresh in-process gofakes3 over s3mem per call, closed at
//     t.Cleanup. Checks no signature. Fast; see PEERS.md for its gaps.
//   - Moto: `python3 -m moto.server -H 127.0.0.1 -p PORT`, ready when
//     /moto-api/reset-auth answers. MotoOptions.Auth creates an IAM user, an
//     access key and an allow-all policy through plain form POSTs to moto's
//     IAM Query API, then switches moto's signature checking on
//     (POST /moto-api/reset-auth with body "0"), and returns that key.
//   - Versitygw: `versitygw --access AK --secret SK --port 127.0.0.1:PORT
//     --quiet posix --versioning-dir DIR.versions DIR`, ready when GET /
//     answers. It verifies signatures, presigned URLs, chunk signatures,
//     payload hashes and checksums. The binary is looked up on PATH, in
//     $GOBIN and in $(go env GOPATH)/bin; InstallVersitygw installs it.
//
// # Sharing
//
// Process peers are started once per test binary and shared (one moto
// without auth, one moto with auth, one versitygw), because starting them
// costs seconds. Tests sharing a peer keep to their own names: BucketName(t)
// gives a unique bucket name per call. A test that needs a private instance
// (it resets state, or stops the peer) asks for Dedicated; that instance
// lives under t.TempDir() and stops at t.Cleanup. Shared peers stop in
// StopShared, which a package's TestMain should call after m.Run; should the
// test binary die first, every peer runs under a small shell watchdog that
// reads a pipe from the binary and terminates the peer (and removes its
// temporary data) when that pipe closes. Peers run in their own process
// group, which stop kills as a whole.
//
// # Missing peers
//
// A missing python3, moto or versitygw skips the test with the exact install
// command (MotoInstallHint, VersitygwInstallHint), unless the environment has
// CI=true: then the test fails, because CI must run every peer test. CI
// installs versitygw with:
//
//	command -v versitygw >/dev/null || go install github.com/versity/versitygw/cmd/versitygw@v1.8.0
//	export PATH="$PATH:$(go env GOPATH)/bin"
//
// # Contracts
//
// A Server is read-only after it is returned and safe for concurrent use;
// its zero value is not useful. All functions are safe for concurrent use by
// parallel tests. Server.Log returns the tail of a peer's output for failure
// messages; it contains no secret of ours (peers are started with --quiet
// and moto logs request lines only). Response bodies of requests the tests
// send are theirs to close.
package testpeer
