package goto3

import (
	"context"
	"net/http"
)

// Hooks are plain functions a client calls at named points of every
// attempt of every operation; they cover what botocore's event system is
// commonly used for (adding a header, inspecting the request or the raw
// response). Each may be nil. An error returned by a hook ends the
// operation at once (it is not retried) and is wrapped in the
// *OperationError.
//
// Hooks run on the goroutine of the call, once per attempt, and must not
// keep the request or response after they return. BeforeSign may add or
// change headers, which are then signed; BeforeSend sees the signed request
// (changing it then breaks the signature); AfterResponse sees every
// response, successful or not, before it is decoded, and must not read or
// close its body.
type Hooks struct {
	BeforeSign    func(ctx context.Context, req *http.Request) error
	BeforeSend    func(ctx context.Context, req *http.Request) error
	AfterResponse func(ctx context.Context, resp *http.Response) error
}
