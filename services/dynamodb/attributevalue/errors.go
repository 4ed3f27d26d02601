package attributevalue

import (
	"strconv"
	"strings"
)

// An Error is a value that Marshal or Unmarshal could not convert, and
// where it is: Path is the attribute's document path within the value
// ("items[3].qty"; empty for the value itself), Err says why.
type Error struct {
	Op   string // "marshal" or "unmarshal"
	Path string
	Err  error
}

func (e *Error) Error() string {
	if e.Path == "" {
		return "attributevalue: " + e.Op + ": " + e.Err.Error()
	}
	return "attributevalue: " + e.Op + " " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// pathError is an error on its way up from where it happened: each level
// adds its step, last first.
type pathError struct {
	steps []string // reversed: the innermost step first
	err   error
}

func (e *pathError) Error() string { return e.err.Error() }

// atKey adds the map key or attribute name k to err's path.
func atKey(err error, k string) error { return addStep(err, "."+k) }

// atIndex adds the list index i to err's path.
func atIndex(err error, i int) error { return addStep(err, "["+strconv.Itoa(i)+"]") }

func addStep(err error, step string) error {
	if pe, ok := err.(*pathError); ok {
		pe.steps = append(pe.steps, step)
		return pe
	}
	return &pathError{steps: []string{step}, err: err}
}

// finish turns an error from the walk into an *Error.
func finish(op string, err error) error {
	if err == nil {
		return nil
	}
	pe, ok := err.(*pathError)
	if !ok {
		return &Error{Op: op, Err: err}
	}
	var b strings.Builder
	for i := len(pe.steps) - 1; i >= 0; i-- {
		b.WriteString(pe.steps[i])
	}
	return &Error{Op: op, Path: strings.TrimPrefix(b.String(), "."), Err: pe.err}
}
