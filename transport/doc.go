// Package transport builds the HTTP client goto3's service clients use when
// the caller gives none: boto3's connection settings (Config's
// connect_timeout, read_timeout, max_pool_connections, tcp_keepalive and
// the CA bundle) on a net/http transport built for the SDK.
//
// # Defaults
//
// Options' zero value gives boto3's defaults where boto3 has one:
//
//   - ConnectTimeout 60 s (connect_timeout): the TCP connection and the TLS
//     handshake. A dial that exceeds it fails with a *TimeoutError whose Op
//     is "connect".
//   - ReadTimeout 60 s (read_timeout): the longest wait for any byte of an
//     answer, headers or body, and for the peer to take any byte of a
//     request. It is not a bound on the whole call: a 5 GiB download that
//     keeps receiving never times out, and a server that stops sending for
//     ReadTimeout does, as botocore's socket timeout. The wait fails with a
//     *TimeoutError whose Op is "read" (or "write"); the SDK's retry
//     classifies it as a retryable timeout, as botocore treats
//     ReadTimeoutError, and a streaming body (S3 GetObject) returns it from
//     Read.
//   - MaxPoolConnections 10 (max_pool_connections): idle connections kept per
//     host for reuse. As in boto3 it is not a cap on open connections:
//     MaxConnectionsPerHost sets one (0, the default, has none).
//   - TCPKeepAlive 15 s: TCP keep-alive probes on every connection (Go's
//     default). boto3 leaves tcp_keepalive off unless asked; a negative
//     value turns the probes off here.
//   - RootCAs nil: the system's roots. A CA bundle (AWS_CA_BUNDLE or the
//     profile's ca_bundle, read once per Session) replaces them, as botocore's
//     verify= does.
//   - HTTP/1.1 only (HTTP2 adds HTTP/2 over TLS, for the operations AWS
//     serves only over it), proxies from the environment (HTTP_PROXY,
//     HTTPS_PROXY, NO_PROXY), response compression negotiated by net/http.
//
// A negative ConnectTimeout or ReadTimeout means no timeout.
//
// # Sharing
//
// Client returns one *http.Client per distinct Options, shared by every
// goto3 client that asks for the same settings (a Session's clients all do),
// so they share one connection pool. A client whose settings differ (a
// larger pool for a transfer manager, another timeout) gets a transport of
// its own. The shared clients are kept in a small process-wide cache; one
// dropped from the cache keeps working for the clients that hold it, and
// its idle connections close after ReadTimeout.
//
// # Contracts
//
// Options is a plain value; Client, New and LoadCABundle are safe for
// concurrent use. The returned clients have no Timeout, cookie jar or
// redirect policy: the pipeline sends through their Transport directly.
package transport
