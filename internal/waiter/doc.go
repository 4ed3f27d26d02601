// Package waiter is the runtime of the generated waiters: Wait polls an
// operation until one of the model's acceptors (waiters-2.json) reaches a
// success or failure state, attempts or time run out, or the context ends.
//
// Acceptors match as the Smithy waiter specification says
// (https://smithy.io/2.0/additional-specs/waiters.html): path, pathAll and
// pathAny evaluate a JMESPath expression (internal/jmespath) on a
// successful output; status compares the HTTP status of the answer
// (ResultMetadata.StatusCode of an output, HTTPStatusCode() of an error);
// error compares the code of an error (ErrorCode() string, found with
// errors.As, so no import of the error types is needed), or with true/false
// whether there is one. The first matching acceptor wins. An error no
// acceptor matches ends the wait with a *FailureError; an output no
// acceptor matches is retried.
//
// Delays follow the Smithy specification: exponential from MinDelay (the
// model's delay by default), capped at MaxDelay (120 s), drawn at random
// between MinDelay and that cap, and shortened so the last attempt fits in
// MaxWait (by default the model's delay times maxAttempts, the longest a
// botocore waiter waits). The model's maxAttempts bounds the calls too.
//
// A Spec is safe for concurrent use; Wait takes its clock, sleep and random
// source from Options so tests run without sleeping. Wait reads no
// response bodies: the call it is given returns decoded outputs.
package waiter
