package paginator

import (
	"github.com/goto3/goto3"

	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/goto3/goto3/internal/jmespath"
)

// Spec is one paginator of a model (paginators-1.json). Generated code
// declares Specs as package variables; the expressions are compiled on
// first use.
type Spec struct {
	// InputTokens are input members; OutputTokens the JMESPath expressions
	// on the output giving their next values, pairwise.
	InputTokens  []string
	OutputTokens []string
	// MoreResults, when set, is an expression on the output that is false
	// on the last page (S3's IsTruncated).
	MoreResults string
	// LimitKey is the input member that sets the page size, when the
	// operation has one.
	LimitKey string
	// ResultKeys are the output members holding the page's items.
	ResultKeys []string

	once sync.Once
	outs []*jmespath.Expr
	more *jmespath.Expr
	err  error
}

func (s *Spec) compile() error {
	s.once.Do(func() {
		if len(s.InputTokens) != len(s.OutputTokens) || len(s.InputTokens) == 0 {
			s.err = fmt.Errorf("paginator: %d input tokens for %d output tokens", len(s.InputTokens), len(s.OutputTokens))
			return
		}
		for _, o := range s.OutputTokens {
			e, err := jmespath.Compile(o)
			if err != nil {
				s.err = fmt.Errorf("paginator: %w", err)
				return
			}
			s.outs = append(s.outs, e)
		}
		if s.MoreResults != "" {
			s.more, s.err = jmespath.Compile(s.MoreResults)
		}
	})
	return s.err
}

// Fetch returns the goto3.PageFunc of a paginated operation: each page is
// call with a copy of in whose input tokens are set from the tokens it is
// given (left as in has them for the first page), and whose LimitKey member
// is set to the page size asked for. The next tokens are the output tokens
// of the page; there are none (the last page) when MoreResults is false
// or when they are all null or empty. Tokens that repeat the ones just
// sent are a *goto3.PaginationError, as in botocore, returned with the
// page (which the Paginator yields first), as is a token expression that
// fails on the page.
//
// In and Out are pointers to the operation's input and output structs.
// The work is done by non-generic code, so that the generated paginators
// of a service share it instead of each compiling its own.
func Fetch[In, Out any](spec *Spec, in In, call func(context.Context, In) (Out, error)) goto3.PageFunc[Out] {
	return func(ctx context.Context, tokens []any, pageSize int) (Out, []any, error) {
		var zero Out
		cur, err := spec.input(in, tokens, pageSize)
		if err != nil {
			return zero, nil, err
		}
		out, err := call(ctx, cur.(In))
		if err != nil {
			return zero, nil, err
		}
		next, err := spec.next(out, tokens)
		return out, next, err
	}
}

// input returns a copy of in (a pointer to a struct; nil: a zero one)
// with the input tokens and the page size set. A copy per page, so that
// pages already handed out keep referring to the input they were made
// with.
func (spec *Spec) input(in any, tokens []any, pageSize int) (any, error) {
	if err := spec.compile(); err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(in)
	if rv.Kind() != reflect.Pointer || rv.Type().Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("paginator: input is a %T, want a pointer to a struct", in)
	}
	cur := reflect.New(rv.Type().Elem())
	if !rv.IsNil() {
		cur.Elem().Set(rv.Elem())
	}
	c := cur.Interface()
	if tokens != nil {
		for i, name := range spec.InputTokens {
			var v any
			if i < len(tokens) {
				v = tokens[i]
			}
			if err := setMember(c, name, v); err != nil {
				return nil, err
			}
		}
	}
	if pageSize > 0 {
		if spec.LimitKey == "" {
			return nil, errors.New("paginator: PageSize is set but the operation has no page size member")
		}
		if err := setMember(c, spec.LimitKey, int64(pageSize)); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// next returns the tokens of the page after out, fetched with tokens.
func (spec *Spec) next(out any, tokens []any) ([]any, error) {
	if spec.more != nil {
		more, err := spec.more.Search(out)
		if err != nil {
			return nil, fmt.Errorf("paginator: %w", err)
		}
		if !truthy(more) {
			return nil, nil
		}
	}
	next := make([]any, len(spec.outs))
	empty := true
	for i, e := range spec.outs {
		v, err := e.Search(out)
		if err != nil {
			return nil, fmt.Errorf("paginator: %w", err)
		}
		// An empty string, object or list is no token, as botocore's
		// truthiness test makes it (a Go nil map, such as DynamoDB's
		// LastEvaluatedKey after the last page, is an empty object).
		switch x := plainToken(v, 0).(type) {
		case string:
			if v = x; x == "" {
				v = nil
			}
		case map[string]any:
			if v = x; len(x) == 0 {
				v = nil
			}
		case []any:
			if v = x; len(x) == 0 {
				v = nil
			}
		default:
			v = x
		}
		next[i] = v
		empty = empty && v == nil
	}
	if empty {
		return nil, nil
	}
	if tokens != nil && jmespath.Equal(next, tokens) {
		return nil, &goto3.PaginationError{Message: fmt.Sprintf("the same next token was received twice: %v", next)}
	}
	return next, nil
}

func truthy(v any) bool {
	switch x := jmespath.Plain(v).(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	}
	return true
}

// setMember sets the input member name of *in (a struct) to v, a plain
// JMESPath value (nil, string, a number: int64, float64 or json.Number,
// bool), converting to the field's type: pointers are allocated, string
// kinds (enums) and number kinds converted (an integer token keeps its
// precision). nil clears the member.
func setMember(in any, name string, v any) error {
	s := reflect.ValueOf(in).Elem()
	f := s.FieldByName(name)
	if !f.IsValid() && name != "" {
		f = s.FieldByName(strings.ToUpper(name[:1]) + name[1:])
	}
	if !f.IsValid() || !f.CanSet() {
		return fmt.Errorf("paginator: input has no member %s", name)
	}
	if v == nil {
		f.SetZero()
		return nil
	}
	t := f.Type()
	target := t
	if t.Kind() == reflect.Pointer {
		target = t.Elem()
	}
	val := reflect.New(target).Elem()
	switch x := v.(type) {
	case string:
		if target.Kind() != reflect.String {
			return fmt.Errorf("paginator: token for %s is a string, the member is %s", name, t)
		}
		val.SetString(x)
	case float64, int64, json.Number:
		if err := setNumber(val, x); err != nil {
			return fmt.Errorf("paginator: token for %s (the member is %s): %w", name, t, err)
		}
	case bool:
		if target.Kind() != reflect.Bool {
			return fmt.Errorf("paginator: token for %s is a boolean, the member is %s", name, t)
		}
		val.SetBool(x)
	case map[string]any, []any:
		// A structured token (DynamoDB's LastEvaluatedKey into
		// ExclusiveStartKey) as jmespath.Plain or a resume token gives
		// it.
		if err := setPlain(val, x, 0); err != nil {
			return fmt.Errorf("paginator: token for %s (the member is %s): %w", name, t, err)
		}
	default:
		rv := reflect.ValueOf(v)
		if !rv.Type().AssignableTo(target) {
			return fmt.Errorf("paginator: token for %s is a %T, the member is %s", name, v, t)
		}
		val.Set(rv)
	}
	if t.Kind() == reflect.Pointer {
		p := reflect.New(target)
		p.Elem().Set(val)
		f.Set(p)
		return nil
	}
	f.Set(val)
	return nil
}

// plainToken converts a token found in an output to a plain JSON-like value
// (jmespath.Plain), as botocore's parsed dicts hold it: a structure's nil
// pointers, lists and maps are absent members, not nulls or empty ones (so
// that a DynamoDB key's AttributeValues keep their one member, and a
// resume token reads as boto3's).
func plainToken(v any, depth int) any {
	switch x := v.(type) {
	case reflect.Value:
		return plainValue(x, depth)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainToken(e, depth+1)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plainToken(e, depth+1)
		}
		return out
	}
	return jmespath.Plain(v)
}

func plainValue(v reflect.Value, depth int) any {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if depth > 64 || !v.IsValid() || !v.CanInterface() {
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType {
			break
		}
		out := map[string]any{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := v.Field(i)
			if !t.Field(i).IsExported() || isNil(f) {
				continue
			}
			out[t.Field(i).Name] = plainValue(f, depth+1)
		}
		return out
	case reflect.Map:
		if v.IsNil() || v.Type().Key().Kind() != reflect.String {
			return nil
		}
		out := make(map[string]any, v.Len())
		it := v.MapRange()
		for it.Next() {
			out[it.Key().String()] = plainValue(it.Value(), depth+1)
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			break
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plainValue(v.Index(i), depth+1)
		}
		return out
	}
	return jmespath.Plain(v.Interface())
}

var timeType = reflect.TypeFor[time.Time]()

func isNil(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// setPlain sets val to the plain JSON-like value v: a map keyed by member
// (Go field) names for a structure, by keys for a map; a list; a string
// (base64 for a blob), a number or a boolean; a []byte or time.Time as it
// is. nil leaves the zero value.
func setPlain(val reflect.Value, v any, depth int) error {
	if depth > 64 {
		return errors.New("the token is nested too deeply")
	}
	if v == nil {
		return nil
	}
	if rv := reflect.ValueOf(v); rv.Type().AssignableTo(val.Type()) {
		val.Set(rv)
		return nil
	}
	if val.Kind() == reflect.Pointer {
		p := reflect.New(val.Type().Elem())
		if err := setPlain(p.Elem(), v, depth+1); err != nil {
			return err
		}
		val.Set(p)
		return nil
	}
	switch x := v.(type) {
	case string:
		switch {
		case val.Kind() == reflect.String:
			val.SetString(x)
		case val.Kind() == reflect.Slice && val.Type().Elem().Kind() == reflect.Uint8:
			b, err := base64.StdEncoding.DecodeString(x)
			if err != nil {
				return fmt.Errorf("a blob that is not base64: %w", err)
			}
			val.SetBytes(b)
		default:
			return fmt.Errorf("a string for a %s", val.Type())
		}
	case float64, int64, json.Number:
		return setNumber(val, x)
	case bool:
		if val.Kind() != reflect.Bool {
			return fmt.Errorf("a boolean for a %s", val.Type())
		}
		val.SetBool(x)
	case []any:
		if val.Kind() != reflect.Slice {
			return fmt.Errorf("a list for a %s", val.Type())
		}
		l := reflect.MakeSlice(val.Type(), len(x), len(x))
		for i, e := range x {
			if err := setPlain(l.Index(i), e, depth+1); err != nil {
				return fmt.Errorf("[%d]: %w", i, err)
			}
		}
		val.Set(l)
	case map[string]any:
		switch {
		case val.Kind() == reflect.Map && val.Type().Key().Kind() == reflect.String:
			m := reflect.MakeMapWithSize(val.Type(), len(x))
			for k, e := range x {
				ev := reflect.New(val.Type().Elem()).Elem()
				if err := setPlain(ev, e, depth+1); err != nil {
					return fmt.Errorf("[%q]: %w", k, err)
				}
				m.SetMapIndex(reflect.ValueOf(k).Convert(val.Type().Key()), ev)
			}
			val.Set(m)
		case val.Kind() == reflect.Struct:
			for k, e := range x {
				f := val.FieldByName(k)
				if !f.IsValid() && k != "" {
					f = val.FieldByName(strings.ToUpper(k[:1]) + k[1:])
				}
				if !f.IsValid() || !f.CanSet() {
					return fmt.Errorf("%s has no member %s", val.Type(), k)
				}
				if err := setPlain(f, e, depth+1); err != nil {
					return fmt.Errorf("%s: %w", k, err)
				}
			}
		default:
			return fmt.Errorf("an object for a %s", val.Type())
		}
	default:
		return fmt.Errorf("a %T for a %s", v, val.Type())
	}
	return nil
}

// setNumber sets val, a number kind, to the number v: an integer exactly,
// a float64 (or a json.Number that is not an integer) only into a float
// kind or, when it is whole, an integer kind.
func setNumber(val reflect.Value, v any) error {
	var (
		i     int64
		f     float64
		isInt bool
	)
	switch x := v.(type) {
	case int64:
		i, f, isInt = x, float64(x), true
	case float64:
		f = x
	case json.Number:
		var err error
		if i, err = x.Int64(); err == nil {
			f, isInt = float64(i), true
		} else if f, err = x.Float64(); err != nil {
			return fmt.Errorf("bad number %s", x)
		}
	}
	switch val.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !isInt {
			if f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
				return fmt.Errorf("number %v is not an integer", f)
			}
			i = int64(f)
		}
		if val.OverflowInt(i) {
			return fmt.Errorf("number %d overflows", i)
		}
		val.SetInt(i)
	case reflect.Float32, reflect.Float64:
		val.SetFloat(f)
	default:
		return errors.New("the token is a number")
	}
	return nil
}
