package expr

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

// A Builder writes expressions with placeholders, as boto3's
// ConditionExpressionBuilder: every attribute name becomes #n0, #n1, ...
// and every value :v0, :v1, ..., numbered in the order they are written
// and across calls, so that the expressions of one request share its
// ExpressionAttributeNames and ExpressionAttributeValues (Names and
// Values). Values are marshalled with attributevalue.Marshal.
//
// The zero Builder is ready to use. A Builder is not safe for concurrent
// use; use one per request.
type Builder struct {
	names  map[string]string
	values map[string]dynamodb.AttributeValue
	nn, nv int
	sb     strings.Builder
}

// Names returns the attribute name placeholders written so far, for
// ExpressionAttributeNames; nil when there are none (DynamoDB refuses an
// empty map).
func (b *Builder) Names() map[string]string { return b.names }

// Values returns the value placeholders written so far, for
// ExpressionAttributeValues; nil when there are none.
func (b *Builder) Values() map[string]dynamodb.AttributeValue { return b.values }

// An Error is an expression that cannot be written, and why.
type Error struct {
	Expr string // "condition", "key condition", "update", "projection"
	Err  error
}

func (e *Error) Error() string { return "expr: " + e.Expr + ": " + e.Err.Error() }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Condition writes c, for a ConditionExpression or a FilterExpression.
func (b *Builder) Condition(c Condition) (string, error) {
	if c.c == nil {
		return "", &Error{"condition", errors.New("the zero Condition: no condition to write")}
	}
	return b.build("condition", func() error { return b.cond(c.c, false) })
}

// KeyCondition writes k, for a KeyConditionExpression.
func (b *Builder) KeyCondition(k KeyCondition) (string, error) {
	if k.c == nil {
		return "", &Error{"key condition", errors.New("the zero KeyCondition: no condition to write")}
	}
	if n := leaves(k.c); n > 2 {
		return "", &Error{"key condition", fmt.Errorf("%d key comparisons joined: a key condition is the partition key's Eq and at most one sort key condition", n)}
	}
	return b.build("key condition", func() error { return b.cond(k.c, true) })
}

// Update writes u, for an UpdateExpression.
func (b *Builder) Update(u Update) (string, error) {
	if len(u.actions) == 0 {
		return "", &Error{"update", errors.New("an Update with no action")}
	}
	return b.build("update", func() error { return b.update(u) })
}

// Projection writes the document paths, for a ProjectionExpression:
// "#n0, #n1.#n2[0]".
func (b *Builder) Projection(paths ...string) (string, error) {
	if len(paths) == 0 {
		return "", &Error{"projection", errors.New("no attribute to project")}
	}
	return b.build("projection", func() error {
		for i, p := range paths {
			if i > 0 {
				b.sb.WriteString(", ")
			}
			if err := b.path(p); err != nil {
				return err
			}
		}
		return nil
	})
}

// build runs write into b.sb, returning its text. On an error, the
// placeholders the failed expression added are taken back.
func (b *Builder) build(what string, write func() error) (string, error) {
	nn, nv := b.nn, b.nv
	b.sb.Reset()
	if err := write(); err != nil {
		for ; b.nn > nn; b.nn-- {
			delete(b.names, placeholderName('#', b.nn-1))
		}
		for ; b.nv > nv; b.nv-- {
			delete(b.values, placeholderName(':', b.nv-1))
		}
		if len(b.names) == 0 {
			b.names = nil
		}
		if len(b.values) == 0 {
			b.values = nil
		}
		return "", &Error{what, err}
	}
	return b.sb.String(), nil
}

// leaves counts the comparisons of c.
func leaves(c *cond) int {
	if c == nil {
		return 0
	}
	if len(c.subs) == 0 {
		return 1
	}
	n := 0
	for _, s := range c.subs {
		n += leaves(s)
	}
	return n
}

var condOps = [...]string{opEq: "=", opNe: "<>", opLt: "<", opLte: "<=", opGt: ">", opGte: ">="}

// cond writes c with boto3's formats. In a key condition (key), each
// comparison is of a Key name with values.
func (b *Builder) cond(c *cond, key bool) error {
	if c == nil {
		return errors.New("a zero Condition inside And, Or or Not")
	}
	if key && len(c.ops) > 0 {
		for _, o := range c.ops[1:] {
			if o.kind != kindValue {
				return fmt.Errorf("key %s compared with %s: key conditions take values", c.ops[0].path, operandName(o))
			}
		}
	}
	switch c.kind {
	case opAnd, opOr:
		b.sb.WriteByte('(')
		if err := b.cond(c.subs[0], key); err != nil {
			return err
		}
		if c.kind == opAnd {
			b.sb.WriteString(" AND ")
		} else {
			b.sb.WriteString(" OR ")
		}
		if err := b.cond(c.subs[1], key); err != nil {
			return err
		}
		b.sb.WriteByte(')')
	case opNot:
		b.sb.WriteString("(NOT ")
		if err := b.cond(c.subs[0], key); err != nil {
			return err
		}
		b.sb.WriteByte(')')
	case opEq, opNe, opLt, opLte, opGt, opGte:
		if err := b.operand(c.ops[0]); err != nil {
			return err
		}
		b.sb.WriteString(" " + condOps[c.kind] + " ")
		return b.operand(c.ops[1])
	case opBetween:
		if err := b.operand(c.ops[0]); err != nil {
			return err
		}
		b.sb.WriteString(" BETWEEN ")
		if err := b.operand(c.ops[1]); err != nil {
			return err
		}
		b.sb.WriteString(" AND ")
		return b.operand(c.ops[2])
	case opIn:
		if len(c.ops) == 1 {
			return errors.New("In with no value")
		}
		if err := b.operand(c.ops[0]); err != nil {
			return err
		}
		b.sb.WriteString(" IN (")
		for i, o := range c.ops[1:] {
			if i > 0 {
				b.sb.WriteString(", ")
			}
			if err := b.operand(o); err != nil {
				return err
			}
		}
		b.sb.WriteByte(')')
	default:
		b.sb.WriteString([...]string{opBeginsWith: "begins_with", opContains: "contains", opExists: "attribute_exists",
			opNotExists: "attribute_not_exists", opAttributeType: "attribute_type"}[c.kind])
		b.sb.WriteByte('(')
		for i, o := range c.ops {
			if i > 0 {
				b.sb.WriteString(", ")
			}
			if err := b.operand(o); err != nil {
				return err
			}
		}
		b.sb.WriteByte(')')
	}
	return nil
}

// operand writes o.
func (b *Builder) operand(o operand) error {
	switch o.kind {
	case kindValue:
		return b.value(o.value)
	case kindType:
		t := o.value.(Type)
		switch t {
		case TypeString, TypeNumber, TypeBinary, TypeStringSet, TypeNumberSet, TypeBinarySet, TypeBool, TypeNull, TypeList, TypeMap:
		default:
			return fmt.Errorf("attribute type %q: want S, N, B, SS, NS, BS, BOOL, NULL, L or M", string(t))
		}
		return b.value(string(t))
	case kindKey:
		b.name(o.path)
		return nil
	case kindPath:
		return b.path(o.path)
	case kindSize:
		b.sb.WriteString("size(")
		if err := b.path(o.path); err != nil {
			return err
		}
		b.sb.WriteByte(')')
		return nil
	}
	return fmt.Errorf("%s outside an Update's SET", operandName(o))
}

// operandName names o's kind for an error.
func operandName(o operand) string {
	return [...]string{kindValue: "a value", kindPath: "attribute " + o.path, kindKey: "key " + o.path, kindSize: "size(" + o.path + ")",
		kindType: "a type", kindIfNotExists: "IfNotExists", kindListAppend: "ListAppend", kindPlus: "Plus", kindMinus: "Minus"}[o.kind]
}

// The first placeholders, made once.
var namePlaceholders, valuePlaceholders = func() (n, v [64]string) {
	for i := range n {
		n[i] = "#n" + strconv.Itoa(i)
		v[i] = ":v" + strconv.Itoa(i)
	}
	return n, v
}()

// placeholderName returns #n<i> (kind '#') or :v<i>.
func placeholderName(kind byte, i int) string {
	if kind == '#' {
		if i < len(namePlaceholders) {
			return namePlaceholders[i]
		}
		return "#n" + strconv.Itoa(i)
	}
	if i < len(valuePlaceholders) {
		return valuePlaceholders[i]
	}
	return ":v" + strconv.Itoa(i)
}

// name writes a placeholder for the attribute name n.
func (b *Builder) name(n string) {
	p := placeholderName('#', b.nn)
	b.nn++
	if b.names == nil {
		b.names = map[string]string{}
	}
	b.names[p] = n
	b.sb.WriteString(p)
}

// value writes a placeholder for v.
func (b *Builder) value(v any) error {
	switch v.(type) {
	case Condition, KeyCondition, Update, Operand, *Condition, *KeyCondition, *Update, *Operand:
		return fmt.Errorf("a %T where a value goes", v)
	}
	av, err := attributevalue.Marshal(v)
	if err != nil {
		return err
	}
	p := placeholderName(':', b.nv)
	b.nv++
	if b.values == nil {
		b.values = map[string]dynamodb.AttributeValue{}
	}
	b.values[p] = av
	b.sb.WriteString(p)
	return nil
}

// path writes the document path p with a placeholder per name: "a.b[2].c"
// is #n0.#n1[2].#n2.
func (b *Builder) path(p string) error {
	if p == "" {
		return errors.New("an empty attribute path")
	}
	rest := p
	for first := true; ; first = false {
		if !first {
			b.sb.WriteByte('.')
		}
		end := strings.IndexAny(rest, ".[]")
		if end < 0 {
			end = len(rest)
		}
		if end == 0 {
			return fmt.Errorf("attribute path %q: a name is missing", p)
		}
		b.name(rest[:end])
		rest = rest[end:]
		for strings.HasPrefix(rest, "[") {
			close := strings.IndexByte(rest, ']')
			if close < 0 {
				return fmt.Errorf("attribute path %q: an unclosed [", p)
			}
			idx := rest[1:close]
			if idx == "" || strings.Trim(idx, "0123456789") != "" {
				return fmt.Errorf("attribute path %q: [%s] is not a list index", p, idx)
			}
			b.sb.WriteString(rest[:close+1])
			rest = rest[close+1:]
		}
		if rest == "" {
			return nil
		}
		if rest[0] != '.' {
			return fmt.Errorf("attribute path %q: unexpected %q", p, rest[0])
		}
		rest = rest[1:]
	}
}

// update writes u's clauses.
func (b *Builder) update(u Update) error {
	for kind := actSet; kind <= actDelete; kind++ {
		n := 0
		for _, a := range u.actions {
			if a.kind != kind {
				continue
			}
			if n == 0 {
				if b.sb.Len() > 0 {
					b.sb.WriteByte(' ')
				}
				b.sb.WriteString(clauseNames[kind])
				b.sb.WriteByte(' ')
			} else {
				b.sb.WriteString(", ")
			}
			n++
			if err := b.path(a.path); err != nil {
				return err
			}
			switch kind {
			case actSet:
				b.sb.WriteString(" = ")
				if err := b.setValue(a.value, true); err != nil {
					return fmt.Errorf("SET %s: %w", a.path, err)
				}
			case actAdd, actDelete:
				if a.value.kind != kindValue {
					return fmt.Errorf("%s %s: takes a value, not an attribute or function", clauseNames[kind], a.path)
				}
				b.sb.WriteByte(' ')
				if err := b.value(a.value.value); err != nil {
					return fmt.Errorf("%s %s: %w", clauseNames[kind], a.path, err)
				}
			}
		}
	}
	return nil
}

// setValue writes the value of a SET action; top is false inside Plus and
// Minus, which do not nest.
func (b *Builder) setValue(o operand, top bool) error {
	switch o.kind {
	case kindValue:
		return b.value(o.value)
	case kindPath:
		return b.path(o.path)
	case kindKey:
		b.name(o.path)
		return nil
	case kindSize:
		return errors.New("size() is for conditions; DynamoDB does not compute it in SET")
	case kindIfNotExists:
		b.sb.WriteString("if_not_exists(")
		if err := b.path(o.args[0].path); err != nil {
			return err
		}
		b.sb.WriteString(", ")
		if err := b.setValue(o.args[1], false); err != nil {
			return err
		}
		b.sb.WriteByte(')')
		return nil
	case kindListAppend:
		b.sb.WriteString("list_append(")
		if err := b.setValue(o.args[0], false); err != nil {
			return err
		}
		b.sb.WriteString(", ")
		if err := b.setValue(o.args[1], false); err != nil {
			return err
		}
		b.sb.WriteByte(')')
		return nil
	case kindPlus, kindMinus:
		if !top {
			return errors.New("a Plus or Minus inside another function: DynamoDB takes one + or - per SET action, at its top")
		}
		if err := b.setValue(o.args[0], false); err != nil {
			return err
		}
		if o.kind == kindPlus {
			b.sb.WriteString(" + ")
		} else {
			b.sb.WriteString(" - ")
		}
		return b.setValue(o.args[1], false)
	}
	return fmt.Errorf("an attribute type is not a value")
}
