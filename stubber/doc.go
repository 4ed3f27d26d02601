// Package stubber answers a goto3 client's calls from a queue of expected
// calls, for unit tests: botocore's Stubber, for every generated client.
// The code under test keeps its concrete client (*s3.Client,
// *dynamodb.Client, ...); the Stubber is given to the client when it is
// made, through the Stubber field of its Options or of the goto3.Config it
// is made from:
//
//	st := stubber.NewT(t) // reports what was not called when the test ends
//	st.AddResponse("GetObject", &s3.GetObjectInput{Bucket: "b", Key: "k"},
//		&s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader("hi"))})
//	st.AddError("GetObject", &s3.GetObjectInput{Bucket: "b", Key: "gone"},
//		&goto3.APIError{Code: "NoSuchKey", Message: "The specified key does not exist.", StatusCode: 404})
//	client, err := s3.New(st.Config()) // or func(o *s3.Options) { o.Stubber = st }
//
// # What a stubbed call does
//
// A stubbed client validates each input against the model as every call
// does (required members, S3's bucket names, ...; an invalid input fails
// with its *goto3.ValidationError and takes no expectation), then the
// Stubber answers in place of the rest of the request path: no endpoint,
// credentials, signing, network or retries. The call takes the next queued
// expectation (or, with Options.AnyOrder, the first pending one of its
// operation whose input matches) when its operation is the expected one and
// its input matches; its answer is then a copy of the queued output, or the
// queued error surfacing as a real one does: a *goto3.OperationError
// wrapping a *goto3.APIError and the modelled error of its code, matched
// with errors.As (*s3.NoSuchKey), with the same message. Otherwise the call
// returns an *Error (in its *goto3.OperationError) saying what is wrong,
// the differences of an input one per line:
//
//	s3: GetObject: stubber: the input of GetObject differs from expected call #1 GetObject (s3):
//		Key: got "b.txt", want "a.txt"
//
// A refused call takes nothing from the queue; Refused lists the refused
// calls, AssertNoPending the calls never made.
//
// Paginators call the operation once per page (queue one response per
// page, the tokens in the inputs); waiters poll it (queue one answer per
// poll) and, with a stubbed client, their delays pass at once on a clock of
// the wait's own, so that MaxAttempts and MaxWait play out without the
// time. Presigning is not stubbed, as in botocore: a presign client of a
// stubbed client presigns with its credentials (Config gives made-up
// ones). Event stream outputs take the raw stream as a real answer's body
// would be (an empty one when unset).
//
// # Expected inputs
//
// An expected input is compared deeply with the call's: every exported
// member, pointers followed, a nil list or map unlike an empty one,
// times with time.Time.Equal, and streaming bodies by content when both
// are io.ReadSeekers (read, then sought back), else by identity. nil (or
// Any) accepts any input; Ignore compares all but some members (botocore's
// stub.ANY); Match runs a func of the typed input.
//
// # Differences from botocore's Stubber
//
//   - Activation: the Stubber is given when the client is made, not
//     activated on an existing client; one Stubber may serve several
//     clients and services (an expectation's input or output type tells
//     services apart when their operation names are the same).
//   - Errors are returned by the call, not raised: *Error with a Kind for
//     each of botocore's exceptions (UnStubbedResponseError,
//     StubResponseError, StubAssertionError, ParamValidationError of a
//     response).
//   - The Go types of a response, an expected input and a modelled error
//     are checked when they are queued (a mistake panics, or fails the test
//     with NewT); unknown members do not compile. The rest of the output
//     shape (required members, unions) is checked when a call takes the
//     response, as the service's schema is known only then; the model's
//     lengths, ranges and enums are not in goto3's schema. A nil response
//     is the zero output, not checked.
//   - Input validation runs before the Stubber is asked (botocore asserts
//     the expected parameters first).
//   - AddError takes any error: a *goto3.APIError is a service error, any
//     other is returned as it is (a timeout, say). Its modelled fields are
//     the modelled error's Go value.
//   - Options.AnyOrder matches calls out of order; NewT reports at the end
//     of a test.
//
// # Contracts
//
// The zero Stubber is ready to use, in order. A Stubber is safe for
// concurrent use by any number of clients and goroutines; the answer's
// output is a shallow copy of the queued one (its slices, maps and bodies
// are shared), so a queued output is given to one call only unless the
// code under test leaves it unchanged.
package stubber
