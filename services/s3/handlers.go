package s3

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
)

// The customizations of botocore's handlers.py that change S3's inputs,
// requests and outputs (docs/botocore-customizations.md, section 4):
//
//   - S3-5: ListObjects, ListObjectsV2 and ListObjectVersions ask for
//     encoding-type=url when the caller did not choose an EncodingType, and
//     the answer's keys are then URL-decoded (set_list_objects_encoding_type_url,
//     decode_list_object*);
//   - S3-6: CopySource percent-encoded (handle_copy_source_param);
//   - S3-7: an SSE-C key without its MD5 sent base64 with the MD5 (sse_md5,
//     copy_source_sse_md5);
//   - S3-11: CR and LF escaped in the XML bodies of DeleteObjects and
//     PutBucketLifecycleConfiguration (escape_xml_payload);
//   - S3-13: GetBucketLocation path-style, an ARN bucket never
//     (customize_endpoint_resolver_builtins);
//
// and, in validate.go, S3-8 (validate_ascii_metadata).

// autoEncodingType is the EncodingType the client sets on its copy of a
// List* input the caller left without one: PostDecode knows the answer's
// keys were encoded at the client's request by this pointer, which no
// caller can hold.
var autoEncodingType = EncodingTypeUrl

// prepareInput replaces the input with a changed copy where botocore's
// before-parameter-build handlers change the parameters: S3-5, S3-6, S3-7.
// The caller's value is never changed, and nothing is copied when nothing
// changes.
func prepareInput(_ context.Context, call *pipeline.Call) error {
	switch in := call.Input.(type) {
	case *ListObjectsInput:
		if in != nil && in.EncodingType == nil {
			cp := *in
			cp.EncodingType = &autoEncodingType
			call.Input = &cp
		}
	case *ListObjectsV2Input:
		if in != nil && in.EncodingType == nil {
			cp := *in
			cp.EncodingType = &autoEncodingType
			call.Input = &cp
		}
	case *ListObjectVersionsInput:
		if in != nil && in.EncodingType == nil {
			cp := *in
			cp.EncodingType = &autoEncodingType
			call.Input = &cp
		}
	case *CopyObjectInput:
		if in != nil && (copySourceChanges(in.CopySource) || needsSSE(in.SSECustomerKey, in.SSECustomerKeyMD5) || needsSSE(in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5)) {
			cp := *in
			cp.CopySource = quoteCopySource(in.CopySource)
			setSSE(&cp.SSECustomerKey, &cp.SSECustomerKeyMD5)
			setSSE(&cp.CopySourceSSECustomerKey, &cp.CopySourceSSECustomerKeyMD5)
			call.Input = &cp
		}
	case *UploadPartCopyInput:
		if in != nil && (copySourceChanges(in.CopySource) || needsSSE(in.SSECustomerKey, in.SSECustomerKeyMD5) || needsSSE(in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5)) {
			cp := *in
			cp.CopySource = quoteCopySource(in.CopySource)
			setSSE(&cp.SSECustomerKey, &cp.SSECustomerKeyMD5)
			setSSE(&cp.CopySourceSSECustomerKey, &cp.CopySourceSSECustomerKeyMD5)
			call.Input = &cp
		}
	case *HeadObjectInput:
		if cp := sseCopy(in, func(x *HeadObjectInput) (**string, **string) { return &x.SSECustomerKey, &x.SSECustomerKeyMD5 }); cp != nil {
			call.Input = cp
		}
	case *GetObjectInput:
		if cp := sseCopy(in, func(x *GetObjectInput) (**string, **string) { return &x.SSECustomerKey, &x.SSECustomerKeyMD5 }); cp != nil {
			call.Input = cp
		}
	case *PutObjectInput:
		if cp := sseCopy(in, func(x *PutObjectInput) (**string, **string) { return &x.SSECustomerKey, &x.SSECustomerKeyMD5 }); cp != nil {
			call.Input = cp
		}
	case *CreateMultipartUploadInput:
		if cp := sseCopy(in, func(x *CreateMultipartUploadInput) (**string, **string) {
			return &x.SSECustomerKey, &x.SSECustomerKeyMD5
		}); cp != nil {
			call.Input = cp
		}
	case *UploadPartInput:
		if cp := sseCopy(in, func(x *UploadPartInput) (**string, **string) { return &x.SSECustomerKey, &x.SSECustomerKeyMD5 }); cp != nil {
			call.Input = cp
		}
	case *CompleteMultipartUploadInput:
		if cp := sseCopy(in, func(x *CompleteMultipartUploadInput) (**string, **string) {
			return &x.SSECustomerKey, &x.SSECustomerKeyMD5
		}); cp != nil {
			call.Input = cp
		}
	case *SelectObjectContentInput:
		if cp := sseCopy(in, func(x *SelectObjectContentInput) (**string, **string) { return &x.SSECustomerKey, &x.SSECustomerKeyMD5 }); cp != nil {
			call.Input = cp
		}
	}
	return nil
}

// sseCopy returns a copy of in with its SSE-C key encoded (setSSE), or nil
// when in is nil or its key needs nothing; keys gives a value's key and
// key-MD5 members.
func sseCopy[T any](in *T, keys func(*T) (key, keyMD5 **string)) *T {
	if in == nil {
		return nil
	}
	if k, m := keys(in); !needsSSE(*k, *m) {
		return nil
	}
	cp := *in
	setSSE(keys(&cp))
	return &cp
}

// needsSSE reports whether an SSE-C key is to be encoded: it is set and its
// MD5 is not (botocore's _needs_s3_sse_customization).
func needsSSE(key, keyMD5 *string) bool { return key != nil && keyMD5 == nil }

// setSSE replaces a raw SSE-C key whose MD5 is unset with its base64 and
// sets the MD5 to the base64 of the key's MD5 (botocore's _sse_md5). A key
// given with its MD5 is left alone: it must be base64 already.
func setSSE(key, keyMD5 **string) {
	if !needsSSE(*key, *keyMD5) {
		return
	}
	raw := []byte(**key)
	sum := md5.Sum(raw)
	k := base64.StdEncoding.EncodeToString(raw)
	m := base64.StdEncoding.EncodeToString(sum[:])
	*key, *keyMD5 = &k, &m
}

// copySourceChanges reports whether quoteCopySource changes s.
func copySourceChanges(s string) bool {
	v := versionSuffix(s)
	for i := 0; i < v; i++ {
		if !copySourceSafe(s[i]) {
			return true
		}
	}
	return false
}

// quoteCopySource is botocore's _quote_source_header: the value
// "bucket/key" percent-encoded but for A-Z a-z 0-9 - . _ ~ and /, with a
// trailing "?versionId=<id>" kept as it is.
func quoteCopySource(s string) string {
	if !copySourceChanges(s) {
		return s
	}
	v := versionSuffix(s)
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < v; i++ {
		c := s[i]
		if copySourceSafe(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	b.WriteString(s[v:])
	return b.String()
}

func copySourceSafe(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '/'
}

// versionSuffix returns where the version id suffix of a CopySource
// begins, or len(s): the first "?versionId=" followed by one or more
// characters other than white space up to the end (or up to a final line
// feed), as botocore's VERSION_ID_SUFFIX (`\?versionId=[^\s]+$`, searched)
// finds it.
func versionSuffix(s string) int {
	const marker = "?versionId="
	for off := 0; ; {
		i := strings.Index(s[off:], marker)
		if i < 0 {
			return len(s)
		}
		i += off
		rest := strings.TrimSuffix(s[i+len(marker):], "\n")
		if rest != "" && strings.IndexFunc(rest, pythonSpace) < 0 {
			return i
		}
		off = i + 1
	}
}

// pythonSpace reports whether Python's str.isspace (the \s of its re
// module) holds for r: Unicode white space and the information separators
// U+001C to U+001F.
func pythonSpace(r rune) bool { return unicode.IsSpace(r) || 0x1c <= r && r <= 0x1f }

// prepareRequest escapes CR and LF in the XML bodies of DeleteObjects and
// PutBucketLifecycleConfiguration (S3-11), before their checksums are
// computed.
func prepareRequest(_ context.Context, call *pipeline.Call, req *http.Request) error {
	switch call.Operation.Name {
	case "DeleteObjects", "PutBucketLifecycleConfiguration":
		return escapeXMLPayload(req)
	}
	return nil
}

// escapeXMLPayload is botocore's escape_xml_payload: every CR and LF of
// the serialized XML document written as the character references &#xD;
// and &#xA;, so that the service's parser (which would normalize line
// breaks) reads the caller's text as it is. Both can only come from the
// caller's text; the codec already writes a CR as &#13;, which becomes
// botocore's &#xD; too.
func escapeXMLPayload(req *http.Request) error {
	if req.GetBody == nil || req.ContentLength == 0 {
		return nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return err
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return err
	}
	if bytes.IndexByte(b, '\n') < 0 && bytes.IndexByte(b, '\r') < 0 && !bytes.Contains(b, codecCR) {
		return nil
	}
	b = bytes.ReplaceAll(b, codecCR, escapedCR)
	b = bytes.ReplaceAll(b, []byte{'\r'}, escapedCR)
	b = bytes.ReplaceAll(b, []byte{'\n'}, []byte("&#xA;"))
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	req.ContentLength = int64(len(b))
	return nil
}

var (
	codecCR   = []byte("&#13;")
	escapedCR = []byte("&#xD;")
)

// endpointParams sets the per-call endpoint built-ins of botocore's
// customize_endpoint_resolver_builtins (S3-13): GetBucketLocation always
// path-style (the bucket's region, and so its virtual host, is what the
// caller does not know yet), an access point or Outposts ARN never; and
// the region a redirect found for the bucket (S3-R, redirect.go).
func endpointParams(regions *regionCache) func(context.Context, *pipeline.Call, []endpoints.Value) error {
	return func(_ context.Context, call *pipeline.Call, vals []endpoints.Value) error {
		bucket, hasBucket := vals[endpointParamBucket].Str()
		switch {
		case call.Operation.Name == "GetBucketLocation":
			vals[endpointParamForcePathStyle] = endpoints.Bool(true)
		case hasBucket && isARN(bucket):
			vals[endpointParamForcePathStyle] = endpoints.Bool(false)
		}
		if hasBucket {
			if r, ok := regions.get(bucket); ok {
				vals[endpointParamRegion] = endpoints.String(r)
			}
		}
		return nil
	}
}

// isARN is botocore's ArnParser.is_arn: "arn:" and at least six
// colon-separated parts.
func isARN(s string) bool { return strings.HasPrefix(s, "arn:") && strings.Count(s, ":") >= 5 }

// postDecodeList URL-decodes what S3 encoded at the client's request
// (S3-5): only when the client asked for encoding-type=url itself and the
// answer says EncodingType url, and only the members botocore decodes
// (decode_list_object, decode_list_object_v2, decode_list_object_versions).
// A caller who chose an EncodingType gets the answer as S3 sent it.
func postDecodeList(call *pipeline.Call) {
	switch out := call.Output.(type) {
	case *ListObjectsOutput:
		in, _ := call.Input.(*ListObjectsInput)
		if out == nil || in == nil || in.EncodingType != &autoEncodingType || !isURL(out.EncodingType) {
			return
		}
		unquote(out.Delimiter, out.Marker, out.NextMarker)
		for i := range out.Contents {
			unquote(out.Contents[i].Key)
		}
		for i := range out.CommonPrefixes {
			unquote(out.CommonPrefixes[i].Prefix)
		}
	case *ListObjectsV2Output:
		in, _ := call.Input.(*ListObjectsV2Input)
		if out == nil || in == nil || in.EncodingType != &autoEncodingType || !isURL(out.EncodingType) {
			return
		}
		unquote(out.Delimiter, out.Prefix, out.StartAfter)
		for i := range out.Contents {
			unquote(out.Contents[i].Key)
		}
		for i := range out.CommonPrefixes {
			unquote(out.CommonPrefixes[i].Prefix)
		}
	case *ListObjectVersionsOutput:
		in, _ := call.Input.(*ListObjectVersionsInput)
		if out == nil || in == nil || in.EncodingType != &autoEncodingType || !isURL(out.EncodingType) {
			return
		}
		unquote(out.KeyMarker, out.NextKeyMarker, out.Prefix, out.Delimiter)
		for i := range out.Versions {
			unquote(out.Versions[i].Key)
		}
		for i := range out.DeleteMarkers {
			unquote(out.DeleteMarkers[i].Key)
		}
		for i := range out.CommonPrefixes {
			unquote(out.CommonPrefixes[i].Prefix)
		}
	}
}

func isURL(e *EncodingType) bool { return e != nil && *e == EncodingTypeUrl }

// unquote replaces each set string with its decoding by unquotePlus.
func unquote(ss ...*string) {
	for _, s := range ss {
		if s != nil {
			*s = unquotePlus(*s)
		}
	}
}

// unquotePlus is Python's urllib.parse.unquote_plus, which botocore's
// unquote_str is: "+" is a space, each %XX its byte (a "%" not followed by
// two hex digits stays as it is), and the bytes are read as UTF-8 with
// each maximal ill-formed sequence replaced by U+FFFD, as Python's
// "replace" error handler does.
func unquotePlus(s string) string {
	if strings.IndexByte(s, '+') < 0 && strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			out.Write(b[i : i+n])
			i += n
			continue
		}
		out.WriteRune(utf8.RuneError)
		i += illFormedLen(b[i:])
	}
	return out.String()
}

// illFormedLen returns the length of the maximal ill-formed subsequence at
// the start of b (which does not begin with a well-formed character): a
// lead byte and the continuation bytes that may follow it, as the Unicode
// standard's "maximal subpart" practice (and Python's decoder) counts it.
func illFormedLen(b []byte) int {
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch c := b[0]; {
	case 0xC2 <= c && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case 0xE1 <= c && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case 0xF1 <= c && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	n := 1
	for ; n <= need && n < len(b); n++ {
		c := b[n]
		if n == 1 && (c < lo || c > hi) || n > 1 && (c < 0x80 || c > 0xBF) {
			break
		}
	}
	return n
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
