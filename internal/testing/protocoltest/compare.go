package protocoltest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol"
)

// JSONDiff compares two JSON documents as values: object keys in any
// order, numbers equal when their values are (SameNumber). It returns ""
// when they are the same, else a diff (-want +got).
func JSONDiff(want, got string) string {
	w, err := DecodeJSON(want)
	if err != nil {
		return fmt.Sprintf("the expected body is not JSON: %v", err)
	}
	g, err := DecodeJSON(got)
	if err != nil {
		return fmt.Sprintf("the serialized body is not JSON: %v", err)
	}
	return cmp.Diff(w, g, cmp.Comparer(SameNumber))
}

// DecodeJSON decodes one JSON value, numbers as json.Number.
func DecodeJSON(s string) (any, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, fmt.Errorf("data after the value")
	}
	return v, nil
}

// SameNumber reports whether two JSON numbers are equal: integers digit
// for digit (as int64), others as float64 within a relative 1e-9.
func SameNumber(a, b json.Number) bool {
	if a == b {
		return true
	}
	ai, aerr := a.Int64()
	bi, berr := b.Int64()
	if aerr == nil && berr == nil {
		return ai == bi
	}
	af, aerr := a.Float64()
	bf, berr := b.Float64()
	return aerr == nil && berr == nil && (af == bf || math.Abs(af-bf) <= 1e-9*math.Max(math.Abs(af), math.Abs(bf)))
}

// xmlNode is a comparable form of an XML element: whitespace-only text
// between elements is dropped, attributes sorted.
type xmlNode struct {
	Name     string
	Attrs    []string
	Text     string
	Children []*xmlNode
}

func parseXML(s string) (*xmlNode, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{Name: qname(tk.Name)}
			for _, a := range tk.Attr {
				n.Attrs = append(n.Attrs, qname(a.Name)+"="+a.Value)
			}
			sort.Strings(n.Attrs)
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			if len(n.Children) > 0 && strings.TrimSpace(n.Text) == "" {
				n.Text = ""
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tk)
			}
		}
	}
	return root, nil
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// XMLDiff compares two XML documents as element trees (attributes in any
// order, whitespace between elements ignored); "" when equal. With
// unordered set, runs of same-named sibling elements are compared as
// multisets: Go maps have no order, and the vectors list map entries in
// the order of the JSON params.
func XMLDiff(want, got string, unordered bool) string {
	w, err := parseXML(want)
	if err != nil {
		return fmt.Sprintf("parsing expected XML: %v", err)
	}
	g, err := parseXML(got)
	if err != nil {
		return fmt.Sprintf("parsing serialized XML: %v", err)
	}
	if unordered {
		sortRuns(w)
		sortRuns(g)
	}
	return cmp.Diff(w, g)
}

func (n *xmlNode) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<%s %v>%s", n.Name, n.Attrs, n.Text)
	for _, c := range n.Children {
		b.WriteString(c.String())
	}
	b.WriteString("</>")
	return b.String()
}

func sortRuns(n *xmlNode) {
	if n == nil {
		return
	}
	for _, c := range n.Children {
		sortRuns(c)
	}
	for i := 0; i < len(n.Children); {
		j := i
		for j < len(n.Children) && n.Children[j].Name == n.Children[i].Name {
			j++
		}
		run := n.Children[i:j]
		sort.SliceStable(run, func(a, b int) bool { return run[a].String() < run[b].String() })
		i = j
	}
}

// HasMap reports whether a shape reaches a map.
func HasMap(sh *protocol.Shape) bool {
	return hasMap(sh, map[*protocol.Shape]bool{})
}

func hasMap(sh *protocol.Shape, seen map[*protocol.Shape]bool) bool {
	if sh == nil || seen[sh] {
		return false
	}
	seen[sh] = true
	switch sh.Type {
	case protocol.TypeMap:
		return true
	case protocol.TypeList:
		return hasMap(sh.Member.Shape, seen)
	case protocol.TypeStructure:
		for i := range sh.Members {
			if hasMap(sh.Members[i].Shape, seen) {
				return true
			}
		}
	}
	return false
}
