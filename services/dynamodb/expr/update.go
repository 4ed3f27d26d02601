package expr

// An Update is an UpdateExpression: SET, REMOVE, ADD and DELETE actions,
// written in that order of clauses, each clause's actions in the order
// they were added. The zero Update has no action. Updates are immutable
// values: each method returns a new one.
//
//	expr.Set("status", "SHIPPED").
//		Set("count", expr.Plus(expr.Attr("count"), 1)).
//		Set("history", expr.ListAppend(expr.IfNotExists("history", []string{}), []string{"shipped"})).
//		Remove("draft").
//		Add("tags", attributevalue.StringSet{"sent"})
type Update struct {
	actions []action
}

type actionKind uint8

const (
	actSet actionKind = iota
	actRemove
	actAdd
	actDelete
)

var clauseNames = [...]string{"SET", "REMOVE", "ADD", "DELETE"}

type action struct {
	kind  actionKind
	path  string
	value operand
}

// An Operand is a value DynamoDB computes in a SET action: from
// IfNotExists, ListAppend, Plus or Minus.
type Operand struct{ o *operand }

// IfNotExists is if_not_exists(path, v): the attribute at path when the
// item has it, else v.
func IfNotExists(path string, v any) Operand {
	return Operand{&operand{kind: kindIfNotExists, args: []operand{pathOp(path), toOperand(v)}}}
}

// ListAppend is list_append(a, b): the list a followed by the list b;
// each is a list value, an attribute (Attr) or another function.
func ListAppend(a, b any) Operand {
	return Operand{&operand{kind: kindListAppend, args: []operand{toOperand(a), toOperand(b)}}}
}

// Plus is a + b: numbers, each a value, an attribute or IfNotExists.
func Plus(a, b any) Operand {
	return Operand{&operand{kind: kindPlus, args: []operand{toOperand(a), toOperand(b)}}}
}

// Minus is a - b.
func Minus(a, b any) Operand {
	return Operand{&operand{kind: kindMinus, args: []operand{toOperand(a), toOperand(b)}}}
}

// Set returns an Update that sets the attribute at path to v: a value, an
// attribute (Attr), or an Operand.
func Set(path string, v any) Update { return Update{}.Set(path, v) }

// Remove returns an Update that removes the attributes at paths.
func Remove(paths ...string) Update { return Update{}.Remove(paths...) }

// Add returns an Update that adds v to the attribute at path: a number to
// a number (starting from 0), a set's elements to a set.
func Add(path string, v any) Update { return Update{}.Add(path, v) }

// Delete returns an Update that deletes the elements of the set v from
// the set at path.
func Delete(path string, v any) Update { return Update{}.Delete(path, v) }

// IsZero reports whether u has no action.
func (u Update) IsZero() bool { return len(u.actions) == 0 }

// Set adds a SET action.
func (u Update) Set(path string, v any) Update {
	return u.with(action{kind: actSet, path: path, value: toOperand(v)})
}

// Remove adds a REMOVE action per path.
func (u Update) Remove(paths ...string) Update {
	for _, p := range paths {
		u = u.with(action{kind: actRemove, path: p})
	}
	return u
}

// Add adds an ADD action.
func (u Update) Add(path string, v any) Update {
	return u.with(action{kind: actAdd, path: path, value: toOperand(v)})
}

// Delete adds a DELETE action.
func (u Update) Delete(path string, v any) Update {
	return u.with(action{kind: actDelete, path: path, value: toOperand(v)})
}

func (u Update) with(a action) Update {
	actions := make([]action, len(u.actions), len(u.actions)+1)
	copy(actions, u.actions)
	return Update{append(actions, a)}
}
