package s3

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// validate checks an S3 input beyond the model, before any I/O: the
// metadata of PutObject, CopyObject and CreateMultipartUpload (ASCII), the
// bucket name of every operation as botocore's validate_bucket_name (1 to
// 255 of a-z A-Z 0-9 . - _, or an ARN whose form the endpoint rules
// check), and for CreateBucket S3's naming rules for new buckets. Whether a name suits
// virtual hosting is the endpoint rules' decision (they use the path
// instead, as botocore's "auto" style); buckets made under older rules
// (upper case, underscores) stay reachable.
func validate(call *pipeline.Call) error {
	if err := validateMetadata(call.Input); err != nil {
		return err
	}
	if in, ok := call.Input.(*CreateBucketInput); ok && in != nil {
		if reason := newBucketNameProblem(in.Bucket); reason != "" {
			return &goto3.ValidationError{Member: "Bucket", Reason: "invalid bucket name " + strconv.Quote(in.Bucket) + ": " + reason}
		}
		return nil
	}
	op := call.Operation
	if op.Input == nil {
		return nil
	}
	for _, cp := range op.ContextParams {
		if cp.Name != "Bucket" {
			continue
		}
		v := reflect.ValueOf(call.Input)
		if v.Kind() != reflect.Pointer || v.IsNil() {
			return nil
		}
		m := &op.Input.Members[cp.Member]
		f := v.Elem().Field(m.Field)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				return nil
			}
			f = f.Elem()
		}
		if f.Kind() != reflect.String {
			return nil
		}
		b := f.String()
		if b == "" || strings.HasPrefix(b, "arn:") || validBucketName(b) {
			return nil
		}
		return &goto3.ValidationError{Member: m.Name, Reason: "invalid bucket name " + strconv.Quote(b) + ": it must match ^[a-zA-Z0-9.\\-_]{1,255}$ or be an access point ARN"}
	}
	return nil
}

func validBucketName(b string) bool {
	if len(b) > 255 {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Reserved parts of bucket names (the S3 user guide's "Bucket naming
// rules"): prefixes, and suffixes that name other kinds of resources.
var (
	reservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	reservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// newBucketNameProblem says why name cannot be a new bucket's, or "": S3's
// rules for general purpose buckets (3 to 63 lower-case letters, digits,
// dots and hyphens, beginning and ending with a letter or digit, no two
// adjacent dots, not an IP address, none of the reserved prefixes and
// suffixes), and for directory buckets, whose names end with
// "--<zone id>--x-s3" (lower-case letters, digits and hyphens, no dots).
func newBucketNameProblem(name string) string {
	if len(name) < 3 || len(name) > 63 {
		return "it must be 3 to 63 characters long"
	}
	directory := strings.HasSuffix(name, "--x-s3")
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-':
		case c == '.' && !directory:
		case 'A' <= c && c <= 'Z':
			return "it must not contain upper-case letters"
		default:
			if directory {
				return "a directory bucket name may only contain lower-case letters, digits and hyphens"
			}
			return "it may only contain lower-case letters, digits, dots and hyphens"
		}
	}
	if !alnum(name[0]) || !alnum(name[len(name)-1]) {
		return "it must begin and end with a letter or digit"
	}
	if strings.Contains(name, "..") {
		return "it must not contain two adjacent dots"
	}
	if isIPv4(name) {
		return "it must not be formatted as an IP address"
	}
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(name, p) {
			return "the prefix " + p + " is reserved"
		}
	}
	if directory {
		// base--zone-id--x-s3, such as "mybucket--usw2-az1--x-s3".
		rest := strings.TrimSuffix(name, "--x-s3")
		i := strings.LastIndex(rest, "--")
		if i <= 0 || i+2 >= len(rest) || !alnum(rest[i-1]) || !alnum(rest[i+2]) {
			return "a directory bucket name must be base-name--zone-id--x-s3, such as mybucket--usw2-az1--x-s3"
		}
		return ""
	}
	for _, s := range reservedSuffixes {
		if strings.HasSuffix(name, s) {
			return "the suffix " + s + " is reserved"
		}
	}
	return ""
}

func alnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// validateMetadata is botocore's validate_ascii_metadata (S3-8): S3 stores
// user metadata as US-ASCII over REST, so a key or value with any other
// character is refused before any I/O (the first such key in sorted order
// is named).
func validateMetadata(input any) error {
	var md map[string]string
	switch in := input.(type) {
	case *PutObjectInput:
		if in != nil {
			md = in.Metadata
		}
	case *CopyObjectInput:
		if in != nil {
			md = in.Metadata
		}
	case *CreateMultipartUploadInput:
		if in != nil {
			md = in.Metadata
		}
	}
	var bad []string
	for k, v := range md {
		if !isASCII(k) || !isASCII(v) {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	k := bad[0]
	return &goto3.ValidationError{Member: "Metadata", Reason: "non-ASCII characters found in S3 metadata for key " + strconv.Quote(k) + ", value " + strconv.Quote(md[k]) + ": S3 metadata can only contain ASCII characters"}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
