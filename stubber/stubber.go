package stubber

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/protocol"
)

// Options configure a Stubber.
type Options struct {
	// AnyOrder lets a call take any pending expectation of its operation
	// whose input matches (the first queued), for code that calls
	// concurrently. By default, as botocore's Stubber, each call must be
	// the next one queued.
	AnyOrder bool
}

// InAnyOrder sets Options.AnyOrder: stubber.New(stubber.InAnyOrder).
func InAnyOrder(o *Options) { o.AnyOrder = true }

// Stubber answers the calls of the clients it is given to from a queue of
// expected calls: botocore's Stubber, for every generated client. Give it to
// a client through its Options (o.Stubber = st) or the goto3.Config the
// client is made from (Config); queue calls with AddResponse and AddError;
// check with AssertNoPending that every queued call was made.
//
// The zero value is ready to use, in order. A Stubber is safe for
// concurrent use, and may answer several clients (of several services) at
// once.
type Stubber struct {
	opts Options
	t    TB // NewT's, which a bad expectation fails at once

	mu      sync.Mutex
	queue   []*expectation // pending, in the order queued
	added   int            // expectations queued so far
	refused []error
}

// expectation is one queued call.
type expectation struct {
	n         int // 1 for the first queued
	operation string
	input     any   // nil (not checked), a Matcher, or the expected input
	output    any   // the response (nil: an empty output)
	err       error // the error answer, instead of output
}

// New returns a Stubber with optFns applied to its Options.
func New(optFns ...func(*Options)) *Stubber {
	s := &Stubber{}
	for _, f := range optFns {
		f(&s.opts)
	}
	return s
}

// TB is the part of testing.TB that NewT uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// NewT returns a Stubber (New(optFns...)) that reports, when the test t
// ends, the expected calls that were not made and the calls it refused
// (see AssertNoPending and Refused), as test errors; an expectation that
// cannot be queued fails t at once (t.Fatalf) instead of panicking.
func NewT(t TB, optFns ...func(*Options)) *Stubber {
	s := New(optFns...)
	s.t = t
	t.Cleanup(func() {
		t.Helper()
		if err := s.AssertNoPending(); err != nil {
			t.Errorf("%v", err)
		} else if r := s.Refused(); len(r) > 0 {
			t.Errorf("stubber: %s", refusedText(r))
		}
	})
	return s
}

// Config returns a goto3.Config for clients that s answers: region
// us-east-1, made-up static credentials (so that presigning works
// offline) and Stubber s.
//
//	client, err := s3.New(st.Config())
func (s *Stubber) Config() goto3.Config {
	return goto3.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStatic("AKIDSTUBBEREXAMPLE", "stubber/secret/EXAMPLEKEY", ""),
		Stubber:     s,
	}
}

// AddResponse queues a successful call of operation (its name in the model,
// as the client's method: "GetObject"), answered with out: a pointer to the
// operation's output struct (such as *s3.GetObjectOutput), or nil for the
// zero output, taken as it is (a typed empty one is checked, and refused
// when the shape has required members). It is botocore's add_response.
//
// in is what the call's input must be: nil for any input; a pointer to the
// operation's input struct, compared deeply with the call's (a mismatch is
// refused with the differences); or a Matcher (Ignore, Match, Any).
//
// The types are checked when the call is queued, as botocore's
// add_response checks the response: out must be the operation's output
// type (<operation>Output), in its input type (<operation>Input), both of
// one service; a mistake panics with an *Error naming the types (with
// NewT, it fails the test). The rest of the output shape (required
// members, unions) is checked when the call takes it, when the operation's
// schema is at hand: a response that does not fit refuses the call. Its
// ResultMetadata is kept, with status 200 and one attempt when unset. The
// caller receives a shallow copy of *out; a nil streaming body becomes an
// empty one, as a real answer always has a body.
func (s *Stubber) AddResponse(operation string, in, out any) {
	if s.t != nil {
		s.t.Helper()
	}
	s.add(&expectation{operation: operation, input: in, output: out}, "AddResponse")
}

// AddError queues a call of operation that fails with err: botocore's
// add_client_error. in is as for AddResponse.
//
// A *goto3.APIError is an error answer of the service, and surfaces as a
// real one does: a new *goto3.APIError for the operation called, after one
// attempt, wrapped in the call's *goto3.OperationError, with err's Code,
// Message, StatusCode, RequestID, HostID and Header. Its Modeled is the
// service's modelled error of the code, which errors.As finds
// (*s3.NoSuchKey): err.Modeled when set (botocore's modeled_fields: it must
// be a modelled error of the service and fit its shape; Code then defaults
// to its code, and may differ from it as a query-compatible service's
// does: SQS's "AWS.SimpleQueueService.NonExistentQueue" with
// *sqs.QueueDoesNotExist), else a zero value of the code's type. A string
// member Message (or message) left unset takes Message, as a real answer's
// body fills it. StatusCode 0 is the modelled error's status in the model,
// else 400 (botocore's default); with neither Code nor Message they are the
// status and its text, as the codecs make them. Nothing is retried,
// whatever the code.
//
// Any other error is returned as it is (in the *goto3.OperationError): a
// network error, context.DeadlineExceeded, ...
//
// As with AddResponse, the types (of in and Modeled) are checked when the
// call is queued, and Modeled's shape when the call takes it; a nil err
// panics (with NewT, fails the test).
func (s *Stubber) AddError(operation string, in any, err error) {
	if s.t != nil {
		s.t.Helper()
	}
	s.add(&expectation{operation: operation, input: in, err: err}, "AddError")
}

func (s *Stubber) add(e *expectation, method string) {
	if err := e.check(method); err != nil {
		if s.t != nil {
			s.t.Helper()
			s.t.Fatalf("%v", err)
			return
		}
		panic(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.added++
	e.n = s.added
	s.queue = append(s.queue, e)
}

// AssertNoPending returns nil when every queued call was made, else an
// *Error (Kind Pending) naming those that were not, and the calls refused
// meanwhile (see Refused): botocore's assert_no_pending_responses.
func (s *Stubber) AssertNoPending() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) == 0 {
		return nil
	}
	var b strings.Builder
	if len(s.queue) == 1 {
		b.WriteString("1 expected call was not made: ")
	} else {
		fmt.Fprintf(&b, "%d expected calls were not made: ", len(s.queue))
	}
	for i, e := range s.queue {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e.String())
	}
	if len(s.refused) > 0 {
		b.WriteString("; ")
		b.WriteString(refusedText(s.refused))
	}
	return &Error{Kind: Pending, Detail: b.String()}
}

// Pending returns the number of queued calls not made yet.
func (s *Stubber) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Refused returns the errors of the calls s refused so far, in order (each
// a *goto3.OperationError wrapping an *Error, as the call returned it), for
// tests whose code under test may swallow them.
func (s *Stubber) Refused() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.refused...)
}

func refusedText(r []error) string {
	var b strings.Builder
	if len(r) == 1 {
		b.WriteString("1 call was refused:")
	} else {
		fmt.Fprintf(&b, "%d calls were refused:", len(r))
	}
	for i, err := range r {
		if i == 3 {
			fmt.Fprintf(&b, "\n\t... and %d more", len(r)-i)
			break
		}
		b.WriteString("\n\t")
		b.WriteString(strings.ReplaceAll(err.Error(), "\n", "\n\t"))
	}
	return b.String()
}

// String describes the expectation: "#2 GetObject (s3)".
func (e *expectation) String() string {
	s := "#" + strconv.Itoa(e.n) + " " + e.operation
	if p := e.pkg(); p != "" {
		s += " (" + p + ")"
	}
	return s
}

// pkg is the package name of the expectation's types (see types), "" when
// it has none.
func (e *expectation) pkg() string {
	if ts := e.types(); len(ts) > 0 {
		return pkgName(ts[0])
	}
	return ""
}

// types are the struct types of the expectation's output, input and
// modelled error, those it has (all of one package: see check).
func (e *expectation) types() []reflect.Type {
	var ts []reflect.Type
	for _, v := range []any{e.output, e.input} {
		if t := typeOf(v); t != nil {
			ts = append(ts, t)
		}
	}
	if api, ok := e.err.(*goto3.APIError); ok && api.Modeled != nil {
		if t := reflect.TypeOf(api.Modeled); t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
			ts = append(ts, t.Elem())
		}
	}
	return ts
}

// typeOf is the struct type v is or points to, nil for nil, a Matcher, an
// error or another kind.
func typeOf(v any) reflect.Type {
	switch v.(type) {
	case nil, Matcher, error:
		return nil
	}
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	return t
}

// StubCall answers one call of a client s was given to (goto3.Stubber).
func (s *Stubber) StubCall(ctx context.Context, call *goto3.StubCall) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.match(call)
	if err == nil {
		err = s.queue[i].answer(call)
		if _, refused := err.(*Error); !refused {
			s.queue = append(s.queue[:i], s.queue[i+1:]...)
			return err
		}
	}
	op := call.Operation
	svc := ""
	if op.Service != nil {
		svc = op.Service.ID
	}
	s.refused = append(s.refused, &goto3.OperationError{Service: svc, Operation: op.Name, Err: err})
	return err
}

// match finds the expectation that answers call: the next one, or in any
// order the first of its operation whose input matches.
func (s *Stubber) match(call *goto3.StubCall) (int, error) {
	name := call.Operation.Name
	if len(s.queue) == 0 {
		return 0, &Error{Kind: Unexpected, Operation: name,
			Detail: "unexpected call of " + name + ": no call is expected (it was not queued, or was made more times than queued)"}
	}
	if !s.opts.AnyOrder {
		e := s.queue[0]
		if !e.sameOperation(call) {
			return 0, &Error{Kind: WrongOperation, Operation: name,
				Detail: "operation mismatch: called " + describeCall(call) + ", the next expected call is " + e.String()}
		}
		if d := e.matchInput(call.Input); d != "" {
			return 0, &Error{Kind: InputMismatch, Operation: name,
				Detail: "the input of " + name + " differs from expected call " + e.String() + ":\n\t" + strings.ReplaceAll(d, "\n", "\n\t")}
		}
		return 0, nil
	}
	var diffs []string
	for i, e := range s.queue {
		if !e.sameOperation(call) {
			continue
		}
		d := e.matchInput(call.Input)
		if d == "" {
			return i, nil
		}
		diffs = append(diffs, e.String()+":\n\t"+strings.ReplaceAll(d, "\n", "\n\t"))
	}
	if len(diffs) == 0 {
		var pend []string
		for _, e := range s.queue {
			pend = append(pend, e.String())
		}
		return 0, &Error{Kind: Unexpected, Operation: name,
			Detail: "unexpected call of " + describeCall(call) + ": no pending expected call is one (pending: " + strings.Join(pend, ", ") + ")"}
	}
	return 0, &Error{Kind: InputMismatch, Operation: name,
		Detail: "the input of " + name + " matches no pending expected call of it:\n" + strings.Join(diffs, "\n")}
}

func describeCall(call *goto3.StubCall) string {
	if call.Operation.Service != nil {
		return call.Operation.Service.ID + " " + call.Operation.Name
	}
	return call.Operation.Name
}

// sameOperation reports whether e is a call of call's operation: the same
// name, and, when e's input, output or modelled error has a type, one of
// the operation's package (which tells apart services sharing a Stubber).
func (e *expectation) sameOperation(call *goto3.StubCall) bool {
	if e.operation != call.Operation.Name {
		return false
	}
	if t := typeOf(call.Output); t != nil {
		for _, et := range e.types() {
			if et.PkgPath() != t.PkgPath() {
				return false
			}
		}
	}
	return true
}

// matchInput compares the call's input with the expectation's: "" when it
// matches, else what differs.
func (e *expectation) matchInput(in any) string {
	switch want := e.input.(type) {
	case nil:
		return ""
	case Matcher:
		if err := want.Match(in); err != nil {
			return err.Error()
		}
		return ""
	}
	if v := reflect.ValueOf(e.input); v.Kind() == reflect.Pointer && v.IsNil() {
		return ""
	}
	return diffInputs(e.input, in, nil)
}

// answer fills call's output from the expectation, or returns its error.
// An answer that does not fit the operation is an *Error.
func (e *expectation) answer(call *goto3.StubCall) error {
	op := call.Operation
	if e.err != nil {
		return serviceError(op, e.err, e)
	}
	outV := reflect.ValueOf(call.Output)
	if outV.Kind() != reflect.Pointer || outV.IsNil() {
		return nil
	}
	dst := outV.Elem()
	if e.output != nil {
		v := reflect.ValueOf(e.output)
		if v.Kind() == reflect.Pointer && v.Type().Elem() == dst.Type() {
			if v.IsNil() {
				v = reflect.Value{}
			} else {
				v = v.Elem()
			}
		}
		if v.IsValid() {
			if v.Type() != dst.Type() {
				hint := ""
				if _, ok := e.output.(error); ok {
					hint = " (AddError queues an error)"
				}
				return &Error{Kind: InvalidResponse, Operation: op.Name,
					Detail: fmt.Sprintf("expected call %s: the response is %T, %s returns *%s%s", e, e.output, op.Name, dst.Type(), hint)}
			}
			dst.Set(v)
			fillStreams(op, dst) // before the check: a required stream is always there
			if op.Output != nil {
				if err := checkStruct(op.Output, dst, "", 0); err != nil {
					dst.SetZero()
					return &Error{Kind: InvalidResponse, Operation: op.Name,
						Detail: "expected call " + e.String() + ": the response does not fit " + op.Name + "'s output shape: " + err.Error()}
				}
			}
		}
	}
	fillStreams(op, dst)
	if md := call.Metadata; md != nil {
		if md.StatusCode == 0 {
			md.StatusCode = http.StatusOK
		}
		if md.Attempts == 0 {
			md.Attempts = 1
		}
	}
	return nil
}

// fillStreams sets the nil streaming body or event stream of an output to
// an empty one: a real answer always has one.
func fillStreams(op *protocol.Operation, dst reflect.Value) {
	sh := op.Output
	if sh == nil {
		return
	}
	for i := range sh.Members {
		m := &sh.Members[i]
		if m.Shape == nil || !(m.Streaming || m.Shape.Streaming || m.Shape.EventStream) || m.Field < 0 || m.Field >= dst.NumField() {
			continue
		}
		f := dst.Field(m.Field)
		if f.Kind() == reflect.Interface && f.IsNil() && reflect.TypeOf(http.NoBody).AssignableTo(f.Type()) {
			f.Set(reflect.ValueOf(http.NoBody))
		}
	}
}

// serviceError is the error of an expectation's AddError, for op.
func serviceError(op *protocol.Operation, err error, e *expectation) error {
	given, ok := err.(*goto3.APIError)
	if !ok {
		return err
	}
	api := &goto3.APIError{
		Code:       given.Code,
		Message:    given.Message,
		StatusCode: given.StatusCode,
		RequestID:  given.RequestID,
		HostID:     given.HostID,
		Operation:  op.Name,
		Attempts:   1,
		Header:     given.Header,
	}
	var sh *protocol.Shape
	if given.Modeled != nil {
		mv := reflect.ValueOf(given.Modeled)
		if sh = errorShapeOf(op, mv.Type()); sh == nil {
			return &Error{Kind: InvalidResponse, Operation: op.Name,
				Detail: fmt.Sprintf("expected call %s: Modeled is %T, not a modelled error of %s", e, given.Modeled, serviceID(op))}
		}
		if mv.IsNil() {
			return &Error{Kind: InvalidResponse, Operation: op.Name,
				Detail: fmt.Sprintf("expected call %s: Modeled is a nil %T", e, given.Modeled)}
		}
		if err := checkStruct(sh, mv.Elem(), "", 0); err != nil {
			return &Error{Kind: InvalidResponse, Operation: op.Name,
				Detail: "expected call " + e.String() + ": Modeled does not fit the shape of " + sh.Name + ": " + err.Error()}
		}
		if api.Code == "" {
			api.Code = sh.ErrorCode
		}
	} else if api.Code != "" {
		sh = op.ErrorShape(api.Code)
	}
	if api.StatusCode == 0 {
		api.StatusCode = http.StatusBadRequest
		if sh != nil && sh.HTTPStatus != 0 {
			api.StatusCode = sh.HTTPStatus
		}
	}
	if api.Code == "" && api.Message == "" {
		api.Code, api.Message = strconv.Itoa(api.StatusCode), http.StatusText(api.StatusCode)
	} else if api.Code == "" {
		api.Code = strconv.Itoa(api.StatusCode)
	}
	var gt reflect.Type
	if sh != nil {
		gt = sh.ReflectType()
	}
	if gt != nil && gt.Kind() == reflect.Struct {
		p := reflect.New(gt)
		if given.Modeled != nil {
			p.Elem().Set(reflect.ValueOf(given.Modeled).Elem())
		}
		fillMessage(sh, p.Elem(), api.Message)
		if m, ok := p.Interface().(error); ok {
			api.Modeled = m
		}
	}
	return api
}

// fillMessage sets the unset string member Message (or message) of the
// modelled error v to msg, as the codecs fill it from the error document.
func fillMessage(sh *protocol.Shape, v reflect.Value, msg string) {
	if msg == "" {
		return
	}
	for i := range sh.Members {
		m := &sh.Members[i]
		if !strings.EqualFold(m.Name, "message") || m.Field < 0 || m.Field >= v.NumField() {
			continue
		}
		f := v.Field(m.Field)
		switch {
		case f.Kind() == reflect.String && f.Len() == 0:
			f.SetString(msg)
		case f.Kind() == reflect.Pointer && f.IsNil() && f.Type().Elem().Kind() == reflect.String:
			p := reflect.New(f.Type().Elem())
			p.Elem().SetString(msg)
			f.Set(p)
		}
	}
}

// errorShapeOf returns the modelled error shape of op (or of its service)
// whose Go type t points to, or nil.
func errorShapeOf(op *protocol.Operation, t reflect.Type) *protocol.Shape {
	if t.Kind() != reflect.Pointer {
		return nil
	}
	lists := [][]*protocol.Shape{op.Errors}
	if op.Service != nil {
		lists = append(lists, op.Service.Errors)
	}
	for _, l := range lists {
		for _, sh := range l {
			if sh != nil && sh.ReflectType() == t.Elem() {
				return sh
			}
		}
	}
	return nil
}

func serviceID(op *protocol.Operation) string {
	if op.Service != nil {
		return op.Service.ID
	}
	return "the service"
}

// Kind says what a refused call did wrong.
type Kind int

// The kinds of Error, with botocore's exception for each.
const (
	// Unexpected is a call when none of its operation is expected
	// (UnStubbedResponseError).
	Unexpected Kind = iota + 1
	// WrongOperation is a call of another operation than the next expected
	// one (StubResponseError, "Operation mismatch").
	WrongOperation
	// InputMismatch is a call whose input is not the expected one
	// (StubAssertionError).
	InputMismatch
	// InvalidResponse is a queued answer that does not fit the operation
	// (ParamValidationError when botocore's add_response checks it): when
	// queued, a response or modelled error of the wrong type; when called,
	// one that does not fit the operation's shape.
	InvalidResponse
	// Pending is AssertNoPending's: queued calls were not made
	// (AssertionError).
	Pending
	// InvalidInput is an expected input queued that is not the operation's
	// input type.
	InvalidInput
)

func (k Kind) String() string {
	switch k {
	case Unexpected:
		return "unexpected call"
	case WrongOperation:
		return "wrong operation"
	case InputMismatch:
		return "input mismatch"
	case InvalidResponse:
		return "invalid response"
	case Pending:
		return "pending calls"
	case InvalidInput:
		return "invalid input"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Error is a call a Stubber refused (returned by the call, inside its
// *goto3.OperationError), AssertNoPending's report, or an expectation that
// cannot be queued (what AddResponse and AddError panic with). A refused
// call takes no expectation: the one it was compared with stays queued.
type Error struct {
	Kind Kind
	// Operation is the operation called or queued ("" for Pending).
	Operation string
	// Detail says what is wrong; for an input, each difference on a line
	// of its own: "Key: got "b.txt", want "a.txt"".
	Detail string
}

func (e *Error) Error() string { return "stubber: " + e.Detail }

// check returns an *Error when e cannot be queued by method (AddResponse or
// AddError): no operation name, no error, or an input, output or modelled
// error that is not of the operation's Go types. Generated services name
// an operation's input and output types <operation>Input and
// <operation>Output.
func (e *expectation) check(method string) error {
	op := e.operation
	call := method + "(" + strconv.Quote(op) + ")"
	bad := func(k Kind, format string, args ...any) error {
		return &Error{Kind: k, Operation: op, Detail: call + ": " + fmt.Sprintf(format, args...)}
	}
	if op == "" {
		return &Error{Kind: InvalidResponse, Detail: method + " without an operation name"}
	}
	var typed []reflect.Type // the struct types given, to be of one package
	switch in := e.input.(type) {
	case nil, Matcher:
	default:
		t := reflect.TypeOf(in)
		if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return bad(InvalidInput, "the expected input is a %T, not a pointer to the operation's input struct (*%sInput), nil or a Matcher", in, op)
		}
		if t.Elem().Name() != op+"Input" {
			return bad(InvalidInput, "the expected input is %s, %s takes *%s.%sInput", t, op, pkgName(t.Elem()), op)
		}
		typed = append(typed, t.Elem())
	}
	if e.err == nil && method == "AddError" {
		return bad(InvalidResponse, "a nil error")
	}
	if e.output != nil {
		t := reflect.TypeOf(e.output)
		if _, ok := e.output.(error); ok {
			return bad(InvalidResponse, "the response is a %T, an error: AddError queues an error", e.output)
		}
		if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return bad(InvalidResponse, "the response is a %T, not a pointer to the operation's output struct (*%sOutput)", e.output, op)
		}
		if t.Elem().Name() != op+"Output" {
			return bad(InvalidResponse, "the response is %s, %s returns *%s.%sOutput", t, op, pkgName(t.Elem()), op)
		}
		typed = append(typed, t.Elem())
	}
	if api, ok := e.err.(*goto3.APIError); ok && api.Modeled != nil {
		v := reflect.ValueOf(api.Modeled)
		if v.Kind() != reflect.Pointer || v.Type().Elem().Kind() != reflect.Struct {
			return bad(InvalidResponse, "Modeled is a %T, not a modelled error of the service (a pointer to its struct)", api.Modeled)
		}
		if v.IsNil() {
			return bad(InvalidResponse, "Modeled is a nil %T", api.Modeled)
		}
		typed = append(typed, v.Type().Elem())
	}
	for _, t := range typed[min(1, len(typed)):] {
		if t.PkgPath() != typed[0].PkgPath() {
			return bad(InvalidResponse, "%s and %s are types of two services", typed[0], t)
		}
	}
	return nil
}

// pkgName is the name of the package of t (the last element of its path).
func pkgName(t reflect.Type) string {
	p := t.PkgPath()
	return p[strings.LastIndexByte(p, '/')+1:]
}
