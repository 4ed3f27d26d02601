package faultserver

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

const s3NS = "http://s3.amazonaws.com/doc/2006-03-01/"

// timeISO is the timestamp format of S3 XML bodies.
const timeISO = "2006-01-02T15:04:05.000Z"

// dispatch serves the classified operation from the store.
func (c *call) dispatch() {
	switch c.rec.Op {
	case OpListBuckets:
		c.listBuckets()
	case OpCreateBucket:
		c.createBucket()
	case OpDeleteBucket:
		c.deleteBucket()
	case OpHeadBucket:
		c.headBucket()
	case OpListObjectsV2:
		c.listObjectsV2()
	case OpListMultipartUploads:
		c.listMultipartUploads()
	case OpPutObject:
		c.putObject()
	case OpCopyObject:
		c.copyObject()
	case OpGetObject, OpHeadObject:
		c.getObject()
	case OpDeleteObject:
		c.deleteObject()
	case OpCreateMultipartUpload:
		c.createMultipartUpload()
	case OpUploadPart:
		c.uploadPart()
	case OpUploadPartCopy:
		c.uploadPartCopy()
	case OpCompleteMultipartUpload:
		c.completeMultipartUpload()
	case OpAbortMultipartUpload:
		c.abortMultipartUpload()
	case OpListParts:
		c.listParts()
	default:
		c.writeError(errNotImplemented(c.r.Method + " " + c.r.URL.RequestURI()))
	}
}

// writeXML answers 200 with v as an S3 XML document.
func (c *call) writeXML(v any) {
	b, err := xml.Marshal(v)
	if err != nil {
		c.writeError(&s3Error{Status: 500, Code: "InternalError", Message: err.Error()})
		return
	}
	b = append([]byte(xml.Header), b...)
	h := c.w.Header()
	h.Set("Content-Type", "application/xml")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	c.w.WriteHeader(http.StatusOK)
	c.rec.Status = http.StatusOK
	c.publish()
	c.w.Write(b)
}

func (c *call) writeStatus(code int) {
	c.rec.Status = code
	c.w.WriteHeader(code)
}

// bucketLocked returns the request's bucket; the caller holds s.mu.
func (c *call) bucketLocked() (*bucket, *s3Error) {
	b := c.s.store.buckets[c.rec.Bucket]
	if b == nil {
		return nil, errNoSuchBucket(c.rec.Bucket)
	}
	return b, nil
}

func (c *call) listBuckets() {
	type bkt struct {
		Name         string
		CreationDate string
	}
	var out struct {
		XMLName xml.Name `xml:"ListAllMyBucketsResult"`
		NS      string   `xml:"xmlns,attr"`
		Owner   struct{ ID, DisplayName string }
		Buckets []bkt `xml:"Buckets>Bucket"`
	}
	out.NS = s3NS
	out.Owner.ID, out.Owner.DisplayName = "faultserver", "faultserver"
	c.s.mu.Lock()
	for _, b := range c.s.store.buckets {
		out.Buckets = append(out.Buckets, bkt{b.name, b.created.UTC().Format(timeISO)})
	}
	c.s.mu.Unlock()
	sort.Slice(out.Buckets, func(i, j int) bool { return out.Buckets[i].Name < out.Buckets[j].Name })
	c.writeXML(&out)
}

func (c *call) createBucket() {
	c.s.CreateBucket(c.rec.Bucket)
	c.w.Header().Set("Location", "/"+c.rec.Bucket)
	c.writeStatus(http.StatusOK)
}

func (c *call) deleteBucket() {
	s := c.s
	s.mu.Lock()
	b, e := c.bucketLocked()
	if e == nil && len(b.objects) > 0 {
		e = &s3Error{Status: 409, Code: "BucketNotEmpty", Message: "The bucket you tried to delete is not empty", Extra: [][2]string{{"BucketName", b.name}}}
	}
	if e == nil {
		delete(s.store.buckets, c.rec.Bucket)
	}
	s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	c.writeStatus(http.StatusNoContent)
}

func (c *call) headBucket() {
	c.s.mu.Lock()
	_, e := c.bucketLocked()
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	c.w.Header().Set("X-Amz-Bucket-Region", c.s.regionOf(c.rec.Bucket))
	c.writeStatus(http.StatusOK)
}

func (c *call) listObjectsV2() {
	q := c.r.URL.Query()
	prefix, delim := q.Get("prefix"), q.Get("delimiter")
	maxKeys := 1000
	if v := q.Get("max-keys"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			c.writeError(errInvalidArgument("Provided max-keys not an integer or within integer range"))
			return
		}
		maxKeys = min(n, 1000)
	}
	after := q.Get("start-after")
	if tok := q.Get("continuation-token"); tok != "" {
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			c.writeError(errInvalidArgument("The continuation token provided is incorrect"))
			return
		}
		after = string(b)
	}
	type content struct {
		Key          string
		LastModified string
		ETag         string
		Size         int64
		StorageClass string
	}
	type cp struct{ Prefix string }
	var out struct {
		XMLName               xml.Name `xml:"ListBucketResult"`
		NS                    string   `xml:"xmlns,attr"`
		Name                  string
		Prefix                string
		EncodingType          string `xml:",omitempty"`
		Delimiter             string `xml:",omitempty"`
		StartAfter            string `xml:",omitempty"`
		ContinuationToken     string `xml:",omitempty"`
		NextContinuationToken string `xml:",omitempty"`
		KeyCount              int
		MaxKeys               int
		IsTruncated           bool
		Contents              []content
		CommonPrefixes        []cp
	}
	out.NS, out.Name, out.Prefix, out.Delimiter, out.MaxKeys = s3NS, c.rec.Bucket, prefix, delim, maxKeys
	out.StartAfter, out.ContinuationToken = q.Get("start-after"), q.Get("continuation-token")
	c.s.mu.Lock()
	b, e := c.bucketLocked()
	if e != nil {
		c.s.mu.Unlock()
		c.writeError(e)
		return
	}
	keys := make([]string, 0, len(b.objects))
	for k := range b.objects {
		if strings.HasPrefix(k, prefix) && k > after {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	seen := map[string]bool{}
	last := ""
	for _, k := range keys {
		if out.KeyCount >= maxKeys {
			out.IsTruncated = true
			break
		}
		if delim != "" {
			if i := strings.Index(k[len(prefix):], delim); i >= 0 {
				p := k[:len(prefix)+i+len(delim)]
				if !seen[p] {
					seen[p] = true
					out.CommonPrefixes = append(out.CommonPrefixes, cp{p})
					out.KeyCount++
				}
				last = k
				continue
			}
		}
		o := b.objects[k]
		out.Contents = append(out.Contents, content{k, o.lastModified.UTC().Format(timeISO), o.etag, int64(len(o.data)), "STANDARD"})
		out.KeyCount++
		last = k
	}
	c.s.mu.Unlock()
	if out.IsTruncated {
		out.NextContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(last))
	}
	if et := q.Get("encoding-type"); et != "" {
		if et != "url" {
			c.writeError(errInvalidArgument("Invalid Encoding Method specified in Request"))
			return
		}
		// S3 URL-encodes what may not be valid in XML 1.0: the keys,
		// prefixes, delimiter and start-after (not the tokens).
		out.EncodingType = "url"
		out.Prefix, out.Delimiter, out.StartAfter = urlEncode(out.Prefix), urlEncode(out.Delimiter), urlEncode(out.StartAfter)
		for i := range out.Contents {
			out.Contents[i].Key = urlEncode(out.Contents[i].Key)
		}
		for i := range out.CommonPrefixes {
			out.CommonPrefixes[i].Prefix = urlEncode(out.CommonPrefixes[i].Prefix)
		}
	}
	c.writeXML(&out)
}

// urlEncode is S3's encoding-type=url form: form-encoded (a space is "+"),
// "/" kept.
func urlEncode(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "%2F", "/") }

// storedHeaders are the request headers kept with an object and returned
// by GetObject/HeadObject.
var storedHeaders = []string{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"}

func objectMeta(h http.Header) http.Header {
	m := http.Header{}
	for k, v := range h {
		if strings.HasPrefix(strings.ToLower(k), "x-amz-meta-") {
			m[k] = v
		}
	}
	for _, k := range storedHeaders {
		if v := h.Get(k); v != "" {
			if k == "Content-Encoding" {
				// aws-chunked is transport framing, not a stored encoding.
				v = dropToken(v, "aws-chunked")
				if v == "" {
					continue
				}
			}
			m.Set(k, v)
		}
	}
	return m
}

func dropToken(v, tok string) string {
	var keep []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" && !strings.EqualFold(p, tok) {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, ",")
}

func contentType(h http.Header) string {
	if v := h.Get("Content-Type"); v != "" {
		return v
	}
	return "binary/octet-stream"
}

func (c *call) putObject() {
	o := &object{
		data:         c.body,
		etag:         quotedMD5(c.md5),
		lastModified: c.now,
		contentType:  contentType(c.r.Header),
		meta:         objectMeta(c.r.Header),
		checksumAlg:  c.checksum.alg,
		checksum:     c.checksum.value,
	}
	c.s.mu.Lock()
	b, e := c.bucketLocked()
	if e == nil {
		b.objects[c.rec.Key] = o
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	c.w.Header().Set("ETag", o.etag)
	if o.checksumAlg != "" {
		c.w.Header().Set(checksumHeaders[o.checksumAlg], o.checksum)
	}
	c.writeStatus(http.StatusOK)
}

// copySource resolves X-Amz-Copy-Source ("[/]bucket/key[?versionId=...]",
// URL-encoded); the caller holds s.mu.
func (c *call) copySourceLocked() (*object, *s3Error) {
	src := c.r.Header.Get("X-Amz-Copy-Source")
	if i := strings.IndexByte(src, '?'); i >= 0 {
		src = src[:i]
	}
	src, err := url.PathUnescape(strings.TrimPrefix(src, "/"))
	if err != nil {
		return nil, errInvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
	}
	bn, key, ok := strings.Cut(src, "/")
	if !ok || bn == "" || key == "" {
		return nil, errInvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
	}
	b := c.s.store.buckets[bn]
	if b == nil {
		return nil, errNoSuchBucket(bn)
	}
	o := b.objects[key]
	if o == nil {
		return nil, errNoSuchKey(key)
	}
	if im := c.r.Header.Get("X-Amz-Copy-Source-If-Match"); im != "" && im != o.etag && strings.Trim(im, `"`) != strings.Trim(o.etag, `"`) {
		return nil, errPreconditionFailed("x-amz-copy-source-If-Match")
	}
	return o, nil
}

func (c *call) copyObject() {
	c.s.mu.Lock()
	src, e := c.copySourceLocked()
	var dst *bucket
	if e == nil {
		dst, e = c.bucketLocked()
	}
	var o object
	if e == nil {
		o = *src
		o.lastModified = c.now
		if strings.EqualFold(c.r.Header.Get("X-Amz-Metadata-Directive"), "REPLACE") {
			o.meta = objectMeta(c.r.Header)
			o.contentType = contentType(c.r.Header)
		}
		dst.objects[c.rec.Key] = &o
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	c.writeXML(&struct {
		XMLName      xml.Name `xml:"CopyObjectResult"`
		LastModified string
		ETag         string
	}{LastModified: o.lastModified.UTC().Format(timeISO), ETag: o.etag})
}

// parseRange parses a single "bytes=" range against size; ok is false when
// the header is not a range S3 honours (then the whole object is sent), and
// e is set when the range cannot be satisfied.
func parseRange(h string, size int64) (start, end int64, ok bool, e *s3Error) {
	spec, found := strings.CutPrefix(h, "bytes=")
	if !found || strings.Contains(spec, ",") {
		return 0, 0, false, nil
	}
	a, b, found := strings.Cut(spec, "-")
	if !found {
		return 0, 0, false, nil
	}
	invalid := &s3Error{Status: 416, Code: "InvalidRange", Message: "The requested range is not satisfiable",
		Extra: [][2]string{{"RangeRequested", h}, {"ActualObjectSize", strconv.FormatInt(size, 10)}}}
	if a == "" { // suffix: last b bytes
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n < 0 {
			return 0, 0, false, nil
		}
		if n == 0 || size == 0 {
			return 0, 0, false, invalid
		}
		return max(size-n, 0), size - 1, true, nil
	}
	s, err := strconv.ParseInt(a, 10, 64)
	if err != nil || s < 0 {
		return 0, 0, false, nil
	}
	end = size - 1
	if b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n < s {
			return 0, 0, false, nil
		}
		end = min(n, size-1)
	}
	if s >= size {
		return 0, 0, false, invalid
	}
	return s, end, true, nil
}

func etagMatch(cond, etag string) bool {
	for _, p := range strings.Split(cond, ",") {
		p = strings.TrimSpace(p)
		if p == "*" || p == etag || strings.Trim(p, `"`) == strings.Trim(etag, `"`) {
			return true
		}
	}
	return false
}

func (c *call) getObject() {
	c.s.mu.Lock()
	b, e := c.bucketLocked()
	var o *object
	if e == nil {
		if o = b.objects[c.rec.Key]; o == nil {
			e = errNoSuchKey(c.rec.Key)
		}
	}
	c.s.mu.Unlock() // objects are replaced, never mutated: o stays valid
	if e != nil {
		c.writeError(e)
		return
	}
	h := c.w.Header()
	rh := c.r.Header
	if im := rh.Get("If-Match"); im != "" && !etagMatch(im, o.etag) {
		c.writeError(errPreconditionFailed("If-Match"))
		return
	}
	if inm := rh.Get("If-None-Match"); inm != "" && etagMatch(inm, o.etag) {
		h.Set("ETag", o.etag)
		c.writeStatus(http.StatusNotModified)
		return
	}
	if ius := rh.Get("If-Unmodified-Since"); ius != "" && rh.Get("If-Match") == "" {
		if t, err := http.ParseTime(ius); err == nil && o.lastModified.Truncate(time.Second).After(t) {
			c.writeError(errPreconditionFailed("If-Unmodified-Since"))
			return
		}
	}
	size := int64(len(o.data))
	start, end, ranged, e := parseRange(rh.Get("Range"), size)
	if e != nil {
		h.Set("Content-Range", "bytes */"+strconv.FormatInt(size, 10))
		c.writeError(e)
		return
	}
	h.Set("ETag", o.etag)
	h.Set("Last-Modified", o.lastModified.UTC().Format(http.TimeFormat))
	h.Set("Accept-Ranges", "bytes")
	h.Set("Content-Type", o.contentType)
	for k, v := range o.meta {
		h[k] = v
	}
	if o.parts > 0 {
		h.Set("X-Amz-Mp-Parts-Count", strconv.Itoa(o.parts))
	}
	// The whole object's checksum only for a whole-object read: S3 sends
	// none for a ranged GET (unlike gofakes3).
	if o.checksumAlg != "" && !ranged && strings.EqualFold(rh.Get("X-Amz-Checksum-Mode"), "ENABLED") {
		h.Set(checksumHeaders[o.checksumAlg], o.checksum)
		h.Set("X-Amz-Checksum-Type", checksumType(o.checksum))
	}
	q := c.r.URL.Query()
	for _, k := range []string{"Content-Type", "Content-Disposition", "Cache-Control", "Content-Encoding", "Content-Language", "Expires"} {
		if v := q.Get("response-" + strings.ToLower(k)); v != "" {
			h.Set(k, v)
		}
	}
	data := o.data
	status := http.StatusOK
	if ranged {
		data = o.data[start : end+1]
		status = http.StatusPartialContent
		h.Set("Content-Range", "bytes "+strconv.FormatInt(start, 10)+"-"+strconv.FormatInt(end, 10)+"/"+strconv.FormatInt(size, 10))
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	c.writeStatus(status)
	if c.r.Method == http.MethodHead {
		return
	}
	c.writeBody(data)
}

func checksumType(v string) string {
	if strings.Contains(v, "-") {
		return "COMPOSITE"
	}
	return "FULL_OBJECT"
}

// writeBody writes a response body, applying a Truncate or SlowBody fault.
func (c *call) writeBody(data []byte) {
	a := Action{}
	if c.fault != nil {
		a = c.fault.Action
	}
	switch a.kind {
	case kindStall:
		n := min(max(a.n, 0), int64(len(data)))
		c.w.Write(data[:n])
		if f, ok := c.w.(http.Flusher); ok {
			f.Flush()
		}
		c.stall()
	case kindTruncate:
		n := min(max(a.n, 0), int64(len(data)))
		c.rec.ErrorCode = "TruncatedBody"
		c.w.Write(data[:n])
		if f, ok := c.w.(http.Flusher); ok {
			f.Flush()
		}
		c.reset(false)
	case kindSlowBody:
		budget := c.s.opts.MaxDelay
		for len(data) > 0 {
			n := min(a.chunk, len(data))
			if budget > 0 {
				d := min(a.delay, budget)
				budget -= d
				if !c.sleep(d) {
					c.rec.ErrorCode = "ClientGone"
					return
				}
			} else {
				n = len(data)
			}
			if n == len(data) {
				c.publish()
			}
			if _, err := c.w.Write(data[:n]); err != nil {
				return
			}
			if f, ok := c.w.(http.Flusher); ok {
				f.Flush()
			}
			data = data[n:]
		}
	default:
		c.publish()
		c.w.Write(data)
	}
}

func (c *call) deleteObject() {
	c.s.mu.Lock()
	b, e := c.bucketLocked()
	if e == nil {
		delete(b.objects, c.rec.Key)
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	c.writeStatus(http.StatusNoContent)
}

func (c *call) createMultipartUpload() {
	alg := strings.ToUpper(c.r.Header.Get("X-Amz-Checksum-Algorithm"))
	if alg != "" && newChecksum(alg) == nil {
		c.writeError(errInvalidArgument("Checksum algorithm provided is unsupported."))
		return
	}
	typ, e := multipartChecksumType(alg, c.r.Header.Get("X-Amz-Checksum-Type"))
	if e != nil {
		c.writeError(e)
		return
	}
	c.s.mu.Lock()
	_, e = c.bucketLocked()
	var id string
	if e == nil {
		c.s.store.uploadSeq++
		id = "FSUPLOAD" + strconv.Itoa(c.s.store.uploadSeq) + "-" + hex.EncodeToString([]byte(c.rec.Key))[:min(16, 2*len(c.rec.Key))]
		c.s.store.uploads[id] = &upload{
			id: id, bucket: c.rec.Bucket, key: c.rec.Key, initiated: c.now,
			contentType: contentType(c.r.Header), meta: objectMeta(c.r.Header),
			checksumAlg: alg, checksumType: typ, parts: map[int]*part{},
		}
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	if alg != "" {
		c.w.Header().Set("X-Amz-Checksum-Algorithm", alg)
		c.w.Header().Set("X-Amz-Checksum-Type", typ)
	}
	c.writeXML(&struct {
		XMLName  xml.Name `xml:"InitiateMultipartUploadResult"`
		NS       string   `xml:"xmlns,attr"`
		Bucket   string
		Key      string
		UploadId string
	}{NS: s3NS, Bucket: c.rec.Bucket, Key: c.rec.Key, UploadId: id})
}

// uploadLocked returns the request's upload; the caller holds s.mu.
func (c *call) uploadLocked() (*upload, *s3Error) {
	if _, e := c.bucketLocked(); e != nil {
		return nil, e
	}
	u := c.s.store.uploads[c.rec.UploadID]
	if u == nil || u.bucket != c.rec.Bucket || u.key != c.rec.Key {
		return nil, errNoSuchUpload(c.rec.UploadID)
	}
	return u, nil
}

func (c *call) checkPartNumber() *s3Error {
	if c.rec.PartNumber < 1 || c.rec.PartNumber > 10000 {
		return errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive")
	}
	return nil
}

func (c *call) uploadPart() {
	if e := c.checkPartNumber(); e != nil {
		c.writeError(e)
		return
	}
	p := &part{data: c.body, etag: quotedMD5(c.md5), modified: c.now}
	c.s.mu.Lock()
	u, e := c.uploadLocked()
	if e == nil {
		if u.checksumAlg != "" && c.checksum.alg != "" && c.checksum.alg != u.checksumAlg {
			e = &s3Error{Status: 400, Code: "InvalidRequest", Message: "Checksum Type mismatch occurred, expected checksum Type: " + strings.ToLower(u.checksumAlg) + ", actual checksum Type: " + strings.ToLower(c.checksum.alg)}
		} else if u.checksumAlg != "" && c.checksum.alg == "" {
			// S3 computes the part's checksum itself when the client sent none.
			h := newChecksum(u.checksumAlg)
			h.Write(c.body)
			p.checksum = base64.StdEncoding.EncodeToString(h.Sum(nil))
		} else {
			p.checksum = c.checksum.value
		}
		u.parts[c.rec.PartNumber] = p
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	c.w.Header().Set("ETag", p.etag)
	if c.checksum.alg != "" {
		c.w.Header().Set(checksumHeaders[c.checksum.alg], c.checksum.value)
	}
	c.writeStatus(http.StatusOK)
}

func (c *call) uploadPartCopy() {
	if e := c.checkPartNumber(); e != nil {
		c.writeError(e)
		return
	}
	c.s.mu.Lock()
	src, e := c.copySourceLocked()
	var u *upload
	if e == nil {
		u, e = c.uploadLocked()
	}
	var p *part
	if e == nil {
		data := src.data
		if rg := c.r.Header.Get("X-Amz-Copy-Source-Range"); rg != "" {
			start, end, ok, re := parseRange(rg, int64(len(data)))
			switch {
			case re != nil:
				e = re
			case !ok:
				e = errInvalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
			default:
				data = data[start : end+1]
			}
		}
		if e == nil {
			p = &part{data: data, etag: quotedMD5(md5.Sum(data)), modified: c.now}
			if u.checksumAlg != "" {
				h := newChecksum(u.checksumAlg)
				h.Write(data)
				p.checksum = base64.StdEncoding.EncodeToString(h.Sum(nil))
			}
			u.parts[c.rec.PartNumber] = p
		}
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	c.writeXML(&struct {
		XMLName      xml.Name `xml:"CopyPartResult"`
		LastModified string
		ETag         string
	}{LastModified: p.modified.UTC().Format(timeISO), ETag: p.etag})
}

type completePart struct {
	PartNumber int
	ETag       string
	checksums
}

func (c *call) completeMultipartUpload() {
	var in struct {
		XMLName xml.Name       `xml:"CompleteMultipartUpload"`
		Parts   []completePart `xml:"Part"`
	}
	if err := xml.NewDecoder(bytes.NewReader(c.body)).Decode(&in); err != nil || len(in.Parts) == 0 {
		c.writeError(errMalformedXML())
		return
	}
	s := c.s
	s.mu.Lock()
	u, e := c.uploadLocked()
	var o *object
	if e == nil {
		o, e = c.assembleLocked(u, in.Parts)
	}
	if e == nil {
		s.store.buckets[u.bucket].objects[u.key] = o
		delete(s.store.uploads, u.id)
	}
	s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	out := struct {
		XMLName  xml.Name `xml:"CompleteMultipartUploadResult"`
		NS       string   `xml:"xmlns,attr"`
		Location string
		Bucket   string
		Key      string
		ETag     string
		checksums
		ChecksumType string `xml:",omitempty"`
	}{NS: s3NS, Location: c.s.URL + "/" + c.rec.Bucket + "/" + c.rec.Key, Bucket: c.rec.Bucket, Key: c.rec.Key, ETag: o.etag}
	out.set(o.checksumAlg, o.checksum)
	if o.checksumAlg != "" {
		out.ChecksumType = checksumType(o.checksum)
		c.w.Header().Set(checksumHeaders[o.checksumAlg], o.checksum)
	}
	c.writeXML(&out)
}

// multipartChecksumType checks the checksum type a CreateMultipartUpload
// asks for against its algorithm and returns the type the upload gets, as
// S3 does: CRC64NVME is FULL_OBJECT only, CRC32 and CRC32C are either
// (COMPOSITE unless asked), the others (SHA-1, SHA-256, SHA-512, MD5 and
// the xxHash algorithms) COMPOSITE only; a type without an algorithm is
// refused.
func multipartChecksumType(alg, typ string) (string, *s3Error) {
	typ = strings.ToUpper(strings.TrimSpace(typ))
	if typ != "" && typ != "COMPOSITE" && typ != "FULL_OBJECT" {
		return "", errInvalidArgument("Value for x-amz-checksum-type header is invalid.")
	}
	if alg == "" {
		if typ != "" {
			return "", &s3Error{Status: 400, Code: "InvalidRequest", Message: "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header."}
		}
		return "", nil
	}
	switch {
	case typ == "" && alg == "CRC64NVME":
		return "FULL_OBJECT", nil
	case typ == "":
		return "COMPOSITE", nil
	case typ == "COMPOSITE" && alg == "CRC64NVME", typ == "FULL_OBJECT" && !fullObjectCapable(alg):
		return "", &s3Error{Status: 400, Code: "InvalidRequest", Message: "The " + typ + " checksum type cannot be used with the " + strings.ToLower(alg) + " checksum algorithm."}
	}
	return typ, nil
}

// assembleLocked checks the part list of a Complete request against the
// upload and builds the object: ETag is the MD5 of the parts' binary MD5s
// followed by "-N"; the composite checksum the checksum of the parts' raw
// checksums followed by "-N". The caller holds s.mu.
func (c *call) assembleLocked(u *upload, parts []completePart) (*object, *s3Error) {
	invalidPart := func(n int) *s3Error {
		return &s3Error{Status: 400, Code: "InvalidPart", Message: "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
			Extra: [][2]string{{"UploadId", u.id}, {"PartNumber", strconv.Itoa(n)}}}
	}
	var data []byte
	etags := md5.New()
	var sums []byte
	for i, cp := range parts {
		if i > 0 && cp.PartNumber <= parts[i-1].PartNumber {
			return nil, &s3Error{Status: 400, Code: "InvalidPartOrder", Message: "The list of parts was not in ascending order. Parts must be ordered by part number.", Extra: [][2]string{{"UploadId", u.id}}}
		}
		p := u.parts[cp.PartNumber]
		if p == nil || strings.Trim(cp.ETag, `" `) != strings.Trim(p.etag, `"`) {
			return nil, invalidPart(cp.PartNumber)
		}
		if u.checksumAlg != "" {
			if v := cp.get(u.checksumAlg); v != "" && v != p.checksum {
				return nil, invalidPart(cp.PartNumber)
			}
			raw, _ := base64.StdEncoding.DecodeString(p.checksum)
			sums = append(sums, raw...)
		}
		if i < len(parts)-1 && c.s.opts.MinPartSize > 0 && int64(len(p.data)) < c.s.opts.MinPartSize {
			return nil, &s3Error{Status: 400, Code: "EntityTooSmall", Message: "Your proposed upload is smaller than the minimum allowed size",
				Extra: [][2]string{{"ProposedSize", strconv.Itoa(len(p.data))}, {"MinSizeAllowed", strconv.FormatInt(c.s.opts.MinPartSize, 10)}, {"PartNumber", strconv.Itoa(cp.PartNumber)}, {"ETag", p.etag}}}
		}
		raw, _ := hex.DecodeString(strings.Trim(p.etag, `"`))
		etags.Write(raw)
		data = append(data, p.data...)
	}
	n := strconv.Itoa(len(parts))
	o := &object{
		data:         data,
		etag:         `"` + hex.EncodeToString(etags.Sum(nil)) + "-" + n + `"`,
		lastModified: c.now,
		contentType:  u.contentType,
		meta:         u.meta,
		parts:        len(parts),
	}
	if u.checksumAlg != "" {
		o.checksumAlg = u.checksumAlg
		if t := strings.ToUpper(c.r.Header.Get("X-Amz-Checksum-Type")); t != "" && t != u.checksumType {
			return nil, &s3Error{Status: 400, Code: "InvalidRequest", Message: "The upload was created using the " + u.checksumType + " checksum mode. The complete request must use the same checksum mode."}
		}
		if u.checksumType == "FULL_OBJECT" {
			// A checksum of the whole object's bytes (what S3 derives by
			// combining the part CRCs), checked against the one the client
			// sent, if any.
			h := newChecksum(u.checksumAlg)
			h.Write(data)
			o.checksum = base64.StdEncoding.EncodeToString(h.Sum(nil))
			if v := c.r.Header.Get(checksumHeaders[u.checksumAlg]); v != "" && v != o.checksum {
				return nil, errBadDigest("The " + strings.ToLower(u.checksumAlg) + " you specified for the full object did not match what was computed.")
			}
		} else {
			h := newChecksum(u.checksumAlg)
			h.Write(sums)
			o.checksum = base64.StdEncoding.EncodeToString(h.Sum(nil)) + "-" + n
		}
	}
	return o, nil
}

func (c *call) abortMultipartUpload() {
	c.s.mu.Lock()
	u, e := c.uploadLocked()
	if e == nil {
		delete(c.s.store.uploads, u.id)
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	c.writeStatus(http.StatusNoContent)
}

func (c *call) listMultipartUploads() {
	prefix := c.r.URL.Query().Get("prefix")
	type up struct {
		Key          string
		UploadId     string
		Initiated    string
		StorageClass string
	}
	var out struct {
		XMLName     xml.Name `xml:"ListMultipartUploadsResult"`
		NS          string   `xml:"xmlns,attr"`
		Bucket      string
		Prefix      string
		MaxUploads  int
		IsTruncated bool
		Uploads     []up `xml:"Upload"`
	}
	out.NS, out.Bucket, out.Prefix, out.MaxUploads = s3NS, c.rec.Bucket, prefix, 1000
	c.s.mu.Lock()
	_, e := c.bucketLocked()
	if e == nil {
		for _, u := range c.s.store.uploads {
			if u.bucket == c.rec.Bucket && strings.HasPrefix(u.key, prefix) {
				out.Uploads = append(out.Uploads, up{u.key, u.id, u.initiated.UTC().Format(timeISO), "STANDARD"})
			}
		}
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	sort.Slice(out.Uploads, func(i, j int) bool {
		a, b := out.Uploads[i], out.Uploads[j]
		return a.Key < b.Key || a.Key == b.Key && a.UploadId < b.UploadId
	})
	c.writeXML(&out)
}

func (c *call) listParts() {
	type pt struct {
		PartNumber   int
		LastModified string
		ETag         string
		Size         int
		checksums
	}
	var out struct {
		XMLName     xml.Name `xml:"ListPartsResult"`
		NS          string   `xml:"xmlns,attr"`
		Bucket      string
		Key         string
		UploadId    string
		IsTruncated bool
		Parts       []pt `xml:"Part"`
	}
	out.NS, out.Bucket, out.Key, out.UploadId = s3NS, c.rec.Bucket, c.rec.Key, c.rec.UploadID
	c.s.mu.Lock()
	u, e := c.uploadLocked()
	if e == nil {
		for n, p := range u.parts {
			part := pt{PartNumber: n, LastModified: p.modified.UTC().Format(timeISO), ETag: p.etag, Size: len(p.data)}
			part.set(u.checksumAlg, p.checksum)
			out.Parts = append(out.Parts, part)
		}
	}
	c.s.mu.Unlock()
	if e != nil {
		c.writeError(e)
		return
	}
	sort.Slice(out.Parts, func(i, j int) bool { return out.Parts[i].PartNumber < out.Parts[j].PartNumber })
	c.writeXML(&out)
}
