package conformance

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/eventstream"
)

func decodeBase64(s string) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.TrimSpace(s))
}

// DecodeEvents reads the event messages of r, an event stream of shape
// stream, into the form botocore gives them: one {"<EventName>": {...}}
// per event, with the members bound to event headers from the headers,
// the eventpayload member from the payload (raw for a blob or string,
// decoded by decode for a structure), or, when the event has no
// eventpayload member, its other members decoded from the payload.
func DecodeEvents(r io.Reader, stream *protocol.Shape, decode func(*protocol.Shape, []byte, reflect.Value) error) ([]any, error) {
	events := []any{}
	d := eventstream.NewDecoder(r, eventstream.DecoderOptions{})
	for {
		msg, err := d.Decode()
		if errors.Is(err, io.EOF) {
			return events, nil
		}
		if err != nil {
			return events, err
		}
		if mt := msg.StringHeader(":message-type"); mt != "event" {
			return events, fmt.Errorf("message type %q: %s", mt, msg.Payload)
		}
		name := msg.StringHeader(":event-type")
		var mem *protocol.Member
		for i := range stream.Members {
			if stream.Members[i].Name == name {
				mem = &stream.Members[i]
			}
		}
		if mem == nil {
			continue // an event this model does not know
		}
		ev, err := decodeEvent(msg, mem.Shape, decode)
		if err != nil {
			return events, fmt.Errorf("event %s: %w", name, err)
		}
		events = append(events, map[string]any{name: ev})
	}
}

func decodeEvent(msg *eventstream.Message, sh *protocol.Shape, decode func(*protocol.Shape, []byte, reflect.Value) error) (map[string]any, error) {
	out := map[string]any{}
	hasPayloadMember := false
	for i := range sh.Members {
		m := &sh.Members[i]
		switch {
		case m.EventHeader:
			h, ok := msg.Header(m.Name)
			if !ok {
				continue
			}
			out[m.Name] = headerJSON(h)
		case m.EventPayload:
			hasPayloadMember = true
			switch m.Shape.Type {
			case protocol.TypeBlob, protocol.TypeString:
				out[m.Name] = string(msg.Payload)
			default:
				if decode == nil {
					return nil, errors.New("no payload decoder")
				}
				gt := m.Shape.ReflectType()
				if gt == nil {
					return nil, fmt.Errorf("no Go type for %s", m.Shape.Name)
				}
				v := reflect.New(gt)
				if err := decode(m.Shape, msg.Payload, v.Elem()); err != nil {
					return nil, err
				}
				out[m.Name] = protocoltest.ToJSON(m.Shape, v)
			}
		}
	}
	if !hasPayloadMember && len(msg.Payload) > 0 && decode != nil {
		gt := sh.ReflectType()
		v := reflect.New(gt)
		if err := decode(sh, msg.Payload, v.Elem()); err != nil {
			return nil, err
		}
		for k, x := range protocoltest.ToJSON(sh, v).(map[string]any) {
			if _, set := out[k]; !set {
				out[k] = x
			}
		}
	}
	return out, nil
}

// headerJSON is an event header's value in the suites' form.
func headerJSON(h eventstream.Value) any {
	switch h.Type {
	case eventstream.TypeBoolTrue, eventstream.TypeBoolFalse:
		return h.Bool
	case eventstream.TypeByte, eventstream.TypeShort, eventstream.TypeInt, eventstream.TypeLong:
		return float64(h.Int)
	case eventstream.TypeBytes:
		return string(h.Bytes)
	case eventstream.TypeString:
		return h.String
	case eventstream.TypeTimestamp:
		return float64(h.Time.UnixMilli()) / 1000
	}
	return nil
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

// XMLDiff compares two XML documents ("" when equal). With unordered set,
// runs of same-named sibling elements are compared as multisets: Go maps
// have no order, and the vectors list map entries in the order of the
// JSON params.
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
