package expr

// An AttrName is an attribute of an item, by its document path ("price",
// "address.city", "lines[0].qty"), from Attr. Its methods make
// conditions, as boto3's Attr does; passed where a value goes, it stands
// for the attribute (Attr("a").Lt(Attr("b")) compares two attributes).
type AttrName struct{ path string }

// Attr returns the attribute at path: names separated by dots, each
// followed by list indexes in brackets (boto3's Attr). Every name gets a
// #n placeholder, so reserved words need no care; a name that itself holds
// a dot or a bracket cannot be written this way.
func Attr(path string) AttrName { return AttrName{path} }

// Path returns the document path a was made with.
func (a AttrName) Path() string { return a.path }

// A KeyName is a key attribute of a table or index, from Key. Its
// methods make the key conditions of a Query, as boto3's Key does.
type KeyName struct{ name string }

// Key returns the key attribute name (boto3's Key).
func Key(name string) KeyName { return KeyName{name} }

// A Condition is a condition on an item: a ConditionExpression (for
// PutItem, UpdateItem, DeleteItem and transactions) or a FilterExpression
// (Query and Scan). The zero Condition is none. Conditions are immutable
// values: combining them makes new ones.
type Condition struct{ c *cond }

// A KeyCondition is the key condition of a Query: the partition key equal
// to a value, and optionally a condition on the sort key, joined with And.
type KeyCondition struct{ c *cond }

// IsZero reports whether c is the zero Condition (no condition).
func (c Condition) IsZero() bool { return c.c == nil }

// IsZero reports whether k is the zero KeyCondition.
func (k KeyCondition) IsZero() bool { return k.c == nil }

// And returns c AND each of others, grouped from the left as boto3's
// c & o1 & o2: ((c AND o1) AND o2).
func (c Condition) And(others ...Condition) Condition { return fold(opAnd, c, others) }

// Or returns c OR each of others, grouped from the left.
func (c Condition) Or(others ...Condition) Condition { return fold(opOr, c, others) }

// And returns the conditions joined with AND, grouped from the left.
func And(first, second Condition, more ...Condition) Condition {
	return fold(opAnd, first, append([]Condition{second}, more...))
}

// Or returns the conditions joined with OR, grouped from the left.
func Or(first, second Condition, more ...Condition) Condition {
	return fold(opOr, first, append([]Condition{second}, more...))
}

// Not returns NOT c (boto3's ~c).
func Not(c Condition) Condition { return Condition{&cond{kind: opNot, subs: []*cond{c.c}}} }

func fold(k opKind, c Condition, others []Condition) Condition {
	acc := c.c
	for _, o := range others {
		acc = &cond{kind: k, subs: []*cond{acc, o.c}}
	}
	return Condition{acc}
}

// And returns k AND other: the partition key condition and the sort key
// condition.
func (k KeyCondition) And(other KeyCondition) KeyCondition {
	return KeyCondition{&cond{kind: opAnd, subs: []*cond{k.c, other.c}}}
}

// Eq is the attribute equal to v (a value, or another attribute).
func (a AttrName) Eq(v any) Condition { return a.cmp(opEq, v) }

// Ne is the attribute not equal to v (<>).
func (a AttrName) Ne(v any) Condition { return a.cmp(opNe, v) }

// Lt is the attribute less than v.
func (a AttrName) Lt(v any) Condition { return a.cmp(opLt, v) }

// Lte is the attribute less than or equal to v.
func (a AttrName) Lte(v any) Condition { return a.cmp(opLte, v) }

// Gt is the attribute greater than v.
func (a AttrName) Gt(v any) Condition { return a.cmp(opGt, v) }

// Gte is the attribute greater than or equal to v.
func (a AttrName) Gte(v any) Condition { return a.cmp(opGte, v) }

// Between is low <= attribute <= high.
func (a AttrName) Between(low, high any) Condition {
	return Condition{&cond{kind: opBetween, ops: []operand{pathOp(a.path), toOperand(low), toOperand(high)}}}
}

// BeginsWith is the attribute (a string or binary) beginning with prefix.
func (a AttrName) BeginsWith(prefix any) Condition { return a.cmp(opBeginsWith, prefix) }

// Contains is the attribute containing v: a substring of a string, an
// element of a set or list.
func (a AttrName) Contains(v any) Condition { return a.cmp(opContains, v) }

// In is the attribute equal to one of values (boto3's is_in; DynamoDB
// takes 1 to 100).
func (a AttrName) In(values ...any) Condition {
	ops := []operand{pathOp(a.path)}
	for _, v := range values {
		ops = append(ops, toOperand(v))
	}
	return Condition{&cond{kind: opIn, ops: ops}}
}

// Exists is attribute_exists.
func (a AttrName) Exists() Condition {
	return Condition{&cond{kind: opExists, ops: []operand{pathOp(a.path)}}}
}

// NotExists is attribute_not_exists.
func (a AttrName) NotExists() Condition {
	return Condition{&cond{kind: opNotExists, ops: []operand{pathOp(a.path)}}}
}

// AttributeType is attribute_type: the attribute of type t.
func (a AttrName) AttributeType(t Type) Condition {
	return Condition{&cond{kind: opAttributeType, ops: []operand{pathOp(a.path), {kind: kindType, value: t}}}}
}

// Size is size(attribute): the length of a string, binary, set, list or
// map, to compare.
func (a AttrName) Size() AttrSize { return AttrSize(a) }

func (a AttrName) cmp(k opKind, v any) Condition {
	return Condition{&cond{kind: k, ops: []operand{pathOp(a.path), toOperand(v)}}}
}

// A Type is a DynamoDB data type, for AttributeType.
type Type string

// DynamoDB's data types.
const (
	TypeString    Type = "S"
	TypeNumber    Type = "N"
	TypeBinary    Type = "B"
	TypeStringSet Type = "SS"
	TypeNumberSet Type = "NS"
	TypeBinarySet Type = "BS"
	TypeBool      Type = "BOOL"
	TypeNull      Type = "NULL"
	TypeList      Type = "L"
	TypeMap       Type = "M"
)

// An AttrSize is size(attribute), from AttrName.Size: a number to compare
// (boto3's Attr(...).size()). Passed where a value goes, it stands for
// that size.
type AttrSize struct{ path string }

// Eq is the size equal to v.
func (s AttrSize) Eq(v any) Condition { return s.cmp(opEq, v) }

// Ne is the size not equal to v.
func (s AttrSize) Ne(v any) Condition { return s.cmp(opNe, v) }

// Lt is the size less than v.
func (s AttrSize) Lt(v any) Condition { return s.cmp(opLt, v) }

// Lte is the size less than or equal to v.
func (s AttrSize) Lte(v any) Condition { return s.cmp(opLte, v) }

// Gt is the size greater than v.
func (s AttrSize) Gt(v any) Condition { return s.cmp(opGt, v) }

// Gte is the size greater than or equal to v.
func (s AttrSize) Gte(v any) Condition { return s.cmp(opGte, v) }

// Between is low <= size <= high.
func (s AttrSize) Between(low, high any) Condition {
	return Condition{&cond{kind: opBetween, ops: []operand{sizeOp(s.path), toOperand(low), toOperand(high)}}}
}

// In is the size equal to one of values.
func (s AttrSize) In(values ...any) Condition {
	ops := []operand{sizeOp(s.path)}
	for _, v := range values {
		ops = append(ops, toOperand(v))
	}
	return Condition{&cond{kind: opIn, ops: ops}}
}

func (s AttrSize) cmp(k opKind, v any) Condition {
	return Condition{&cond{kind: k, ops: []operand{sizeOp(s.path), toOperand(v)}}}
}

// Eq is the key equal to v: the partition key's condition, or a sort
// key's.
func (k KeyName) Eq(v any) KeyCondition { return k.cmp(opEq, v) }

// Lt is the sort key less than v.
func (k KeyName) Lt(v any) KeyCondition { return k.cmp(opLt, v) }

// Lte is the sort key less than or equal to v.
func (k KeyName) Lte(v any) KeyCondition { return k.cmp(opLte, v) }

// Gt is the sort key greater than v.
func (k KeyName) Gt(v any) KeyCondition { return k.cmp(opGt, v) }

// Gte is the sort key greater than or equal to v.
func (k KeyName) Gte(v any) KeyCondition { return k.cmp(opGte, v) }

// Between is low <= sort key <= high.
func (k KeyName) Between(low, high any) KeyCondition {
	return KeyCondition{&cond{kind: opBetween, ops: []operand{keyOp(k.name), toOperand(low), toOperand(high)}}}
}

// BeginsWith is the sort key beginning with prefix.
func (k KeyName) BeginsWith(prefix any) KeyCondition { return k.cmp(opBeginsWith, prefix) }

func (k KeyName) cmp(op opKind, v any) KeyCondition {
	return KeyCondition{&cond{kind: op, ops: []operand{keyOp(k.name), toOperand(v)}}}
}

type opKind uint8

const (
	opEq opKind = iota
	opNe
	opLt
	opLte
	opGt
	opGte
	opBetween
	opIn
	opBeginsWith
	opContains
	opExists
	opNotExists
	opAttributeType
	opAnd
	opOr
	opNot
)

// cond is a node of a condition: an operator over operands, or a
// combination of conditions (subs). A nil *cond is the zero Condition.
type cond struct {
	kind opKind
	ops  []operand
	subs []*cond
}

type operandKind uint8

const (
	kindValue operandKind = iota
	kindPath
	kindKey // a key name: a plain attribute name, never split
	kindSize
	kindType
	kindIfNotExists
	kindListAppend
	kindPlus
	kindMinus
)

// operand is what an operator works on: a value (marshalled when built),
// an attribute, or a function of operands.
type operand struct {
	kind  operandKind
	path  string
	value any
	args  []operand
}

func pathOp(p string) operand { return operand{kind: kindPath, path: p} }
func keyOp(n string) operand  { return operand{kind: kindKey, path: n} }
func sizeOp(p string) operand { return operand{kind: kindSize, path: p} }

// toOperand reads v, passed where a value goes: an attribute (AttrName or
// KeyName), a size, an update function, or else a value.
func toOperand(v any) operand {
	switch x := v.(type) {
	case AttrName:
		return pathOp(x.path)
	case KeyName:
		return keyOp(x.name)
	case AttrSize:
		return sizeOp(x.path)
	case Operand:
		if x.o != nil {
			return *x.o
		}
	}
	return operand{kind: kindValue, value: v}
}
