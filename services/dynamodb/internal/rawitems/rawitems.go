// Package rawitems lets DynamoDB's table layer move items between the
// caller's Go values and the wire's JSON without building attribute values:
// the table puts a Sink (for the items of a Query or Scan answer) or Writes
// (for the items of a BatchWriteItem request) in the call's context, and
// the client's customizations hand the answer's Items to the sink, or
// write the given items into the request.
package rawitems

import "context"

// A Sink takes the items of one operation's answers.
type Sink struct {
	// Op is the operation whose answers the sink reads ("Query", "Scan",
	// "BatchGetItem").
	Op string
	// Path names the members that lead from the answer to its array of
	// items: nil for Items (Query, Scan); Responses and the table's name
	// for BatchGetItem.
	Path []string
	// Decode reads the JSON array of items at the start of data (the rest
	// of the answer follows it) and returns the bytes the array took;
	// count is the answer's Count when it comes before the items (the
	// number of items, to make room for; Query and Scan), else -1. On an error the items
	// are left to the codec, and Decode's work is dropped. It is called
	// once per attempt, and must start afresh each time.
	Decode func(data []byte, count int) (int, error)
}

// Writes are the items of a BatchWriteItem request's puts, in JSON: the
// request's RequestItems hold one table, Table, and its i-th write
// request, when Items[i] is not nil, is a put whose Item the input leaves
// empty and the request body takes from Items[i].
type Writes struct {
	Table string
	Items [][]byte
}

type sinkKey struct{}

type writesKey struct{}

// With returns ctx carrying s.
func With(ctx context.Context, s *Sink) context.Context { return context.WithValue(ctx, sinkKey{}, s) }

// From returns the Sink ctx carries, or nil.
func From(ctx context.Context) *Sink {
	s, _ := ctx.Value(sinkKey{}).(*Sink)
	return s
}

// WithWrites returns ctx carrying w.
func WithWrites(ctx context.Context, w *Writes) context.Context {
	return context.WithValue(ctx, writesKey{}, w)
}

// WritesFrom returns the Writes ctx carries, or nil.
func WritesFrom(ctx context.Context) *Writes {
	w, _ := ctx.Value(writesKey{}).(*Writes)
	return w
}
