// Package goto3 holds what every goto3 package shares: the resolved
// configuration a client is made from (Config), the one error type a
// service answer becomes (APIError, inside an OperationError) and the
// other errors users match, the pagination and waiter values every
// generated client returns, hooks, logging and Ptr.
//
// goto3 is a from-scratch AWS SDK for Go in the manner of boto3. A session
// (package session) resolves configuration and credentials once, as
// boto3.Session does; a service client (packages under services/) is made
// from the resulting Config:
//
//	sess, err := session.New()
//	client, err := s3.New(sess.Config())
//
// # Errors
//
// Every error an operation returns is an *OperationError naming the
// service and operation. A service's error answer is an *APIError
// (botocore's ClientError: code, message, status, request id), matched with
// errors.As and branched on by Code, or with ErrorCode(err); a modelled
// error (such as *s3.NoSuchKey) matches with errors.As too. An input
// rejected before any I/O is a *ValidationError naming the member, an
// endpoint that cannot be resolved an *EndpointError, an answer that cannot
// be decoded a *DecodeError, a missing region a *NoRegionError.
//
// # Contracts
//
// Config is a plain value (see its documentation for what copies share).
// The error types are plain values; nothing here performs I/O.
package goto3
