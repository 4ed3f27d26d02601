package querytest

import (
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/jmespath"
	"github.com/goto3/goto3/protocol"
)

// CheckService walks the schema of every operation of a generated service
// package and checks it against the generated Go types: every reference
// resolved (no cycle left open), every structure's GoType and field
// indexes right, and every field's Go type the one the contract gives its
// shape. It checks the endpoint bindings too: each context, static context
// and operation context parameter at its name's position in rules (the
// package's rule set, whose parameters are sorted by name) and of its
// type; and the service's error list: every operation's errors are in it,
// each an exception whose Go type reports its code. svc is the package's
// ServiceSchema, s its operations and constructors, wantOps the number of
// operations it must have. The package's tests call it (their schema is
// reachable only from there).
func CheckService(t *testing.T, svc *protocol.Service, s Service, rules *endpoints.RuleSet, wantOps int) {
	t.Helper()
	ops := s.Operations
	if len(ops) != wantOps {
		t.Errorf("got %d operations, want %d", len(ops), wantOps)
	}
	params := rules.Parameters()
	inServiceErrors := map[*protocol.Shape]bool{}
	for _, e := range svc.Errors {
		if inServiceErrors[e] {
			t.Errorf("service error %s listed twice", e.Name)
		}
		inServiceErrors[e] = true
	}
	seen := map[*protocol.Shape]bool{}
	for i, op := range ops {
		if i > 0 && ops[i-1].Name >= op.Name {
			t.Errorf("operations not sorted: %s before %s", ops[i-1].Name, op.Name)
		}
		if op.Service != svc {
			t.Errorf("%s: Service is not ServiceSchema", op.Name)
		}
		in, out := s.NewInput(op.Name), s.NewOutput(op.Name)
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
			checkError(t, op.Name, e)
			if !inServiceErrors[e] {
				t.Errorf("%s: error %s is not in the service's Errors", op.Name, e.Name)
			}
		}
		checkBindings(t, op, params)
	}
	for _, e := range svc.Errors {
		checkShape(t, "service error", e, seen, roleNested)
		checkError(t, "service", e)
		// Any operation finds a service error by its code.
		if len(ops) > 0 {
			if got := ops[0].ErrorShape(e.ErrorCode); got == nil || got.ErrorCode != e.ErrorCode {
				t.Errorf("%s.ErrorShape(%q): got %v, want a shape of that code", ops[0].Name, e.ErrorCode, got)
			}
		}
	}
	if s.NewInput("NoSuchOperation") != nil || s.NewOutput("NoSuchOperation") != nil {
		t.Error("got a value for an unknown operation")
	}
}

// checkError checks a modelled error shape and its Go type.
func checkError(t *testing.T, where string, e *protocol.Shape) {
	t.Helper()
	if !e.Exception || e.ErrorCode == "" {
		t.Errorf("%s: error shape %s: Exception %v, ErrorCode %q", where, e.Name, e.Exception, e.ErrorCode)
	}
	v := reflect.New(e.ReflectType()).Interface()
	coded, ok := v.(interface {
		error
		ErrorCode() string
	})
	if !ok {
		t.Errorf("%s: *%v lacks Error or ErrorCode", where, e.ReflectType())
	} else if coded.ErrorCode() != e.ErrorCode {
		t.Errorf("%s: ErrorCode() %q, schema %q", where, coded.ErrorCode(), e.ErrorCode)
	}
}

// checkBindings checks op's endpoint parameter bindings against the rule
// set's parameters.
func checkBindings(t *testing.T, op *protocol.Operation, params []endpoints.Parameter) {
	t.Helper()
	param := func(kind, name string, pos int) *endpoints.Parameter {
		if pos < 0 || pos >= len(params) || params[pos].Name != name {
			t.Errorf("%s: %s %s at position %d, which is not that parameter", op.Name, kind, name, pos)
			return nil
		}
		return &params[pos]
	}
	for _, cp := range op.ContextParams {
		p := param("context parameter", cp.Name, cp.Param)
		if op.Input == nil || cp.Member < 0 || cp.Member >= len(op.Input.Members) {
			t.Errorf("%s: context parameter %s bound to member %d of %d", op.Name, cp.Name, cp.Member, len(op.Input.Members))
			continue
		}
		if p == nil {
			continue
		}
		m := op.Input.Members[cp.Member]
		if !fitsParam(m.Shape, p.Type) {
			t.Errorf("%s: context parameter %s (%s) bound to member %s of type %v", op.Name, cp.Name, p.Type, m.Name, m.Shape.Type)
		}
	}
	for _, sp := range op.StaticContextParams {
		p := param("static context parameter", sp.Name, sp.Param)
		if p == nil {
			continue
		}
		ok := false
		switch p.Type {
		case "boolean":
			_, ok = sp.Value.(bool)
		case "string":
			_, ok = sp.Value.(string)
		case "stringArray":
			_, ok = sp.Value.([]string)
		}
		if !ok {
			t.Errorf("%s: static context parameter %s (%s) has the value %#v", op.Name, sp.Name, p.Type, sp.Value)
		}
	}
	for _, ocp := range op.OperationContextParams {
		param("operation context parameter", ocp.Name, ocp.Param)
		if _, err := jmespath.Compile(ocp.Path); err != nil {
			t.Errorf("%s: operation context parameter %s: %v", op.Name, ocp.Name, err)
		}
	}
}

// fitsParam reports whether values of sh can feed a rule-set parameter of
// type typ.
func fitsParam(sh *protocol.Shape, typ string) bool {
	switch typ {
	case "string":
		return sh.Type == protocol.TypeString
	case "boolean":
		return sh.Type == protocol.TypeBoolean
	case "stringArray":
		return sh.Type == protocol.TypeList && sh.Member != nil && sh.Member.Shape.Type == protocol.TypeString
	}
	return false
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
