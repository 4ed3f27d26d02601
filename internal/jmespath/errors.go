package jmespath

import "fmt"

// Kind is the class of a JMESPath error, named as the specification and its
// compliance suite name them. A Kind is also an error, so that
// errors.Is(err, jmespath.InvalidType) tells an error's kind.
type Kind string

// The error kinds. Syntax errors are found by Compile; so are unknown
// functions, calls with the wrong number of arguments and a slice step of 0.
// Arguments of the wrong type are found by Search.
const (
	Syntax          Kind = "syntax"
	InvalidType     Kind = "invalid-type"
	InvalidValue    Kind = "invalid-value"
	InvalidArity    Kind = "invalid-arity"
	UnknownFunction Kind = "unknown-function"
)

// Error returns the kind as a message; it makes a Kind an errors.Is target.
func (k Kind) Error() string { return "jmespath: " + string(k) + " error" }

// Error is every error Compile and Search return.
type Error struct {
	Kind Kind
	Expr string // the expression
	Pos  int    // byte offset in Expr of the token at fault
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("jmespath: %s error at offset %d of %q: %s", string(e.Kind), e.Pos, e.Expr, e.Msg)
}

// Is reports whether target is the Kind of e.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && k == e.Kind
}
