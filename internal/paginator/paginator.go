package paginator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
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

// Pages returns the pages of a paginated operation. Each iteration starts
// from a copy of in (in itself is never modified; nil means an empty
// input), calls call with optFns, yields the output, and sets the input
// tokens from the output tokens for the next call. It stops after a page
// whose MoreResults is false, whose tokens are all null or empty, or whose
// tokens equal the ones just sent (a service that repeats a token would
// otherwise loop forever). An error is yielded once, with a nil page, and
// ends the iteration (a call's error, a token expression that fails to
// evaluate, or a token that does not fit its input member); so does the
// consumer breaking out of the loop.
func Pages[In, Out, O any](ctx context.Context, spec *Spec, in *In, call func(context.Context, *In, ...O) (*Out, error), optFns []O) iter.Seq2[*Out, error] {
	return func(yield func(*Out, error) bool) {
		if err := spec.compile(); err != nil {
			yield(nil, err)
			return
		}
		cur := new(In)
		if in != nil {
			*cur = *in
		}
		var sent []any
		for {
			out, err := call(ctx, cur, optFns...)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(out, nil) {
				return
			}
			if spec.more != nil {
				more, err := spec.more.Search(out)
				if err != nil {
					yield(nil, fmt.Errorf("paginator: %w", err))
					return
				}
				if !truthy(more) {
					return
				}
			}
			next := make([]any, len(spec.outs))
			empty := true
			for i, e := range spec.outs {
				v, err := e.Search(out)
				if err != nil {
					yield(nil, fmt.Errorf("paginator: %w", err))
					return
				}
				v = jmespath.Plain(v)
				if s, ok := v.(string); ok && s == "" {
					v = nil
				}
				next[i] = v
				empty = empty && v == nil
			}
			if empty || (sent != nil && jmespath.Equal(next, sent)) {
				return
			}
			// Copy the input again so that pages already yielded keep
			// referring to the input they were made with.
			nextIn := new(In)
			*nextIn = *cur
			for i, name := range spec.InputTokens {
				if err := setMember(nextIn, name, next[i]); err != nil {
					yield(nil, err)
					return
				}
			}
			cur, sent = nextIn, next
		}
	}
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

// Items flattens pages into their items, as selected by get (a result key
// member of the output). An error is yielded once with the zero item and
// ends the iteration.
func Items[Out, T any](pages iter.Seq2[*Out, error], get func(*Out) []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range pages {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range get(page) {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
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
