package faultserver

import (
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Operation names, as the S3 API names them.
const (
	OpListBuckets             = "ListBuckets"
	OpCreateBucket            = "CreateBucket"
	OpDeleteBucket            = "DeleteBucket"
	OpHeadBucket              = "HeadBucket"
	OpListObjectsV2           = "ListObjectsV2"
	OpListMultipartUploads    = "ListMultipartUploads"
	OpPutObject               = "PutObject"
	OpCopyObject              = "CopyObject"
	OpGetObject               = "GetObject"
	OpHeadObject              = "HeadObject"
	OpDeleteObject            = "DeleteObject"
	OpCreateMultipartUpload   = "CreateMultipartUpload"
	OpUploadPart              = "UploadPart"
	OpUploadPartCopy          = "UploadPartCopy"
	OpCompleteMultipartUpload = "CompleteMultipartUpload"
	OpAbortMultipartUpload    = "AbortMultipartUpload"
	OpListParts               = "ListParts"
	OpUnknown                 = "Unknown"
)

// classify names the operation of a path-style S3 request and extracts its
// bucket, key, part number and upload id. The path is decoded from the raw
// (escaped) path so that keys with '%2F' or '+' keep their bytes.
func classify(r *http.Request, rec *Request) {
	p := r.URL.EscapedPath()
	p = strings.TrimPrefix(p, "/")
	var bucket, key string
	if vb := virtualBucket(r.Host); vb != "" {
		// Virtual-hosted style: http://bucket.localhost:PORT/key.
		bucket, key = vb, p
	} else {
		bucket, key, _ = strings.Cut(p, "/")
	}
	if b, err := url.PathUnescape(bucket); err == nil {
		bucket = b
	}
	if k, err := url.PathUnescape(key); err == nil {
		key = k
	}
	rec.Bucket, rec.Key = bucket, key
	q := r.URL.Query()
	rec.UploadID = q.Get("uploadId")
	if pn := q.Get("partNumber"); pn != "" {
		n, err := strconv.Atoi(pn)
		if err != nil {
			n = -1
		}
		rec.PartNumber = n
	}
	copySource := r.Header.Get("X-Amz-Copy-Source") != ""
	m := r.Method
	switch {
	case bucket == "":
		if m == http.MethodGet {
			rec.Op = OpListBuckets
		}
	case unsupportedSubresource(q):
	case key == "":
		switch {
		case m == http.MethodPut:
			rec.Op = OpCreateBucket
		case m == http.MethodDelete:
			rec.Op = OpDeleteBucket
		case m == http.MethodHead:
			rec.Op = OpHeadBucket
		case m == http.MethodGet && q.Has("uploads"):
			rec.Op = OpListMultipartUploads
		case m == http.MethodGet:
			rec.Op = OpListObjectsV2
		}
	default:
		switch {
		case m == http.MethodPut && q.Has("uploadId") && copySource:
			rec.Op = OpUploadPartCopy
		case m == http.MethodPut && q.Has("uploadId"):
			rec.Op = OpUploadPart
		case m == http.MethodPut && copySource:
			rec.Op = OpCopyObject
		case m == http.MethodPut:
			rec.Op = OpPutObject
		case m == http.MethodPost && q.Has("uploads"):
			rec.Op = OpCreateMultipartUpload
		case m == http.MethodPost && q.Has("uploadId"):
			rec.Op = OpCompleteMultipartUpload
		case m == http.MethodDelete && q.Has("uploadId"):
			rec.Op = OpAbortMultipartUpload
		case m == http.MethodDelete:
			rec.Op = OpDeleteObject
		case m == http.MethodGet && q.Has("uploadId"):
			rec.Op = OpListParts
		case m == http.MethodGet:
			rec.Op = OpGetObject
		case m == http.MethodHead:
			rec.Op = OpHeadObject
		}
	}
	if rec.Op == "" {
		rec.Op = OpUnknown
	}
}

// knownQuery are the query keys of the operations served; any other key
// (a subresource such as ?cors or ?tagging) makes the request OpUnknown,
// answered with NotImplemented.
var knownQuery = map[string]bool{
	"uploads": true, "uploadId": true, "partNumber": true, "list-type": true,
	"prefix": true, "delimiter": true, "max-keys": true, "continuation-token": true,
	"start-after": true, "encoding-type": true, "fetch-owner": true, "max-uploads": true,
	"key-marker": true, "upload-id-marker": true, "max-parts": true, "part-number-marker": true,
	"x-id": true, "versionId": true,
	"response-content-type": true, "response-content-disposition": true,
	"response-cache-control": true, "response-content-encoding": true,
	"response-content-language": true, "response-expires": true,
}

func unsupportedSubresource(q url.Values) bool {
	for k := range q {
		if !knownQuery[k] && !strings.HasPrefix(strings.ToLower(k), "x-amz-") {
			return true
		}
	}
	return false
}

// virtualBucket returns the bucket of a virtual-hosted request
// ("bucket.localhost[:port]"), or "".
func virtualBucket(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	b, ok := strings.CutSuffix(strings.ToLower(host), ".localhost")
	if !ok {
		return ""
	}
	return b
}
