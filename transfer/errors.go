package transfer

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/goto3/goto3"
)

// UploadFailedError is a failed upload or copy (boto3's
// S3UploadFailedError). UploadID is set when a multipart upload was
// created; it was then aborted, and an abort that failed too is joined
// into Err.
type UploadFailedError struct {
	Bucket   string
	Key      string
	UploadID string
	Err      error
}

func (e *UploadFailedError) Error() string {
	s := "transfer: upload to s3://" + e.Bucket + "/" + e.Key + " failed"
	if e.UploadID != "" {
		s += " (multipart upload id " + e.UploadID + ")"
	}
	return s + ": " + e.Err.Error()
}

func (e *UploadFailedError) Unwrap() error { return e.Err }

// DownloadFailedError is a failed download; Err says why (a
// *RetriesExceededError, ErrObjectChanged, an API error, a local I/O
// error, a context error).
type DownloadFailedError struct {
	Bucket string
	Key    string
	Err    error
}

func (e *DownloadFailedError) Error() string {
	return "transfer: download of s3://" + e.Bucket + "/" + e.Key + " failed: " + e.Err.Error()
}

func (e *DownloadFailedError) Unwrap() error { return e.Err }

// RetriesExceededError is a download range whose body broke on every one
// of Options.DownloadAttempts attempts (boto3's RetriesExceededError). Err
// is the last attempt's error.
type RetriesExceededError struct {
	Attempts int
	Offset   int64 // the byte the range had reached
	Err      error
}

func (e *RetriesExceededError) Error() string {
	return fmt.Sprintf("transfer: download range gave up after %d attempts at byte %d: %v", e.Attempts, e.Offset, e.Err)
}

func (e *RetriesExceededError) Unwrap() error { return e.Err }

// ErrObjectChanged is matched (errors.Is) by a download whose object was
// replaced while it was being read: a range pinned with If-Match to the
// first answer's ETag got 412 Precondition Failed, or another ETag.
var ErrObjectChanged = errors.New("transfer: object changed during download")

// ErrChecksumMismatch is matched by an upload whose completed object's
// checksum is not the one its parts' checksums give.
var ErrChecksumMismatch = errors.New("transfer: completed object checksum does not match its parts")

// isPreconditionFailed reports whether err is S3's 412 answer.
func isPreconditionFailed(err error) bool {
	if goto3.ErrorCode(err) == "PreconditionFailed" {
		return true
	}
	var sc interface{ HTTPStatusCode() int }
	return errors.As(err, &sc) && sc.HTTPStatusCode() == http.StatusPreconditionFailed
}

// isInvalidRange reports whether err is S3's 416 answer (a range of an
// empty object).
func isInvalidRange(err error) bool {
	if goto3.ErrorCode(err) == "InvalidRange" {
		return true
	}
	var sc interface{ HTTPStatusCode() int }
	return errors.As(err, &sc) && sc.HTTPStatusCode() == http.StatusRequestedRangeNotSatisfiable
}
