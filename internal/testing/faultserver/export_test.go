package faultserver

import (
	"bufio"
	"bytes"
)

// DecodeChunked runs this package's own aws-chunked decoder: signed says
// whether chunks carry signatures, trailer whether a trailer follows; when
// secret is not "" signatures are verified with the key derived from secret,
// amzDate (X-Amz-Date), region and service, chained from seed. It returns the
// data, the trailers and the S3 error code ("" on success).
func DecodeChunked(body []byte, signed, trailer bool, secret, amzDate, region, service, seed string) ([]byte, map[string]string, string) {
	var cs *chunkSigner
	if secret != "" {
		cs = &chunkSigner{
			key:   signingKey(secret, amzDate[:8], region, service),
			date:  amzDate,
			scope: amzDate[:8] + "/" + region + "/" + service + "/aws4_request",
			prev:  seed,
		}
	}
	var out bytes.Buffer
	tr, e := decodeChunked(bufio.NewReader(bytes.NewReader(body)), &out, chunkedMode{signed: signed, trailer: trailer}, cs, 1<<30)
	if e != nil {
		return nil, nil, e.Code
	}
	return out.Bytes(), tr, ""
}
