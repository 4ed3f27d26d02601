package waiter

import (
	"github.com/goto3/goto3"

	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
	"time"

	"github.com/goto3/goto3/internal/jmespath"
	"github.com/goto3/goto3/protocol"
)

// State is the state an acceptor moves the waiter to.
type State uint8

const (
	// Retry polls again after a delay.
	Retry State = iota
	// Success ends the wait without error.
	Success
	// Failure ends the wait with a *FailureError.
	Failure
)

func (s State) String() string {
	switch s {
	case Success:
		return "success"
	case Failure:
		return "failure"
	}
	return "retry"
}

// Matcher says what an acceptor looks at.
type Matcher uint8

const (
	// Path compares the result of Argument on the output with Expected.
	Path Matcher = iota
	// PathAll matches when Argument yields a non-empty list whose every
	// element equals Expected.
	PathAll
	// PathAny matches when Argument yields a list with an element equal to
	// Expected.
	PathAny
	// Status compares the HTTP status of the answer (successful or not)
	// with Expected.
	Status
	// Error matches an error whose code (ErrorCode() string) is Expected,
	// or, when Expected is the bool true, any error, and false no error.
	Error
)

// Acceptor is one acceptor of a waiter model.
type Acceptor struct {
	State    State
	Matcher  Matcher
	Argument string // JMESPath expression of the path matchers
	Expected any    // string, bool or number (int or float64)
}

// Spec is one waiter of a model. Generated code declares Specs as package
// variables; the expressions are compiled on first use.
type Spec struct {
	Name        string
	Delay       int // the model's delay in seconds: the default MinDelay
	MaxAttempts int // the model's maxAttempts
	Acceptors   []Acceptor

	once  sync.Once
	exprs []*jmespath.Expr
	err   error
}

func (s *Spec) compile() error {
	s.once.Do(func() {
		s.exprs = make([]*jmespath.Expr, len(s.Acceptors))
		for i, a := range s.Acceptors {
			if a.Matcher > Error || a.State > Failure {
				s.err = fmt.Errorf("waiter: %s: acceptor %d: unknown matcher or state", s.Name, i)
				return
			}
			if a.Matcher <= PathAny {
				if s.exprs[i], s.err = jmespath.Compile(a.Argument); s.err != nil {
					s.err = fmt.Errorf("waiter: %s: %w", s.Name, s.err)
					return
				}
			}
		}
	})
	return s.err
}

// DefaultMaxDelay is the longest delay between attempts when Options give
// none, as the Smithy waiter specification's default.
const DefaultMaxDelay = 120 * time.Second

// Options configure one wait: goto3's WaiterConfig.
type Options = goto3.WaiterConfig

// TimeoutError and FailureError are goto3's waiter errors.
type (
	TimeoutError = goto3.WaiterTimeoutError
	FailureError = goto3.WaiterFailureError
)

// Wait calls call until an acceptor of spec reaches success (nil) or
// failure (*FailureError), attempts or time run out (*TimeoutError), ctx
// ends (an error wrapping ctx.Err()), or an acceptor's expression fails to
// evaluate on an output (an error wrapping the JMESPath error, as botocore
// raises it). call returns the operation's output (a pointer to a
// generated output struct) or its error.
func Wait(ctx context.Context, spec *Spec, o Options, call func(context.Context) (any, error)) error {
	if err := spec.compile(); err != nil {
		return err
	}
	o = withDefaults(o, spec)
	start := o.Now()
	for attempt := 1; ; attempt++ {
		out, err := call(ctx)
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("waiter: %s: %w", spec.Name, cerr)
		}
		i, state, merr := spec.match(out, err)
		switch {
		case merr != nil:
			return fmt.Errorf("waiter: %s: acceptor %d: %w", spec.Name, i, merr)
		case i >= 0 && state == Success:
			return nil
		case i >= 0 && state == Failure:
			return &FailureError{Waiter: spec.Name, Attempts: attempt, Acceptor: i, Err: err}
		case i < 0 && err != nil:
			return &FailureError{Waiter: spec.Name, Attempts: attempt, Acceptor: -1, Err: err}
		}
		elapsed := o.Now().Sub(start)
		if o.MaxAttempts > 0 && attempt >= o.MaxAttempts {
			return &TimeoutError{Waiter: spec.Name, Attempts: attempt, Elapsed: elapsed, Err: err}
		}
		d, ok := delay(o, attempt, o.MaxWait-elapsed)
		if !ok {
			return &TimeoutError{Waiter: spec.Name, Attempts: attempt, Elapsed: elapsed, Err: err}
		}
		if err := o.Sleep(ctx, d); err != nil {
			return fmt.Errorf("waiter: %s: %w", spec.Name, err)
		}
	}
}

func withDefaults(o Options, spec *Spec) Options {
	if o.MinDelay <= 0 {
		o.MinDelay = time.Duration(spec.Delay) * time.Second
		if o.MinDelay <= 0 {
			o.MinDelay = 2 * time.Second
		}
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = DefaultMaxDelay
	}
	if o.MaxDelay < o.MinDelay {
		o.MaxDelay = o.MinDelay
	}
	if o.MaxAttempts == 0 {
		o.MaxAttempts = spec.MaxAttempts
	}
	if o.MaxWait <= 0 {
		n := spec.MaxAttempts
		if n <= 0 {
			n = 1
		}
		o.MaxWait = time.Duration(n) * time.Duration(max(spec.Delay, 1)) * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	return o
}

// delay is the Smithy waiter delay before attempt+1: exponential from
// MinDelay, capped at MaxDelay, with jitter drawn between MinDelay and the
// cap, shortened so that the last attempt still starts with MinDelay left
// of remaining. ok is false when no time is left for another attempt.
func delay(o Options, attempt int, remaining time.Duration) (time.Duration, bool) {
	if remaining <= o.MinDelay {
		return 0, false
	}
	ceiling := math.Log2(float64(o.MaxDelay)/float64(o.MinDelay)) + 1
	d := o.MaxDelay
	if float64(attempt) <= ceiling {
		d = o.MinDelay << (attempt - 1)
		if d > o.MaxDelay || d <= 0 {
			d = o.MaxDelay
		}
	}
	d = o.MinDelay + time.Duration(o.Rand()*float64(d-o.MinDelay))
	if remaining-d <= o.MinDelay {
		d = remaining - o.MinDelay
	}
	return d, true
}

// Stubbed returns o for a wait of a client whose calls a stubber answers
// (stubbed true): unless o has its own Sleep, the delays between attempts
// pass at once on a clock of the wait's own (o.Now, else the time the wait
// starts) that each delay moves forward, so that delays, MaxAttempts and
// MaxWait play out as they would, without the time. Otherwise it returns o
// as it is.
func Stubbed(o Options, stubbed bool) Options {
	if !stubbed || o.Sleep != nil {
		return o
	}
	var (
		mu      sync.Mutex
		base    time.Time
		elapsed time.Duration
	)
	now := o.Now
	if now == nil {
		now = time.Now
	}
	o.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		if base.IsZero() {
			base = now()
		}
		return base.Add(elapsed)
	}
	o.Sleep = func(ctx context.Context, d time.Duration) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		mu.Lock()
		elapsed += d
		mu.Unlock()
		return nil
	}
	return o
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// match returns the index and state of the first acceptor that matches,
// or -1. The error is that of an acceptor's expression that failed to
// evaluate (a function given an argument of the wrong type), with the
// acceptor's index.
func (s *Spec) match(out any, err error) (int, State, error) {
	for i, a := range s.Acceptors {
		ok, merr := s.matches(i, a, out, err)
		if merr != nil {
			return i, Retry, merr
		}
		if ok {
			return i, a.State, nil
		}
	}
	return -1, Retry, nil
}

func (s *Spec) matches(i int, a Acceptor, out any, err error) (bool, error) {
	switch a.Matcher {
	case Status:
		status, ok := statusOf(out, err)
		want, isNum := number(a.Expected)
		return ok && isNum && float64(status) == want, nil
	case Error:
		if b, ok := a.Expected.(bool); ok {
			return (err != nil) == b, nil
		}
		var c interface{ ErrorCode() string }
		return err != nil && errors.As(err, &c) && c.ErrorCode() == a.Expected, nil
	}
	if err != nil || out == nil {
		return false, nil
	}
	got, serr := s.exprs[i].Search(out)
	if serr != nil {
		return false, serr
	}
	switch a.Matcher {
	case Path:
		return jmespath.Equal(got, a.Expected), nil
	case PathAll, PathAny:
		l, ok := jmespath.Plain(got).([]any)
		if !ok || len(l) == 0 {
			return false, nil
		}
		for _, e := range l {
			eq := jmespath.Equal(e, a.Expected)
			if a.Matcher == PathAny && eq {
				return true, nil
			}
			if a.Matcher == PathAll && !eq {
				return false, nil
			}
		}
		return a.Matcher == PathAll, nil
	}
	return false, nil
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

var metadataType = reflect.TypeFor[protocol.ResponseMetadata]()

// statusOf returns the HTTP status of an error (HTTPStatusCode() int) or
// of an output's ResultMetadata.
func statusOf(out any, err error) (int, bool) {
	if err != nil {
		var h interface{ HTTPStatusCode() int }
		if errors.As(err, &h) {
			return h.HTTPStatusCode(), true
		}
		return 0, false
	}
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return 0, false
	}
	f := v.Elem().FieldByName("ResultMetadata")
	if !f.IsValid() || f.Type() != metadataType {
		return 0, false
	}
	md := f.Interface().(protocol.ResponseMetadata)
	if md.StatusCode == 0 {
		return 0, false
	}
	return md.StatusCode, true
}
