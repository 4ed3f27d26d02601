// Package itemsink lets DynamoDB's table layer read the items of a Query
// or Scan answer straight into the caller's types: the table puts a Sink
// in the call's context, and the client's customization hands it the
// answer's Items before the codec decodes the rest.
package itemsink

import "context"

// A Sink takes the Items of one operation's answers.
type Sink struct {
	// Op is the operation whose answers the sink reads ("Query", "Scan").
	Op string
	// Decode reads the JSON array of items at the start of data (the rest
	// of the answer follows it) and returns the bytes the array took;
	// count is the answer's Count when it comes before the items (the
	// number of items, to make room for), else -1. On an error the items
	// are left to the codec, and Decode's work is dropped. It is called
	// once per attempt, and must start afresh each time.
	Decode func(data []byte, count int) (int, error)
}

type key struct{}

// With returns ctx carrying s.
func With(ctx context.Context, s *Sink) context.Context { return context.WithValue(ctx, key{}, s) }

// From returns the Sink ctx carries, or nil.
func From(ctx context.Context) *Sink {
	s, _ := ctx.Value(key{}).(*Sink)
	return s
}
