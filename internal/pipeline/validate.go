package pipeline

import (
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
)

// maxValidateDepth bounds the walk into nested structures (models have no
// deeper inputs; recursive shapes stop here).
const maxValidateDepth = 32

var timeType = reflect.TypeOf(time.Time{})

// validateStruct checks the required members of the struct v of shape sh,
// and of the structures set inside it. Go has no "unset" for plain values,
// so a required member is missing when it is:
//
//   - a string (or enum) that is "", a blob that is nil, a zero time.Time;
//   - a nil pointer (a structure member);
//   - a nil list or map (an empty but non-nil one is sent as empty).
//
// Required numbers and booleans are always present. An empty S3 object key
// is thus an error too. Host-label safety of bucket names is the endpoint
// rule set's job (isVirtualHostableS3Bucket / isValidHostLabel).
func validateStruct(sh *protocol.Shape, v reflect.Value, depth int) error {
	if depth == 0 {
		if err := validateBucket(sh, v); err != nil {
			return err
		}
	}
	if depth > maxValidateDepth {
		return nil
	}
	n := v.NumField()
	for i := range sh.Members {
		m := &sh.Members[i]
		// Only required members and containers need a look (without
		// reflection for the rest: most of an input's members).
		if !m.Required && !hasStructs(m.Shape) || m.Field < 0 || m.Field >= n {
			continue
		}
		f := v.Field(m.Field)
		if m.Required && missing(f) {
			return &goto3.ValidationError{Member: m.Name, Reason: "missing required member"}
		}
		if err := validateValue(m.Shape, f, depth); err != nil {
			return prefix(m.Name, err)
		}
	}
	return nil
}

// validateValue descends into structures and lists or maps of structures.
func validateValue(sh *protocol.Shape, f reflect.Value, depth int) error {
	if sh == nil {
		return nil
	}
	switch sh.Type {
	case protocol.TypeStructure:
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				return nil
			}
			f = f.Elem()
		}
		if f.Kind() != reflect.Struct || f.Type() == timeType {
			return nil
		}
		return validateStruct(sh, f, depth+1)
	case protocol.TypeList:
		if sh.Member == nil || !hasStructs(sh.Member.Shape) || f.Kind() != reflect.Slice {
			return nil
		}
		for i := 0; i < f.Len(); i++ {
			if err := validateValue(sh.Member.Shape, f.Index(i), depth+1); err != nil {
				return prefixIndex(i, err)
			}
		}
	case protocol.TypeMap:
		if sh.Value == nil || !hasStructs(sh.Value.Shape) || f.Kind() != reflect.Map {
			return nil
		}
		it := f.MapRange()
		for it.Next() {
			if err := validateValue(sh.Value.Shape, it.Value(), depth+1); err != nil {
				return prefixKey(it.Key().String(), err)
			}
		}
	}
	return nil
}

func hasStructs(sh *protocol.Shape) bool {
	return sh != nil && (sh.Type == protocol.TypeStructure || sh.Type == protocol.TypeList || sh.Type == protocol.TypeMap)
}

func missing(f reflect.Value) bool {
	switch f.Kind() {
	case reflect.String:
		return f.Len() == 0
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return f.IsNil()
	case reflect.Struct:
		if f.Type() == timeType {
			return f.Interface().(time.Time).IsZero()
		}
	}
	return false
}

func prefix(name string, err error) error {
	if ve, ok := err.(*goto3.ValidationError); ok {
		sep := "."
		if strings.HasPrefix(ve.Member, "[") {
			sep = ""
		}
		return &goto3.ValidationError{Member: name + sep + ve.Member, Reason: ve.Reason}
	}
	return err
}

func prefixIndex(i int, err error) error {
	if ve, ok := err.(*goto3.ValidationError); ok {
		return &goto3.ValidationError{Member: "[" + strconv.Itoa(i) + "]." + ve.Member, Reason: ve.Reason}
	}
	return err
}

func prefixKey(k string, err error) error {
	if ve, ok := err.(*goto3.ValidationError); ok {
		return &goto3.ValidationError{Member: "[" + strconv.Quote(k) + "]." + ve.Member, Reason: ve.Reason}
	}
	return err
}

// validateBucket applies botocore's validate_bucket_name to the input
// member bound to the endpoint parameter Bucket: a bucket name is 1 to 255
// of a-z A-Z 0-9 . - _, or an ARN (whose form the endpoint rules check).
// Whether the name suits virtual hosting is the rules' decision (they fall
// back to path-style addressing, as botocore's "auto" style).
func validateBucket(sh *protocol.Shape, v reflect.Value) error {
	for i := range sh.Members {
		m := &sh.Members[i]
		if m.ContextParam != "Bucket" {
			continue
		}
		f := v.Field(m.Field)
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
