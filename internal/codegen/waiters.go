package codegen

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

type waiterInfo struct {
	name string
	w    *Waiter
	oi   *opInfo
}

// waiters returns the model's waiters whose operation is generated, by
// name.
func (g *Generator) waiters() []waiterInfo {
	byName := map[string]*opInfo{}
	for _, oi := range g.ops {
		byName[oi.name] = oi
	}
	var out []waiterInfo
	for name, w := range g.api.Waiters {
		if oi := byName[w.Operation]; oi != nil && oi.inType != "" && oi.outType != "" {
			out = append(out, waiterInfo{name: exportedName(name), w: w, oi: oi})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

var (
	waiterStates   = map[string]string{"success": "waiter.Success", "failure": "waiter.Failure", "retry": "waiter.Retry"}
	waiterMatchers = map[string]string{"path": "waiter.Path", "pathAll": "waiter.PathAll", "pathAny": "waiter.PathAny", "status": "waiter.Status", "error": "waiter.Error"}
)

// Waiters writes api_waiters.go: WaiterOptions, a waiter.Spec per waiter
// and a WaitUntil<Name> method each. It returns nil when no waiter's
// operation is generated. A waiter with an acceptor it cannot express is
// an error in the generated file (it does not compile), never silently
// dropped.
func (g *Generator) Waiters(pkg string) []byte {
	ws := g.waiters()
	if len(ws) == 0 {
		return nil
	}
	var buf bytes.Buffer
	b := &buf
	fmt.Fprintf(b, "package %s\n\nimport (\n\t\"context\"\n\n\t\"github.com/goto3/goto3/internal/waiter\"\n)\n\n", pkg)
	b.WriteString(`// WaiterOptions configure one WaitUntil call. The embedded waiter.Options
// hold MinDelay (default: the model's delay), MaxDelay (default 120 s),
// MaxWait (default: the model's delay times maxAttempts), MaxAttempts
// (default: the model's), and the Now, Sleep and Rand functions tests
// replace. ClientOptions apply to every call the waiter makes.
//
// A WaitUntil method returns nil on success; a *WaiterFailureError when an
// acceptor reaches failure or a call fails with an error no acceptor
// expects (the error is wrapped); a *WaiterTimeoutError when attempts or
// MaxWait run out; an error wrapping ctx.Err() when ctx ends.
type WaiterOptions struct {
	waiter.Options
	ClientOptions []func(*Options)
}

// WaiterFailureError and WaiterTimeoutError are the errors of the
// WaitUntil methods, matched with errors.As (the same types in every
// service package).
type (
	WaiterFailureError = waiter.FailureError
	WaiterTimeoutError = waiter.TimeoutError
)

func waitUntil[In, Out any](ctx context.Context, spec *waiter.Spec, in *In, call func(context.Context, *In, ...func(*Options)) (*Out, error), optFns []func(*WaiterOptions)) error {
	var o WaiterOptions
	for _, f := range optFns {
		f(&o)
	}
	return waiter.Wait(ctx, spec, o.Options, func(ctx context.Context) (any, error) {
		out, err := call(ctx, in, o.ClientOptions...)
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}

`)
	for _, wi := range ws {
		w := wi.w
		var accs []string
		var docs []string
		for _, a := range w.Acceptors {
			l := &lit{}
			l.add("State", orBad(waiterStates[a.State], "unknown state "+a.State))
			l.add("Matcher", orBad(waiterMatchers[a.Matcher], "unknown matcher "+a.Matcher))
			l.str("Argument", a.Argument)
			l.add("Expected", goLiteral(a.Expected))
			accs = append(accs, "\t\t{"+l.String()+"},\n")
			docs = append(docs, "  - "+acceptorDoc(a))
		}
		fmt.Fprintf(b, "var waiter%s = waiter.Spec{Name: %q, Delay: %d, MaxAttempts: %d, Acceptors: []waiter.Acceptor{\n%s}}\n\n",
			wi.name, wi.name, w.Delay, w.MaxAttempts, strings.Join(accs, ""))

		lines := wrap(fmt.Sprintf("WaitUntil%s polls %s with in until the model's %s waiter reaches success, every %d s at first and backing off, for at most %d attempts (see WaiterOptions for the errors and limits).",
			wi.name, wi.oi.name, wi.name, w.Delay, w.MaxAttempts), docWidth, "", "")
		if d := strings.TrimSpace(w.Description); d != "" {
			lines = append(append(lines, ""), wrap(d, docWidth, "", "")...)
		}
		lines = append(append(lines, "", "Acceptors, the first match wins:", ""), docs...)
		writeDoc(b, "", lines)
		fmt.Fprintf(b, "func (c *Client) WaitUntil%s(ctx context.Context, in *%s, optFns ...func(*WaiterOptions)) error {\n\treturn waitUntil(ctx, &waiter%s, in, c.%s, optFns)\n}\n\n",
			wi.name, wi.oi.inType, wi.name, wi.oi.name)
	}
	return buf.Bytes()
}

// orBad returns s, or a Go expression that does not compile and says why.
func orBad(s, why string) string {
	if s != "" {
		return s
	}
	return "undefined /* " + why + " */"
}

// goLiteral writes an acceptor's expected JSON value as a Go constant.
func goLiteral(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprintf("undefined /* expected value %v */", v)
}

func acceptorDoc(a Acceptor) string {
	exp := goLiteral(a.Expected)
	switch a.Matcher {
	case "status":
		return fmt.Sprintf("%s when the HTTP status is %s", a.State, exp)
	case "error":
		switch a.Expected {
		case true:
			return fmt.Sprintf("%s on any error", a.State)
		case false:
			return fmt.Sprintf("%s when there is no error", a.State)
		}
		return fmt.Sprintf("%s on the error %s", a.State, exp)
	case "path":
		return fmt.Sprintf("%s when %s is %s", a.State, a.Argument, exp)
	case "pathAll":
		return fmt.Sprintf("%s when every %s is %s", a.State, a.Argument, exp)
	case "pathAny":
		return fmt.Sprintf("%s when any %s is %s", a.State, a.Argument, exp)
	}
	return a.State + " on " + a.Matcher
}
