package table

import (
	"context"
	"fmt"
	"iter"

	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
	"github.com/goto3/goto3/services/dynamodb/internal/rawitems"
)

// QueryOptions are the optional parts of a Query.
type QueryOptions struct {
	// IndexName queries a secondary index instead of the table.
	IndexName string
	// Filter drops items after they are read (FilterExpression); they
	// still count against PageSize and the read capacity.
	Filter expr.Condition
	// Projection names the attributes to read; none reads them all.
	Projection []string
	// ConsistentRead asks for strongly consistent reads (not on global
	// secondary indexes).
	ConsistentRead bool
	// Descending walks the sort key from high to low
	// (ScanIndexForward false).
	Descending bool
	// PageSize is DynamoDB's Limit: the number of items each request
	// reads (0: as many as fit in 1 MB). The iteration still goes through
	// every page; stop it early by leaving the loop.
	PageSize int32
	// StartKey is where to start: the LastEvaluatedKey of an earlier page
	// (ExclusiveStartKey).
	StartKey               map[string]dynamodb.AttributeValue
	ReturnConsumedCapacity dynamodb.ReturnConsumedCapacity
}

// Query returns the items whose key matches key, decoded into T with
// attributevalue.UnmarshalMap (boto3's Table.query, through every page):
//
//	for o, err := range table.Query[Order](ctx, orders, expr.Key("pk").Eq("customer#42"), nil) {
//		if err != nil {
//			return err
//		}
//		...
//	}
//
// T may be a struct, map[string]any (boto3's shapes), or
// map[string]dynamodb.AttributeValue (the items as they came). The
// requests are made as the loop asks for items: each page's
// LastEvaluatedKey starts the next, until a page has none. An error is
// yielded once, with T's zero value, and ends the iteration.
func Query[T any](ctx context.Context, t *Table, key expr.KeyCondition, opts *QueryOptions) iter.Seq2[T, error] {
	return items[T](ctx, "Query", func(ctx context.Context) iter.Seq2[*dynamodb.QueryOutput, error] { return t.QueryPages(ctx, key, opts) },
		func(p *dynamodb.QueryOutput) []map[string]dynamodb.AttributeValue { return p.Items })
}

// QueryPages returns the pages of a Query, as DynamoDB answers them:
// for the counts (Count, ScannedCount), the consumed capacity, or the
// LastEvaluatedKey to resume from later.
func (t *Table) QueryPages(ctx context.Context, key expr.KeyCondition, opts *QueryOptions) iter.Seq2[*dynamodb.QueryOutput, error] {
	const op = "Query"
	if opts == nil {
		opts = &QueryOptions{}
	}
	in, err := t.queryInput(key, opts)
	if err != nil {
		return fail[*dynamodb.QueryOutput](err)
	}
	return pages(ctx, op, opts.StartKey, func(ctx context.Context, start map[string]dynamodb.AttributeValue) (*dynamodb.QueryOutput, map[string]dynamodb.AttributeValue, error) {
		page := *in
		page.ExclusiveStartKey = start
		out, err := t.client.Query(ctx, &page, t.optFns...)
		if err != nil {
			return nil, nil, err
		}
		return out, out.LastEvaluatedKey, nil
	})
}

func (t *Table) queryInput(key expr.KeyCondition, opts *QueryOptions) (*dynamodb.QueryInput, error) {
	const op = "Query"
	if err := t.check(op); err != nil {
		return nil, err
	}
	if opts.PageSize < 0 {
		return nil, &Error{op, fmt.Errorf("PageSize %d: want 0 (no limit) or more", opts.PageSize)}
	}
	var b expr.Builder
	k, err := b.KeyCondition(key)
	if err != nil {
		return nil, &Error{op, err}
	}
	in := &dynamodb.QueryInput{
		TableName:              t.name,
		KeyConditionExpression: &k,
		IndexName:              optEnum(opts.IndexName),
		ConsistentRead:         optTrue(opts.ConsistentRead),
		ReturnConsumedCapacity: optEnum(opts.ReturnConsumedCapacity),
	}
	if opts.Descending {
		in.ScanIndexForward = new(bool)
	}
	if opts.PageSize > 0 {
		in.Limit = &opts.PageSize
	}
	if in.FilterExpression, err = optCondition(&b, opts.Filter); err != nil {
		return nil, &Error{op, err}
	}
	if in.ProjectionExpression, err = optProjection(&b, opts.Projection); err != nil {
		return nil, &Error{op, err}
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
	return in, nil
}

// ScanOptions are the optional parts of a Scan.
type ScanOptions struct {
	// IndexName scans a secondary index instead of the table.
	IndexName string
	// Filter drops items after they are read (FilterExpression).
	Filter expr.Condition
	// Projection names the attributes to read; none reads them all.
	Projection []string
	// ConsistentRead asks for strongly consistent reads.
	ConsistentRead bool
	// PageSize is DynamoDB's Limit: the number of items each request
	// reads (0: as many as fit in 1 MB).
	PageSize int32
	// Segment and TotalSegments scan one part of a parallel scan: with
	// TotalSegments > 0, segment Segment (0 to TotalSegments-1) of them.
	Segment, TotalSegments int32
	// StartKey is where to start: the LastEvaluatedKey of an earlier page.
	StartKey               map[string]dynamodb.AttributeValue
	ReturnConsumedCapacity dynamodb.ReturnConsumedCapacity
}

// Scan returns every item of the table or index that passes the filter,
// decoded into T (boto3's Table.scan, through every page); see Query for
// T and the iteration.
func Scan[T any](ctx context.Context, t *Table, opts *ScanOptions) iter.Seq2[T, error] {
	return items[T](ctx, "Scan", func(ctx context.Context) iter.Seq2[*dynamodb.ScanOutput, error] { return t.ScanPages(ctx, opts) },
		func(p *dynamodb.ScanOutput) []map[string]dynamodb.AttributeValue { return p.Items })
}

// ScanPages returns the pages of a Scan, as DynamoDB answers them.
func (t *Table) ScanPages(ctx context.Context, opts *ScanOptions) iter.Seq2[*dynamodb.ScanOutput, error] {
	const op = "Scan"
	if opts == nil {
		opts = &ScanOptions{}
	}
	in, err := t.scanInput(opts)
	if err != nil {
		return fail[*dynamodb.ScanOutput](err)
	}
	return pages(ctx, op, opts.StartKey, func(ctx context.Context, start map[string]dynamodb.AttributeValue) (*dynamodb.ScanOutput, map[string]dynamodb.AttributeValue, error) {
		page := *in
		page.ExclusiveStartKey = start
		out, err := t.client.Scan(ctx, &page, t.optFns...)
		if err != nil {
			return nil, nil, err
		}
		return out, out.LastEvaluatedKey, nil
	})
}

func (t *Table) scanInput(opts *ScanOptions) (*dynamodb.ScanInput, error) {
	const op = "Scan"
	if err := t.check(op); err != nil {
		return nil, err
	}
	if opts.PageSize < 0 {
		return nil, &Error{op, fmt.Errorf("PageSize %d: want 0 (no limit) or more", opts.PageSize)}
	}
	if opts.TotalSegments < 0 || opts.Segment < 0 || (opts.TotalSegments == 0 && opts.Segment != 0) || (opts.TotalSegments > 0 && opts.Segment >= opts.TotalSegments) {
		return nil, &Error{op, fmt.Errorf("ScanOptions.Segment %d of TotalSegments %d: want 0 <= Segment < TotalSegments, or both 0", opts.Segment, opts.TotalSegments)}
	}
	in := &dynamodb.ScanInput{
		TableName:              t.name,
		IndexName:              optEnum(opts.IndexName),
		ConsistentRead:         optTrue(opts.ConsistentRead),
		ReturnConsumedCapacity: optEnum(opts.ReturnConsumedCapacity),
	}
	if opts.PageSize > 0 {
		in.Limit = &opts.PageSize
	}
	if opts.TotalSegments > 0 {
		in.Segment, in.TotalSegments = &opts.Segment, &opts.TotalSegments
	}
	var b expr.Builder
	var err error
	if in.FilterExpression, err = optCondition(&b, opts.Filter); err != nil {
		return nil, &Error{op, err}
	}
	if in.ProjectionExpression, err = optProjection(&b, opts.Projection); err != nil {
		return nil, &Error{op, err}
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.Names(), b.Values()
	return in, nil
}

// pages calls page from start, then from each LastEvaluatedKey, until a
// page has none. A page ending where it started is an error (a service
// that would loop forever).
func pages[P any](ctx context.Context, op string, start map[string]dynamodb.AttributeValue,
	page func(context.Context, map[string]dynamodb.AttributeValue) (P, map[string]dynamodb.AttributeValue, error)) iter.Seq2[P, error] {
	return func(yield func(P, error) bool) {
		var zero P
		from := start
		for {
			p, next, err := page(ctx, from)
			if err != nil {
				yield(zero, err)
				return
			}
			if !yield(p, nil) || len(next) == 0 {
				return
			}
			if len(from) > 0 && sameKey(from, next) {
				yield(zero, fmt.Errorf("table: %s: the page that started at LastEvaluatedKey %s ended there again", op, formatItem(next, nil, 200)))
				return
			}
			from = next
		}
	}
}

// sink reads the items of a page's answer straight into T, through the
// client's rawitems customization: no attribute values are built for
// them. When it could not (a stubbed client, an item that does not
// decode: the answer's Items are then decoded as usual), taken is false.
type sink[T any] struct {
	rawitems.Sink
	page  []T
	taken bool
}

func newSink[T any](op string, path ...string) *sink[T] {
	s := &sink[T]{}
	s.Op, s.Path = op, path
	s.Decode = func(data []byte, count int) (int, error) {
		s.taken = false
		// Room for Count items, never more than data can hold ("{},"
		// each): no more than decoding data would take anyway.
		if count > cap(s.page) && count <= len(data)/3 {
			s.page = make([]T, 0, count)
		}
		n, err := attributevalue.UnmarshalItemsJSONPrefix(data, &s.page)
		s.taken = err == nil
		return n, err
	}
	return s
}

// items yields the items of each page of op, decoded into T: read
// straight from the answers by a sink of the iteration's own, or from
// the page's attribute values when the sink could not.
func items[T any, P any](ctx context.Context, op string, pages func(context.Context) iter.Seq2[P, error], of func(P) []map[string]dynamodb.AttributeValue) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		s := newSink[T](op)
		for p, err := range pages(rawitems.With(ctx, &s.Sink)) {
			if err != nil {
				yield(zero, err)
				return
			}
			if s.taken {
				s.taken = false
				for _, v := range s.page {
					if !yield(v, nil) {
						return
					}
				}
				clear(s.page) // nothing kept alive by the array
				continue
			}
			for _, it := range of(p) {
				var v T
				if err := attributevalue.UnmarshalMap(it, &v); err != nil {
					yield(zero, fmt.Errorf("table: %s: item %s: %w", op, formatItem(it, nil, 200), err))
					return
				}
				if !yield(v, nil) {
					return
				}
			}
		}
	}
}

// fail yields err once.
func fail[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// sameKey reports whether a and b are the same key.
func sameKey(a, b map[string]dynamodb.AttributeValue) bool {
	if len(a) != len(b) {
		return false
	}
	ka, err := keyOf(a, nil)
	if err != nil {
		return false
	}
	kb, err := keyOf(b, nil)
	return err == nil && ka == kb
}
