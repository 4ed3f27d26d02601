package faultserver

import (
	"encoding/xml"
	"net/http"
	"strconv"
)

// s3Error is an S3 error answer: <Error><Code/><Message/>...<RequestId/><HostId/></Error>.
type s3Error struct {
	Status  int
	Code    string
	Message string
	// Extra elements S3 adds for some codes (BucketName, Key, UploadId,
	// RequestTime, ServerTime, MaxAllowedSkewMilliseconds, StringToSign,
	// CanonicalRequest, ActualObjectSize, ...), written in order.
	Extra [][2]string
}

// Common errors, with S3's wording.
func errNoSuchBucket(b string) *s3Error {
	return &s3Error{Status: 404, Code: "NoSuchBucket", Message: "The specified bucket does not exist", Extra: [][2]string{{"BucketName", b}}}
}

func errNoSuchKey(k string) *s3Error {
	return &s3Error{Status: 404, Code: "NoSuchKey", Message: "The specified key does not exist.", Extra: [][2]string{{"Key", k}}}
}

func errNoSuchUpload(id string) *s3Error {
	return &s3Error{Status: 404, Code: "NoSuchUpload", Message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", Extra: [][2]string{{"UploadId", id}}}
}

func errInvalidArgument(msg string) *s3Error {
	return &s3Error{Status: 400, Code: "InvalidArgument", Message: msg}
}

func errMalformedXML() *s3Error {
	return &s3Error{Status: 400, Code: "MalformedXML", Message: "The XML you provided was not well-formed or did not validate against our published schema"}
}

func errBadDigest(msg string) *s3Error {
	return &s3Error{Status: 400, Code: "BadDigest", Message: msg}
}

func errNotImplemented(op string) *s3Error {
	return &s3Error{Status: 501, Code: "NotImplemented", Message: "A header or operation you provided implies functionality that is not implemented: " + op}
}

func errPreconditionFailed(cond string) *s3Error {
	return &s3Error{Status: 412, Code: "PreconditionFailed", Message: "At least one of the pre-conditions you specified did not hold", Extra: [][2]string{{"Condition", cond}}}
}

// writeError answers e in S3's format. HEAD answers carry no body, as S3's.
func (c *call) writeError(e *s3Error) {
	c.rec.Status = e.Status
	c.rec.ErrorCode = e.Code
	h := c.w.Header()
	h.Set("Content-Type", "application/xml")
	body := errorBody(e, c.rec.RequestID, c.hostID())
	if c.r.Method == http.MethodHead {
		c.w.WriteHeader(e.Status)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	c.w.WriteHeader(e.Status)
	c.publish()
	c.w.Write(body)
}

func errorBody(e *s3Error, requestID, hostID string) []byte {
	b := []byte(xml.Header + "<Error><Code>")
	b = appendEscaped(b, e.Code)
	b = append(b, "</Code><Message>"...)
	b = appendEscaped(b, e.Message)
	b = append(b, "</Message>"...)
	for _, kv := range e.Extra {
		b = append(b, '<')
		b = append(b, kv[0]...)
		b = append(b, '>')
		b = appendEscaped(b, kv[1])
		b = append(b, "</"...)
		b = append(b, kv[0]...)
		b = append(b, '>')
	}
	b = append(b, "<RequestId>"...)
	b = appendEscaped(b, requestID)
	b = append(b, "</RequestId><HostId>"...)
	b = appendEscaped(b, hostID)
	b = append(b, "</HostId></Error>"...)
	return b
}

type byteWriter struct{ b *[]byte }

func (w byteWriter) Write(p []byte) (int, error) { *w.b = append(*w.b, p...); return len(p), nil }

func appendEscaped(b []byte, s string) []byte {
	xml.EscapeText(byteWriter{&b}, []byte(s))
	return b
}
