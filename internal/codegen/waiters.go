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

// Waiters writes api_waiters.go: a waiter.Spec per waiter, a <Name>Waiter
// method returning a *goto3.Waiter and a WaitUntil<Name> method each. It
// returns nil when no waiter's operation is generated. A waiter with an
// acceptor it cannot express is an error in the generated file (it does not
// compile), never silently dropped.
func (g *Generator) Waiters(pkg string) []byte {
	ws := g.waiters()
	if len(ws) == 0 {
		return nil
	}
	var buf bytes.Buffer
	b := &buf
	fmt.Fprintf(b, "package %s\n\nimport (\n\t\"context\"\n\n\t\"github.com/goto3/goto3\"\n\t\"github.com/goto3/goto3/internal/waiter\"\n)\n\n", pkg)
	b.WriteString(`// waitStubbed reports whether a stubber answers the calls a waiter makes
// with optFns: its delays then pass at once (waiter.Stubbed).
func (c *Client) waitStubbed(optFns []func(*Options)) bool {
	o := c.options
	for _, f := range optFns {
		f(&o)
	}
	return o.Stubber != nil
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

		lines := wrap(fmt.Sprintf("%sWaiter returns a waiter that polls %s until the model's %s waiter reaches success (boto3's get_waiter), every %d s at first and backing off, for at most %d attempts; its goto3.WaiterConfig changes that. optFns apply to every call it makes. See goto3.Waiter for the errors.",
			wi.name, wi.oi.name, wi.name, w.Delay, w.MaxAttempts), docWidth, "", "")
		if d := strings.TrimSpace(w.Description); d != "" {
			lines = append(append(lines, ""), wrap(d, docWidth, "", "")...)
		}
		lines = append(append(lines, "", "Acceptors, the first match wins:", ""), docs...)
		writeDoc(b, "", lines)
		fmt.Fprintf(b, `func (c *Client) %sWaiter(optFns ...func(*Options)) *goto3.Waiter[%s] {
	return goto3.NewWaiter(func(ctx context.Context, in *%s, cfg goto3.WaiterConfig) error {
		return waiter.Wait(ctx, &waiter%s, waiter.Stubbed(cfg, c.waitStubbed(optFns)), func(ctx context.Context) (any, error) {
			out, err := c.%s(ctx, in, optFns...)
			if err != nil {
				return nil, err
			}
			return out, nil
		})
	})
}

`, wi.name, wi.oi.inType, wi.oi.inType, wi.name, wi.oi.name)
		writeDoc(b, "", wrap(fmt.Sprintf("WaitUntil%s polls %s with in until the model's %s waiter reaches success, with the model's delays and attempts: c.%sWaiter(optFns...).Wait(ctx, in).", wi.name, wi.oi.name, wi.name, wi.name), docWidth, "", ""))
		fmt.Fprintf(b, "func (c *Client) WaitUntil%s(ctx context.Context, in *%s, optFns ...func(*Options)) error {\n\treturn c.%sWaiter(optFns...).Wait(ctx, in)\n}\n\n",
			wi.name, wi.oi.inType, wi.name)
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
