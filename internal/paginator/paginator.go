package paginator

import (
	"github.com/goto3/goto3"

	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"

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
		v = jmespath.Plain(v)
		if s, ok := v.(string); ok && s == "" {
			v = nil
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
