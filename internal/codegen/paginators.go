package codegen

import (
	"bytes"
	"fmt"
	"strings"
)

// pagedOp is one generated operation with a paginator.
type pagedOp struct {
	oi *opInfo
	p  *Paginator
}

func (g *Generator) pagedOps() []pagedOp {
	var out []pagedOp
	for _, oi := range g.ops {
		if p := g.api.Paginators[oi.name]; p != nil && oi.inType != "" && oi.outType != "" {
			out = append(out, pagedOp{oi, p})
		}
	}
	return out
}

// resultPath is a result key resolved to Go: the field accesses from the
// output to a list member.
type resultPath struct {
	key   string   // the model's result key
	steps []string // Go field names, the last one the list
	elem  string   // the list's element type
}

// access returns a Go expression of the list from o, guarding the pointer
// structs on the way: "o.A.B" with nil checks folded into a func literal
// when the path is nested.
func (r resultPath) getter(outType string) string {
	if len(r.steps) == 1 {
		return fmt.Sprintf("func(o *%s) []%s { return o.%s }", outType, r.elem, r.steps[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "func(o *%s) []%s {\n", outType, r.elem)
	path := "o"
	for _, s := range r.steps[:len(r.steps)-1] {
		path += "." + s
		fmt.Fprintf(&b, "\t\tif %s == nil {\n\t\t\treturn nil\n\t\t}\n", path)
	}
	fmt.Fprintf(&b, "\t\treturn %s.%s\n\t}", path, r.steps[len(r.steps)-1])
	return b.String()
}

// set returns Go statements assigning expr to the list when its parents
// exist.
func (r resultPath) set(expr string) string {
	path := "o"
	var conds []string
	for _, s := range r.steps[:len(r.steps)-1] {
		path += "." + s
		conds = append(conds, path+" != nil")
	}
	stmt := path + "." + r.steps[len(r.steps)-1] + " = " + expr
	if len(conds) == 0 {
		return stmt
	}
	return "if " + strings.Join(conds, " && ") + " {\n\t\t\t" + stmt + "\n\t\t}"
}

// resultPaths resolves the paginator's result keys that are member paths
// ("Contents", "DistributionList.Items") to list members; other keys
// (JMESPath expressions) are left out.
func (g *Generator) resultPaths(po pagedOp) []resultPath {
	var out []resultPath
	for _, key := range po.p.ResultKey {
		si := po.oi.output
		var steps []string
		var elem string
		ok := true
		parts := strings.Split(key, ".")
		for i, part := range parts {
			var f *fieldInfo
			for j := range si.fields {
				if si.fields[j].member == part {
					f = &si.fields[j]
				}
			}
			if f == nil {
				ok = false
				break
			}
			steps = append(steps, f.name)
			if i == len(parts)-1 {
				if !strings.HasPrefix(f.goType, "[]") || f.goType == "[]byte" {
					ok = false
				}
				elem = strings.TrimPrefix(f.goType, "[]")
				break
			}
			next := g.nested[f.ref.Shape]
			if next == nil || !strings.HasPrefix(f.goType, "*") {
				ok = false
				break
			}
			si = next
		}
		if ok {
			out = append(out, resultPath{key: key, steps: steps, elem: elem})
		}
	}
	return out
}

// Paginators writes api_paginators.go: a paginator.Spec per paginated
// operation, an <Op>Paginator method returning a *goto3.Paginator (boto3's
// paginator with PaginationConfig), and the <Op>Pages and <Op>Items
// shortcuts. Items are the elements of the first result key, whatever the
// model names it; a paginator whose first result key is not a list member
// (a JMESPath expression) has items of type struct{} that are always empty
// and no Items shortcut. It returns nil when no generated operation is
// paginated.
func (g *Generator) Paginators(pkg string) []byte {
	ops := g.pagedOps()
	if len(ops) == 0 {
		return nil
	}
	var buf bytes.Buffer
	b := &buf
	fmt.Fprintf(b, "package %s\n\nimport (\n\t\"context\"\n\t\"iter\"\n\n\t\"github.com/goto3/goto3\"\n\t\"github.com/goto3/goto3/internal/paginator\"\n)\n\n", pkg)
	for _, po := range ops {
		oi, p := po.oi, po.p
		spec := &lit{}
		spec.add("InputTokens", quoteStrings(p.InputToken))
		spec.add("OutputTokens", quoteStrings(p.OutputToken))
		spec.str("MoreResults", p.MoreResults)
		spec.str("LimitKey", p.LimitKey)
		if len(p.ResultKey) > 0 {
			spec.add("ResultKeys", quoteStrings(p.ResultKey))
		}
		fmt.Fprintf(b, "var pager%s = paginator.Spec{%s}\n\n", oi.name, spec)

		paths := g.resultPaths(po)
		primary := len(paths) > 0 && len(p.ResultKey) > 0 && paths[0].key == p.ResultKey[0]
		elem := "struct{}"
		items := fmt.Sprintf("func(*%s) []struct{} { return nil }", oi.outType)
		trim := "nil"
		if primary {
			elem = paths[0].elem
			items = paths[0].getter(oi.outType)
			var tb strings.Builder
			fmt.Fprintf(&tb, "func(o *%s, from, to int, clearOthers bool) {\n", oi.outType)
			fmt.Fprintf(&tb, "\t\tif l := (%s)(o); l != nil {\n\t\t\t%s\n\t\t}\n", paths[0].getter(oi.outType), strings.ReplaceAll(paths[0].set("l[from:to]"), "\n\t\t", "\n\t\t\t"))
			if len(paths) > 1 {
				tb.WriteString("\t\tif clearOthers {\n")
				for _, rp := range paths[1:] {
					fmt.Fprintf(&tb, "\t\t\t%s\n", strings.ReplaceAll(rp.set("nil"), "\n\t\t", "\n\t\t\t"))
				}
				tb.WriteString("\t\t}\n")
			}
			tb.WriteString("\t}")
			trim = tb.String()
		}

		lines := wrap(fmt.Sprintf("%sPaginator returns a paginator over %s (boto3's get_paginator): each page is %s called with a copy of in whose %s %s set from the previous page's %s, until %s. Set its PaginationConfig (MaxItems, PageSize, StartingToken) before ranging over its Pages or Items; optFns apply to every call.",
			oi.name, oi.name, oi.name, strings.Join(p.InputToken, " and "), plural(len(p.InputToken), "is", "are"), strings.Join(p.OutputToken, " and "), lastPage(p)), docWidth, "", "")
		if primary {
			more := ""
			if len(paths) > 1 {
				var others []string
				for _, rp := range paths[1:] {
					others = append(others, rp.key)
				}
				more = " (" + strings.Join(others, " and ") + " are on the pages)"
			}
			lines = append(append(lines, ""), wrap(fmt.Sprintf("Its items are the %s of each page%s; MaxItems counts them.", p.ResultKey[0], more), docWidth, "", "")...)
		} else {
			lines = append(append(lines, ""), wrap("The model names no list member as its result, so it has no items: range over its Pages.", docWidth, "", "")...)
		}
		if p.LimitKey != "" {
			lines = append(append(lines, ""), wrap(fmt.Sprintf("PageSize sets in.%s.", p.LimitKey), docWidth, "", "")...)
		}
		writeDoc(b, "", lines)
		fmt.Fprintf(b, `func (c *Client) %sPaginator(in *%s, optFns ...func(*Options)) *goto3.Paginator[*%s, %s] {
	call := func(ctx context.Context, in *%s) (*%s, error) { return c.%s(ctx, in, optFns...) }
	return goto3.NewPaginator(pager%s.InputTokens, paginator.Fetch(&pager%s, in, call),
		%s,
		%s)
}

`, oi.name, oi.inType, oi.outType, elem, oi.inType, oi.outType, oi.name, oi.name, oi.name, items, trim)

		writeDoc(b, "", wrap(fmt.Sprintf("%sPages returns the pages of %s: c.%sPaginator(in, optFns...).Pages(ctx).", oi.name, oi.name, oi.name), docWidth, "", ""))
		fmt.Fprintf(b, "func (c *Client) %sPages(ctx context.Context, in *%s, optFns ...func(*Options)) iter.Seq2[*%s, error] {\n\treturn c.%sPaginator(in, optFns...).Pages(ctx)\n}\n\n",
			oi.name, oi.inType, oi.outType, oi.name)
		if primary {
			writeDoc(b, "", wrap(fmt.Sprintf("%sItems returns the %s of every page of %s: c.%sPaginator(in, optFns...).Items(ctx).", oi.name, p.ResultKey[0], oi.name, oi.name), docWidth, "", ""))
			fmt.Fprintf(b, "func (c *Client) %sItems(ctx context.Context, in *%s, optFns ...func(*Options)) iter.Seq2[%s, error] {\n\treturn c.%sPaginator(in, optFns...).Items(ctx)\n}\n\n",
				oi.name, oi.inType, elem, oi.name)
		}
	}
	return buf.Bytes()
}

func lastPage(p *Paginator) string {
	s := "they are all null or empty or repeat"
	if len(p.OutputToken) == 1 {
		s = "it is null or empty or repeats"
	}
	if p.MoreResults != "" {
		s = p.MoreResults + " is false or " + s
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func quoteStrings(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}
