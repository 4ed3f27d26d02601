package table

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
	"github.com/goto3/goto3/services/dynamodb/internal/rawitems"
)

// BatchGetOptions are the optional parts of BatchGet.
type BatchGetOptions struct {
	// Projection names the attributes to read; none reads them all.
	Projection []string
	// ConsistentRead asks for strongly consistent reads.
	ConsistentRead bool
	// Backoff paces the resending of unprocessed keys and of requests
	// refused for throttling.
	Backoff Backoff
}

// BatchGet reads the items with keys (each a struct or a map holding the
// key attributes) with BatchGetItem, 100 keys a request, and decodes them
// into T (straight from the answers, as Query does). Keys given twice are read once; keys without an item are left
// out, and the items come in no particular order. The keys DynamoDB
// leaves unprocessed, and requests refused for throttling, are sent again
// after a backoff until all are read or ctx ends; then the error is an
// *UnreadError naming the keys not read, and the items read so far are
// returned with it.
func BatchGet[T any](ctx context.Context, t *Table, keys []any, opts *BatchGetOptions) ([]T, error) {
	const op = "BatchGet"
	if err := t.check(op); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &BatchGetOptions{}
	}
	var todo []map[string]dynamodb.AttributeValue
	seen := map[string]bool{}
	for i, k := range keys {
		m, err := marshalItem(k, "key "+strconv.Itoa(i))
		if err != nil {
			return nil, &Error{op, err}
		}
		s, err := keyOf(m, nil)
		if err != nil {
			return nil, &Error{op, fmt.Errorf("key %d: %w", i, err)}
		}
		if !seen[s] {
			seen[s] = true
			todo = append(todo, m)
		}
	}
	var b expr.Builder
	proj, err := optProjection(&b, opts.Projection)
	if err != nil {
		return nil, &Error{op, err}
	}
	var got []T
	// Each answer's items are read straight into T when the client can
	// (see Query).
	s := newSink[T]("BatchGetItem", "Responses", t.name)
	ctx = rawitems.With(ctx, &s.Sink)
	retries := 0
	for len(todo) > 0 {
		if retries > 0 {
			if err := opts.Backoff.wait(ctx, retries-1); err != nil {
				return got, &UnreadError{Table: t.name, Unread: todo, Err: err}
			}
		}
		n := min(len(todo), 100)
		s.taken = false // set by this call's answer, if at all
		out, err := t.client.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{
			RequestItems: map[string]dynamodb.KeysAndAttributes{t.name: {
				Keys:                     todo[:n],
				ProjectionExpression:     proj,
				ExpressionAttributeNames: b.Names(),
				ConsistentRead:           optTrue(opts.ConsistentRead),
			}},
		}, t.optFns...)
		if err != nil {
			if isThrottle(err) && ctx.Err() == nil {
				retries++
				continue
			}
			return got, &UnreadError{Table: t.name, Unread: todo, Err: err}
		}
		if s.taken {
			got = append(got, s.page...)
			clear(s.page)
		}
		for _, it := range out.Responses[t.name] {
			var v T
			if err := attributevalue.UnmarshalMap(it, &v); err != nil {
				return got, fmt.Errorf("table: %s: item %s: %w", op, formatItem(it, nil, 200), err)
			}
			got = append(got, v)
		}
		again := out.UnprocessedKeys[t.name].Keys
		todo = append(slices.Clip(again), todo[n:]...)
		if len(again) > 0 {
			retries++
		} else {
			retries = 0
		}
	}
	return got, nil
}

// An UnreadError is keys BatchGet could not read: Unread holds them, Err
// says why.
type UnreadError struct {
	Table  string
	Unread []map[string]dynamodb.AttributeValue
	Err    error
}

// Error names the table, counts the keys and names the first ten.
func (e *UnreadError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "table: %d keys of %s not read", len(e.Unread), e.Table)
	for i, k := range e.Unread {
		if i == 10 {
			fmt.Fprintf(&b, ", and %d more", len(e.Unread)-10)
			break
		}
		if i == 0 {
			b.WriteString(" (")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(formatItem(k, nil, 120))
	}
	if len(e.Unread) > 0 {
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns Err.
func (e *UnreadError) Unwrap() error { return e.Err }
