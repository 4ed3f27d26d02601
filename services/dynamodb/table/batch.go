package table

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol/jsonutil"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/internal/rawitems"
)

// BatchWriterOptions configure a BatchWriter.
type BatchWriterOptions struct {
	// OverwriteByKeys names the table's key attributes (the partition key,
	// and the sort key if it has one): a write whose key is already
	// waiting in the buffer replaces that write, so a batch never holds
	// one key twice, which DynamoDB refuses (boto3's overwrite_by_pkeys).
	// It also lets errors name items by their keys.
	OverwriteByKeys []string
	// FlushAmount is the number of writes that fills the buffer and sends
	// it (1 to 25, BatchWriteItem's limit; 0 is 25).
	FlushAmount int
	// Backoff paces the resending of unprocessed items and of batches
	// refused for throttling.
	Backoff Backoff
}

// A BatchWriter writes items in batches of BatchWriteItem, as boto3's
// Table.batch_writer: PutItem and DeleteItem add writes to a buffer, which
// is sent when it holds FlushAmount writes, and on Flush and Close. The
// items DynamoDB leaves unprocessed, and the batches it refuses for
// throttling (after the client's own retries), are sent again after a
// backoff until they are written or the context ends.
//
// No write is dropped silently: when writes cannot be sent (the context
// ended, or DynamoDB refused a batch for another reason), the call returns
// an *UnwrittenError holding every write not known to be written, the
// writer keeps that error, and every later call returns it, with the
// writes it was given added: checking Close's error is enough to learn
// about all of them. Writes in a request that failed may have been
// written; puts and deletes can be sent again safely.
//
// A put's item is written to JSON when PutItem is called
// (attributevalue.AppendItemJSON: the bytes MarshalMap and the client
// would write, without building attribute values), and goes into the
// request as it is; a stubbed client gets the attribute values instead,
// for the stubber to compare. Items DynamoDB leaves unprocessed come back
// as attribute values and are resent as such.
//
// A BatchWriter is safe for concurrent use; it sends one batch at a time.
// The writer's calls use the context it was made with.
type BatchWriter struct {
	t    *Table
	ctx  context.Context
	opts BatchWriterOptions

	// direct: puts are written to JSON straight from the caller's values
	// (a client that is not stubbed: a stubber compares inputs).
	direct bool

	mu      sync.Mutex
	arena   []byte // where the puts' JSON is copied to, appended to only
	buf     []pending
	retries int             // sends in a row that left writes to resend
	failed  *UnwrittenError // set once; then every write goes to it
	closed  bool
}

type pending struct {
	req dynamodb.WriteRequest // when raw is nil
	raw []byte                // a put's item in JSON (attributevalue.AppendItemJSON)
	key string                // keyOf the write's key attributes, with OverwriteByKeys
}

// request returns p as a write request, its item read back from JSON for
// a put written straight to it.
func (p *pending) request() dynamodb.WriteRequest {
	if p.raw == nil {
		return p.req
	}
	var item map[string]dynamodb.AttributeValue
	// AppendItemJSON wrote it: it reads back to MarshalMap's attributes.
	_ = attributevalue.UnmarshalItemJSON(p.raw, &item)
	return dynamodb.WriteRequest{PutRequest: &dynamodb.PutRequest{Item: item}}
}

// noItemPut is a put whose item the request body takes from
// rawitems.Writes (only read).
var noItemPut = &dynamodb.PutRequest{Item: map[string]dynamodb.AttributeValue{}}

// NewBatchWriter returns a writer to the table whose calls use ctx. Close
// it to send the last writes.
func (t *Table) NewBatchWriter(ctx context.Context, opts *BatchWriterOptions) (*BatchWriter, error) {
	const op = "NewBatchWriter"
	if err := t.check(op); err != nil {
		return nil, err
	}
	w := &BatchWriter{t: t, ctx: ctx, direct: !t.stubbed()}
	if opts != nil {
		w.opts = *opts
		w.opts.OverwriteByKeys = slices.Clone(opts.OverwriteByKeys)
	}
	if w.opts.FlushAmount == 0 {
		w.opts.FlushAmount = 25
	}
	if w.opts.FlushAmount < 1 || w.opts.FlushAmount > 25 {
		return nil, &Error{op, fmt.Errorf("FlushAmount %d: want 1 to 25", w.opts.FlushAmount)}
	}
	if len(w.opts.OverwriteByKeys) > 2 || slices.Contains(w.opts.OverwriteByKeys, "") ||
		(len(w.opts.OverwriteByKeys) == 2 && w.opts.OverwriteByKeys[0] == w.opts.OverwriteByKeys[1]) {
		return nil, &Error{op, fmt.Errorf("OverwriteByKeys %q: want the partition key's name and the sort key's, if any", w.opts.OverwriteByKeys)}
	}
	return w, nil
}

// ErrClosed is the error of a write to a closed BatchWriter.
var ErrClosed = errors.New("table: BatchWriter is closed")

// PutItem adds a put of item (a struct or a map, marshalled with
// attributevalue.MarshalMap) to the buffer, sending the buffer when it is
// full.
func (w *BatchWriter) PutItem(item any) error {
	const op = "BatchWriter.PutItem"
	if !w.direct {
		av, err := marshalItem(item, "item")
		if err != nil {
			return &Error{op, err}
		}
		return w.add(pending{req: dynamodb.WriteRequest{PutRequest: &dynamodb.PutRequest{Item: av}}}, op)
	}
	scratch := jsonScratch.Get().(*[]byte)
	defer jsonScratch.Put(scratch)
	raw, err := itemJSON((*scratch)[:0], item)
	if err != nil {
		return &Error{op, err}
	}
	*scratch = raw
	return w.add(pending{raw: raw}, op)
}

// jsonScratch holds buffers that PutItem writes items into before add
// copies them to the writer's arena.
var jsonScratch = sync.Pool{New: func() any { return new([]byte) }}

// itemJSON is marshalItem writing the item straight to JSON, appended to
// dst.
func itemJSON(dst []byte, v any) ([]byte, error) {
	if v == nil {
		return nil, errors.New("a nil item")
	}
	raw, err := attributevalue.AppendItemJSON(dst, v)
	if err != nil {
		return nil, fmt.Errorf("item: %w", err)
	}
	if string(raw[len(dst):]) == "{}" {
		return nil, fmt.Errorf("item %T has no attribute", v)
	}
	return raw, nil
}

// keep copies raw (a put's JSON, in a scratch buffer) to the arena and
// returns the copy. A new arena is started when the current one is full;
// the old one lives as long as writes in it do.
func (w *BatchWriter) keep(raw []byte) []byte {
	if cap(w.arena)-len(w.arena) < len(raw) {
		// Room for a batch of writes like this one, within bounds.
		w.arena = make([]byte, 0, max(min(len(raw)*w.opts.FlushAmount, maxArena), minArena, len(raw)))
	}
	start := len(w.arena)
	w.arena = append(w.arena, raw...)
	return w.arena[start:len(w.arena):len(w.arena)]
}

const (
	minArena = 4 << 10
	maxArena = 64 << 10
)

// DeleteItem adds a delete of the item with key to the buffer, sending
// the buffer when it is full.
func (w *BatchWriter) DeleteItem(key any) error {
	av, err := marshalItem(key, "key")
	if err != nil {
		return &Error{"BatchWriter.DeleteItem", err}
	}
	return w.add(pending{req: dynamodb.WriteRequest{DeleteRequest: &dynamodb.DeleteRequest{Key: av}}}, "BatchWriter.DeleteItem")
}

func (w *BatchWriter) add(p pending, op string) error {
	if len(w.opts.OverwriteByKeys) > 0 {
		attrs := attrsOf(p.req)
		if p.raw != nil {
			var err error
			if attrs, err = keyAttrs(p.raw, w.opts.OverwriteByKeys); err != nil {
				return &Error{op, err}
			}
		}
		var err error
		if p.key, err = keyOf(attrs, w.opts.OverwriteByKeys); err != nil {
			return &Error{op, err}
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	if p.raw != nil {
		p.raw = w.keep(p.raw)
	}
	if w.failed != nil {
		w.failed.Unwritten = append(w.failed.Unwritten, p.request())
		return w.failed.snapshot()
	}
	if p.key != "" {
		w.buf = slices.DeleteFunc(w.buf, func(q pending) bool { return q.key == p.key })
	}
	w.buf = append(w.buf, p)
	for len(w.buf) >= w.opts.FlushAmount {
		if err := w.send(); err != nil {
			return err
		}
	}
	return nil
}

// Flush sends every write in the buffer, resending what DynamoDB leaves
// unprocessed until all are written or the context ends.
func (w *BatchWriter) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.flush()
}

func (w *BatchWriter) flush() error {
	if w.failed != nil {
		return w.failed.snapshot()
	}
	for len(w.buf) > 0 {
		if err := w.send(); err != nil {
			return err
		}
	}
	return nil
}

// Close flushes the writer and closes it (boto3's leaving the with
// block): it returns Flush's error, or the writer's error if it had
// failed before. Later writes return ErrClosed; Close again returns what
// the first Close returned.
func (w *BatchWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		_ = w.flush() // a failure is kept in w.failed
		w.closed = true
	}
	if w.failed != nil {
		return w.failed.snapshot()
	}
	return nil
}

// Pending returns the number of writes in the buffer, not yet sent.
func (w *BatchWriter) Pending() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.buf)
}

// send sends one batch from the head of the buffer, after a backoff when
// the last send left writes to resend. Unprocessed writes go back to the
// head of the buffer. On an error that is not throttling, the writer
// fails.
func (w *BatchWriter) send() error {
	if w.retries > 0 {
		if err := w.opts.Backoff.wait(w.ctx, w.retries-1); err != nil {
			return w.fail(err)
		}
	}
	if err := w.ctx.Err(); err != nil {
		return w.fail(err)
	}
	n := min(len(w.buf), w.opts.FlushAmount)
	reqs := make([]dynamodb.WriteRequest, n)
	var raws [][]byte
	for i, p := range w.buf[:n] {
		if p.raw == nil {
			reqs[i] = p.req
			continue
		}
		if raws == nil {
			raws = make([][]byte, n)
		}
		raws[i] = p.raw
		reqs[i] = dynamodb.WriteRequest{PutRequest: noItemPut}
	}
	ctx := w.ctx
	if raws != nil {
		ctx = rawitems.WithWrites(ctx, &rawitems.Writes{Table: w.t.name, Items: raws})
	}
	out, err := w.t.client.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
		RequestItems: map[string][]dynamodb.WriteRequest{w.t.name: reqs},
	}, w.t.optFns...)
	if err != nil {
		if isThrottle(err) && w.ctx.Err() == nil {
			w.retries++
			return nil
		}
		return w.fail(err)
	}
	rest := w.buf[n:]
	var again []pending
	for _, req := range out.UnprocessedItems[w.t.name] {
		p := pending{req: req}
		if len(w.opts.OverwriteByKeys) > 0 {
			p.key, _ = keyOf(attrsOf(req), w.opts.OverwriteByKeys)
		}
		again = append(again, p)
	}
	w.buf = append(again, rest...)
	if len(again) > 0 {
		w.retries++
	} else {
		w.retries = 0
	}
	return nil
}

// fail moves the buffer into the writer's error, caused by err.
func (w *BatchWriter) fail(err error) error {
	u := &UnwrittenError{Table: w.t.name, Err: err, keyNames: w.opts.OverwriteByKeys}
	for i := range w.buf {
		u.Unwritten = append(u.Unwritten, w.buf[i].request())
	}
	w.buf = nil
	w.failed = u
	return u.snapshot()
}

// isThrottle reports whether err is DynamoDB refusing a request for
// throttling.
func isThrottle(err error) bool {
	var pte *dynamodb.ProvisionedThroughputExceededException
	return errors.As(err, &pte) || retry.IsThrottleCode(goto3.ErrorCode(err))
}

// attrsOf returns the item of a put or the key of a delete.
func attrsOf(r dynamodb.WriteRequest) map[string]dynamodb.AttributeValue {
	if r.PutRequest != nil {
		return r.PutRequest.Item
	}
	if r.DeleteRequest != nil {
		return r.DeleteRequest.Key
	}
	return nil
}

// An UnwrittenError is writes a BatchWriter could not write: Unwritten
// holds them (puts with their items, deletes with their keys), Err says
// why (the context's error, or DynamoDB's answer).
type UnwrittenError struct {
	Table     string
	Unwritten []dynamodb.WriteRequest
	Err       error

	keyNames []string
}

func (e *UnwrittenError) snapshot() *UnwrittenError {
	c := *e
	c.Unwritten = slices.Clone(e.Unwritten)
	return &c
}

// Error names the table, counts the writes and names the first ten, by
// their keys when the writer knew the key names.
func (e *UnwrittenError) Error() string {
	var b strings.Builder
	b.WriteString("table: ")
	b.WriteString(strconv.Itoa(len(e.Unwritten)))
	if len(e.Unwritten) == 1 {
		b.WriteString(" write")
	} else {
		b.WriteString(" writes")
	}
	b.WriteString(" to " + e.Table + " not written")
	for i, r := range e.Unwritten {
		if i == 10 {
			fmt.Fprintf(&b, ", and %d more", len(e.Unwritten)-10)
			break
		}
		if i == 0 {
			b.WriteString(" (")
		} else {
			b.WriteString(", ")
		}
		if r.DeleteRequest != nil {
			b.WriteString("delete ")
		} else {
			b.WriteString("put ")
		}
		b.WriteString(formatItem(attrsOf(r), e.keyNames, 120))
	}
	if len(e.Unwritten) > 0 {
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns Err.
func (e *UnwrittenError) Unwrap() error { return e.Err }

// keyAttrs returns the attributes of raw (an item in JSON) that names
// names, as the codec would decode them.
func keyAttrs(raw []byte, names []string) (map[string]dynamodb.AttributeValue, error) {
	r := jsonutil.NewReader(raw)
	if err := r.BeginObject(); err != nil {
		return nil, err
	}
	sub := []byte{'{'}
	for {
		key, ok, err := r.NextMember()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		keep := slices.Contains(names, string(key))
		if keep {
			if len(sub) > 1 {
				sub = append(sub, ',')
			}
			sub = append(jsonutil.AppendString(sub, string(key)), ':')
		}
		if _, err := r.Peek(); err != nil {
			return nil, err
		}
		start := r.Offset()
		if err := r.Skip(); err != nil {
			return nil, err
		}
		if keep {
			sub = append(sub, raw[start:r.Offset()]...)
		}
	}
	var m map[string]dynamodb.AttributeValue
	err := attributevalue.UnmarshalItemJSON(append(sub, '}'), &m)
	return m, err
}
