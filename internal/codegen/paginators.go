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

// itemIterator is one generated item iterator: a result key that is a
// plain list member of the output.
type itemIterator struct {
	method, field, elem, key string
}

// itemIterators names the item iterators of a paginated operation: <Op>Items
// when the model names one result key, <Op><Key> for each key when it
// names several. Result keys that are expressions rather than members, or
// that are not lists, get none.
func (g *Generator) itemIterators(po pagedOp) []itemIterator {
	var out []itemIterator
	for _, key := range po.p.ResultKey {
		for _, f := range po.oi.output.fields {
			if f.member != key || !strings.HasPrefix(f.goType, "[]") || f.goType == "[]byte" {
				continue
			}
			name := po.oi.name + "Items"
			if len(po.p.ResultKey) > 1 {
				name = po.oi.name + f.name
			}
			out = append(out, itemIterator{method: name, field: f.name, elem: f.goType[2:], key: key})
		}
	}
	return out
}

// Paginators writes api_paginators.go: a paginator.Spec per paginated
// operation, a <Op>Pages method returning iter.Seq2[*<Op>Output, error], and
// the item iterators. It returns nil when no generated operation is
// paginated.
func (g *Generator) Paginators(pkg string) []byte {
	ops := g.pagedOps()
	if len(ops) == 0 {
		return nil
	}
	var buf bytes.Buffer
	b := &buf
	fmt.Fprintf(b, "package %s\n\nimport (\n\t\"context\"\n\t\"iter\"\n\n\t\"github.com/goto3/goto3/internal/paginator\"\n)\n\n", pkg)
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

		lines := wrap(fmt.Sprintf("%sPages returns the pages of %s, calling it with a copy of in whose %s %s set from the previous page's %s, until %s. The iteration stops at the first error, which it yields with a nil page; ranging again starts over.",
			oi.name, oi.name, strings.Join(p.InputToken, " and "), plural(len(p.InputToken), "is", "are"), strings.Join(p.OutputToken, " and "), lastPage(p)), docWidth, "", "")
		if p.LimitKey != "" {
			lines = append(lines, "")
			lines = append(lines, wrap(fmt.Sprintf("The page size is in.%s.", p.LimitKey), docWidth, "", "")...)
		}
		writeDoc(b, "", lines)
		fmt.Fprintf(b, "func (c *Client) %sPages(ctx context.Context, in *%s, optFns ...func(*Options)) iter.Seq2[*%s, error] {\n\treturn paginator.Pages(ctx, &pager%s, in, c.%s, optFns)\n}\n\n",
			oi.name, oi.inType, oi.outType, oi.name, oi.name)

		for _, it := range g.itemIterators(po) {
			writeDoc(b, "", wrap(fmt.Sprintf("%s returns the %s of every page of %s (see %sPages). An error is yielded once, with the zero %s, and ends the iteration.", it.method, it.key, oi.name, oi.name, it.elem), docWidth, "", ""))
			fmt.Fprintf(b, "func (c *Client) %s(ctx context.Context, in *%s, optFns ...func(*Options)) iter.Seq2[%s, error] {\n\treturn paginator.Items(c.%sPages(ctx, in, optFns...), func(o *%s) []%s { return o.%s })\n}\n\n",
				it.method, oi.inType, it.elem, oi.name, oi.outType, it.elem, it.field)
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
