package table

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

// keyOf returns a text that is equal for two items exactly when their
// attributes names (all of them when names is nil) are the same key
// values: numbers compare as numbers ("1.0" and "1" are one key), as
// DynamoDB compares them.
func keyOf(item map[string]dynamodb.AttributeValue, names []string) (string, error) {
	if names == nil {
		for n := range item {
			names = append(names, n)
		}
		slices.Sort(names)
	}
	var b strings.Builder
	for _, n := range names {
		av, ok := item[n]
		if !ok {
			return "", fmt.Errorf("no key attribute %q", n)
		}
		b.WriteString(strconv.Quote(n))
		switch {
		case av.S != nil && *av.S == "", av.B != nil && len(av.B) == 0:
			return "", fmt.Errorf("key attribute %q is empty: DynamoDB refuses empty string and binary keys", n)
		case av.S != nil:
			b.WriteString("S")
			b.WriteString(strconv.Quote(*av.S))
		case av.N != nil:
			r, err := attributevalue.Number(*av.N).Rat()
			if err != nil {
				return "", fmt.Errorf("key attribute %q: %w", n, err)
			}
			b.WriteString("N")
			b.WriteString(r.RatString())
		case av.B != nil:
			b.WriteString("B")
			b.WriteString(strconv.Quote(string(av.B)))
		default:
			return "", fmt.Errorf("key attribute %q is %s: keys are strings, numbers or binary", n, avKind(av))
		}
		b.WriteByte(';')
	}
	return b.String(), nil
}

// avKind names av's type.
func avKind(av dynamodb.AttributeValue) string {
	if t := attributevalue.Type(av); t != "" {
		return t
	}
	return "empty"
}

// formatItem writes item for an error message: the attributes names (all
// when nil), in name order, as {pk: "a", n: 1}, cut at about max bytes.
func formatItem(item map[string]dynamodb.AttributeValue, names []string, max int) string {
	if names == nil {
		for n := range item {
			names = append(names, n)
		}
		slices.Sort(names)
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n)
		b.WriteString(": ")
		if av, ok := item[n]; ok {
			formatValue(&b, av, max)
		} else {
			b.WriteString("(missing)")
		}
		if b.Len() > max {
			break
		}
	}
	b.WriteByte('}')
	if s := b.String(); len(s) > max {
		return s[:max] + "…"
	}
	return b.String()
}

func formatValue(b *strings.Builder, av dynamodb.AttributeValue, max int) {
	if b.Len() > max {
		return
	}
	switch {
	case av.S != nil:
		b.WriteString(strconv.Quote(*av.S))
	case av.N != nil:
		b.WriteString(*av.N)
	case av.B != nil:
		b.WriteString("b64:" + base64.StdEncoding.EncodeToString(av.B))
	case av.BOOL != nil:
		b.WriteString(strconv.FormatBool(*av.BOOL))
	case av.NULL != nil:
		b.WriteString("null")
	case av.SS != nil:
		b.WriteString("SS")
		formatList(b, len(av.SS), func(i int) { b.WriteString(strconv.Quote(av.SS[i])) })
	case av.NS != nil:
		b.WriteString("NS")
		formatList(b, len(av.NS), func(i int) { b.WriteString(av.NS[i]) })
	case av.BS != nil:
		b.WriteString("BS")
		formatList(b, len(av.BS), func(i int) { b.WriteString("b64:" + base64.StdEncoding.EncodeToString(av.BS[i])) })
	case av.L != nil:
		formatList(b, len(av.L), func(i int) { formatValue(b, av.L[i], max) })
	case av.M != nil:
		b.WriteString(formatItem(av.M, nil, max-b.Len()))
	default:
		b.WriteString("(empty)")
	}
}

func formatList(b *strings.Builder, n int, el func(int)) {
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		el(i)
	}
	b.WriteByte(']')
}
