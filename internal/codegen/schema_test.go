package codegen_test

import (
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/services/ec2"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/ses"
)

var services = []struct {
	name      string
	service   func() *protocol.Service
	ops       func() []*protocol.Operation
	newInput  func(string) any
	newOutput func(string) any
	wantOps   int
}{
	{"s3", s3.ServiceSchema, s3.OperationSchemas, s3.NewOperationInput, s3.NewOperationOutput, 111},
	{"ses", ses.ServiceSchema, ses.OperationSchemas, ses.NewOperationInput, ses.NewOperationOutput, 71},
	{"ec2", ec2.ServiceSchema, ec2.OperationSchemas, ec2.NewOperationInput, ec2.NewOperationOutput, 33},
}

// TestServiceSchemas walks the schema of every generated operation and
// checks it against the generated Go types: every reference resolved (no
// cycle left open), every structure's GoType and field indexes right, and
// every field's Go type the one the contract gives its shape.
func TestServiceSchemas(t *testing.T) {
	for _, svc := range services {
		t.Run(svc.name, func(t *testing.T) {
			ops := svc.ops()
			if len(ops) != svc.wantOps {
				t.Errorf("got %d operations, want %d", len(ops), svc.wantOps)
			}
			seen := map[*protocol.Shape]bool{}
			for i, op := range ops {
				if i > 0 && ops[i-1].Name >= op.Name {
					t.Errorf("operations not sorted: %s before %s", ops[i-1].Name, op.Name)
				}
				if op.Service != svc.service() {
					t.Errorf("%s: Service is not ServiceSchema()", op.Name)
				}
				in, out := svc.newInput(op.Name), svc.newOutput(op.Name)
				if in == nil || out == nil {
					t.Fatalf("%s: no input or output constructor", op.Name)
				}
				if op.Input != nil && reflect.TypeOf(in).Elem() != op.Input.ReflectType() {
					t.Errorf("%s: input %T, schema GoType %v", op.Name, in, op.Input.ReflectType())
				}
				if op.Output != nil && reflect.TypeOf(out).Elem() != op.Output.ReflectType() {
					t.Errorf("%s: output %T, schema GoType %v", op.Name, out, op.Output.ReflectType())
				}
				if f, ok := reflect.TypeOf(out).Elem().FieldByName("ResultMetadata"); !ok || f.Type != reflect.TypeFor[protocol.ResponseMetadata]() {
					t.Errorf("%s: output has no ResultMetadata field", op.Name)
				}
				if op.Input != nil {
					checkShape(t, op.Name+" input", op.Input, seen, roleInput)
				}
				if op.Output != nil {
					checkShape(t, op.Name+" output", op.Output, seen, roleOutput)
				}
				for _, e := range op.Errors {
					checkShape(t, op.Name+" error", e, seen, roleNested)
					if !e.Exception || e.ErrorCode == "" {
						t.Errorf("%s: error shape %s: Exception %v, ErrorCode %q", op.Name, e.Name, e.Exception, e.ErrorCode)
					}
					v := reflect.New(e.ReflectType()).Interface()
					coded, ok := v.(interface {
						error
						ErrorCode() string
					})
					if !ok {
						t.Errorf("%s: *%v lacks Error or ErrorCode", op.Name, e.ReflectType())
					} else if coded.ErrorCode() != e.ErrorCode {
						t.Errorf("%s: ErrorCode() %q, schema %q", op.Name, coded.ErrorCode(), e.ErrorCode)
					}
				}
			}
			if svc.newInput("NoSuchOperation") != nil || svc.newOutput("NoSuchOperation") != nil {
				t.Error("got a value for an unknown operation")
			}
		})
	}
}

type role int

const (
	roleNested role = iota
	roleInput
	roleOutput
)

func checkShape(t *testing.T, path string, s *protocol.Shape, seen map[*protocol.Shape]bool, r role) {
	t.Helper()
	if s == nil {
		t.Errorf("%s: nil shape", path)
		return
	}
	if seen[s] {
		return
	}
	seen[s] = true
	switch s.Type {
	case protocol.TypeStructure:
		if s.ReflectType() == nil || s.ReflectType().Kind() != reflect.Struct {
			t.Errorf("%s: structure %s has GoType %v", path, s.Name, s.ReflectType())
			return
		}
		extra := 0
		if _, ok := s.ReflectType().FieldByName("ResultMetadata"); ok {
			extra = 1
		}
		if got, want := s.ReflectType().NumField(), len(s.Members)+extra; got != want {
			t.Errorf("%s: %v has %d fields, schema %d", path, s.ReflectType(), got, want)
		}
		if s.Payload < -1 || s.Payload >= len(s.Members) {
			t.Errorf("%s: payload index %d", path, s.Payload)
		}
		for i, m := range s.Members {
			if m.Field != i {
				t.Errorf("%s.%s: Field %d, want %d", path, m.Name, m.Field, i)
				continue
			}
			if m.Shape == nil {
				t.Errorf("%s.%s: nil shape", path, m.Name)
				continue
			}
			ft := s.ReflectType().Field(i).Type
			streamingPayload := i == s.Payload && m.Streaming && r != roleNested
			if i == s.Payload && m.Shape.EventStream && r == roleOutput {
				// An event stream payload is the raw body (protocol/eventstream).
				if ft != reflect.TypeFor[io.ReadCloser]() {
					t.Errorf("%s.%s: event stream field type %v, want io.ReadCloser", path, m.Name, ft)
				}
				continue
			}
			if !fieldMatches(m, ft, streamingPayload, r) {
				t.Errorf("%s.%s: field type %v does not fit shape %s (required %v)", path, m.Name, ft, m.Shape.Name, m.Required)
			}
			checkShape(t, path+"."+m.Name, m.Shape, seen, roleNested)
		}
	case protocol.TypeList:
		if s.Member == nil || s.Member.Field != -1 {
			t.Errorf("%s: list %s element %+v", path, s.Name, s.Member)
			return
		}
		checkShape(t, path+"[]", s.Member.Shape, seen, roleNested)
	case protocol.TypeMap:
		if s.Key == nil || s.Value == nil {
			t.Errorf("%s: map %s without key or value", path, s.Name)
			return
		}
		checkShape(t, path+"{key}", s.Key.Shape, seen, roleNested)
		checkShape(t, path+"{}", s.Value.Shape, seen, roleNested)
	}
}

// matches reports whether t is the Go type of values of s (list
// elements, map values, required scalars).
func matches(s *protocol.Shape, t reflect.Type) bool {
	switch s.Type {
	case protocol.TypeStructure:
		return t == s.ReflectType()
	case protocol.TypeList:
		return t.Kind() == reflect.Slice && matches(s.Member.Shape, t.Elem())
	case protocol.TypeMap:
		return t.Kind() == reflect.Map && t.Key() == reflect.TypeFor[string]() && matches(s.Value.Shape, t.Elem())
	case protocol.TypeString, protocol.TypeBigInteger, protocol.TypeBigDecimal:
		return t.Kind() == reflect.String
	case protocol.TypeBlob:
		return t == reflect.TypeFor[[]byte]()
	case protocol.TypeBoolean:
		return t == reflect.TypeFor[bool]()
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger:
		return t == reflect.TypeFor[int32]()
	case protocol.TypeLong:
		return t == reflect.TypeFor[int64]()
	case protocol.TypeFloat:
		return t == reflect.TypeFor[float32]()
	case protocol.TypeDouble:
		return t == reflect.TypeFor[float64]()
	case protocol.TypeTimestamp:
		return t == reflect.TypeFor[time.Time]()
	}
	return false
}

// fieldMatches reports whether a member's field has the type the contract
// gives it: structures by pointer; lists, maps and blobs by value; other
// scalars by pointer unless required; a streaming payload as a reader.
func fieldMatches(m protocol.Member, ft reflect.Type, streamingPayload bool, r role) bool {
	if streamingPayload {
		if r == roleOutput {
			return ft == reflect.TypeFor[io.ReadCloser]()
		}
		return ft == reflect.TypeFor[io.Reader]()
	}
	switch m.Shape.Type {
	case protocol.TypeStructure:
		return ft.Kind() == reflect.Pointer && matches(m.Shape, ft.Elem())
	case protocol.TypeList, protocol.TypeMap, protocol.TypeBlob:
		return matches(m.Shape, ft)
	}
	if m.Required {
		return matches(m.Shape, ft)
	}
	return ft.Kind() == reflect.Pointer && matches(m.Shape, ft.Elem())
}
