package protocol

import "io"

// A ReleasableBody is a request body a codec serialized into a pooled
// buffer instead of a buffer of its own (protocol/jsonrpc,
// protocol/restjson): the request's Body, and each reader its GetBody
// returns, read that buffer. Release ends them all: from then on every
// read fails, and the buffer goes back to its pool once no read is in
// progress (a transport still writing an attempt's body finishes the
// write it is in). Whoever sends the request calls Release on the Body
// the codec set once the call is over, retries included (the pipeline
// does); a body never released is left to the garbage collector.
type ReleasableBody interface {
	io.ReadCloser
	Release()
}
