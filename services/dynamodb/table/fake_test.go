package table_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
	"github.com/goto3/goto3/services/dynamodb/table"
	"github.com/goto3/goto3/stubber"
)

// fakeDB is a DynamoDB that answers BatchWriteItem, BatchGetItem and
// Query as its script says, and records what it was sent.
type fakeDB struct {
	t  *testing.T
	mu sync.Mutex
	// answer decides a call's answer: n is the call's number of its
	// operation (from 0), reqs the requests or keys it holds (raw JSON).
	// It returns the indexes of reqs to leave unprocessed, or an error
	// code to answer with a 400.
	answer func(op string, n int, reqs []json.RawMessage) (unprocessed []int, errCode string)
	calls  map[string]int
	// written counts, per item id (the "pk" string), the puts and deletes
	// DynamoDB took.
	written map[string]int
	// batches are the ids of each BatchWriteItem call.
	batches [][]string
	// query answers a Query call: its body, and the answer's JSON.
	query func(n int, body map[string]json.RawMessage) string
	items map[string]bool // for BatchGetItem: the ids that exist
}

func newFake(t *testing.T) (*fakeDB, *table.Table) {
	f := &fakeDB{t: t, calls: map[string]int{}, written: map[string]int{}, items: map[string]bool{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c, err := dynamodb.New(goto3.Config{}, func(o *dynamodb.Options) {
		o.Region = "us-east-1"
		o.Credentials = credentials.NewStatic("AKID", "SECRET", "")
		o.EndpointURL = srv.URL
		o.RetryMaxAttempts = 1 // throttling reaches the table's own backoff
	})
	if err != nil {
		t.Fatal(err)
	}
	return f, table.New(c, "t")
}

func (f *fakeDB) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		// The client went away mid-body: a call whose context ended
		// (TestBatchGetContextEnds) while it was being sent.
		return
	}
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "DynamoDB_20120810.")
	var in map[string]json.RawMessage
	if err := json.Unmarshal(body, &in); err != nil {
		f.t.Errorf("%s: body %q: %v", op, body, err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.calls[op]
	f.calls[op]++
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	switch op {
	case "BatchWriteItem":
		var ri map[string][]json.RawMessage
		_ = json.Unmarshal(in["RequestItems"], &ri)
		reqs := ri["t"]
		var ids []string
		for _, q := range reqs {
			ids = append(ids, writeID(f.t, q))
		}
		f.batches = append(f.batches, ids)
		un, code := f.answer(op, n, reqs)
		if code != "" {
			writeErr(w, code)
			return
		}
		var left []json.RawMessage
		for i, q := range reqs {
			if slices.Contains(un, i) {
				left = append(left, q)
			} else {
				f.written[ids[i]]++
			}
		}
		out := map[string]any{"UnprocessedItems": map[string]any{}}
		if len(left) > 0 {
			out["UnprocessedItems"] = map[string]any{"t": left}
		}
		_ = json.NewEncoder(w).Encode(out)
	case "BatchGetItem":
		var ri map[string]struct {
			Keys []json.RawMessage
		}
		_ = json.Unmarshal(in["RequestItems"], &ri)
		keys := ri["t"].Keys
		if len(keys) > 100 {
			f.t.Errorf("BatchGetItem with %d keys", len(keys))
		}
		un, code := f.answer(op, n, keys)
		if code != "" {
			writeErr(w, code)
			return
		}
		var left []json.RawMessage
		var got []json.RawMessage
		for i, k := range keys {
			if slices.Contains(un, i) {
				left = append(left, k)
				continue
			}
			id := keyID(f.t, k)
			f.written[id]++
			if f.items[id] {
				got = append(got, json.RawMessage(fmt.Sprintf(`{"pk":{"S":%q},"n":{"N":"1"}}`, id)))
			}
		}
		out := map[string]any{"Responses": map[string]any{"t": got}, "UnprocessedKeys": map[string]any{}}
		if len(left) > 0 {
			out["UnprocessedKeys"] = map[string]any{"t": map[string]any{"Keys": left}}
		}
		_ = json.NewEncoder(w).Encode(out)
	case "Query", "Scan":
		_, _ = io.WriteString(w, f.query(n, in))
	default:
		writeErr(w, "UnknownOperationException")
	}
}

func writeErr(w http.ResponseWriter, code string) {
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintf(w, `{"__type":"com.amazonaws.dynamodb.v20120810#%s","message":"scripted %s"}`, code, code)
}

// writeID is the "pk" of a put's item or a delete's key.
func writeID(t *testing.T, raw json.RawMessage) string {
	var q struct {
		PutRequest    *struct{ Item json.RawMessage }
		DeleteRequest *struct{ Key json.RawMessage }
	}
	if err := json.Unmarshal(raw, &q); err != nil {
		t.Error(err)
	}
	if q.PutRequest != nil {
		return keyID(t, q.PutRequest.Item)
	}
	return "delete:" + keyID(t, q.DeleteRequest.Key)
}

func keyID(t *testing.T, raw json.RawMessage) string {
	var k struct {
		PK struct{ S string } `json:"pk"`
	}
	if err := json.Unmarshal(raw, &k); err != nil {
		t.Error(err)
	}
	return k.PK.S
}

type item struct {
	PK string `dynamodb:"pk"`
	V  int    `dynamodb:"v"`
}

func id(i int) string { return fmt.Sprintf("item-%03d", i) }

// fastBackoff waits at most a few milliseconds and counts its waits.
func fastBackoff(waits *int) table.Backoff {
	return table.Backoff{Min: time.Millisecond, Max: 4 * time.Millisecond, Rand: func() float64 { *waits++; return 0.5 }}
}

// TestBatchWriterResends: DynamoDB leaves items unprocessed, and
// throttles, several times; every item is written exactly once, no batch
// holds more than 25 writes or one key twice, and the writer backed off.
func TestBatchWriterResends(t *testing.T) {
	f, tbl := newFake(t)
	f.answer = func(op string, n int, reqs []json.RawMessage) ([]int, string) {
		switch {
		case n == 2 || n == 5:
			return nil, "ProvisionedThroughputExceededException"
		case n == 7:
			return nil, "ThrottlingException"
		case n < 10:
			var un []int
			for i := range reqs {
				if i%2 == n%2 || i%3 == 0 {
					un = append(un, i)
				}
			}
			return un, ""
		}
		return nil, ""
	}
	waits := 0
	w, err := tbl.NewBatchWriter(context.Background(), &table.BatchWriterOptions{OverwriteByKeys: []string{"pk"}, Backoff: fastBackoff(&waits)})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 80 {
		if err := w.PutItem(item{id(i), 1}); err != nil {
			t.Fatal(err)
		}
		if i%8 == 0 { // the same key again: replaces the buffered put
			if err := w.PutItem(item{id(i), 2}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.DeleteItem(map[string]any{"pk": "gone"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Pending() != 0 {
		t.Errorf("%d writes pending after Close", w.Pending())
	}
	for i := range 80 {
		if n := f.written[id(i)]; n != 1 {
			t.Errorf("%s written %d times, want 1", id(i), n)
		}
	}
	if n := f.written["delete:gone"]; n != 1 {
		t.Errorf("delete written %d times, want 1", n)
	}
	if len(f.written) != 81 {
		t.Errorf("%d ids written, want 81", len(f.written))
	}
	for i, b := range f.batches {
		if len(b) > 25 || len(b) == 0 {
			t.Errorf("batch %d holds %d writes", i, len(b))
		}
		seen := map[string]bool{}
		for _, id := range b {
			if seen[id] {
				t.Errorf("batch %d holds %s twice", i, id)
			}
			seen[id] = true
		}
	}
	// Each of the 10 scripted answers is followed by a backoff and a send.
	if f.calls["BatchWriteItem"] < 11 || waits < 10 {
		t.Errorf("%d calls and %d backoffs, want at least 11 and 10", f.calls["BatchWriteItem"], waits)
	}
}

// TestBatchWriterContextEnds: DynamoDB never processes anything; when the
// context ends, the error names every write, puts and deletes, and later
// calls add theirs.
func TestBatchWriterContextEnds(t *testing.T) {
	f, tbl := newFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.answer = func(op string, n int, reqs []json.RawMessage) ([]int, string) {
		if n == 0 { // the first batch is half written
			return []int{1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23}, ""
		}
		if n == 4 {
			cancel()
		}
		un := make([]int, len(reqs))
		for i := range un {
			un[i] = i
		}
		return un, ""
	}
	waits := 0
	w, err := tbl.NewBatchWriter(ctx, &table.BatchWriterOptions{OverwriteByKeys: []string{"pk"}, Backoff: fastBackoff(&waits)})
	if err != nil {
		t.Fatal(err)
	}
	// Put 24 sends the first batch: 13 are written, 12 go back to the
	// buffer. Put 37 fills it again: its sends leave everything, until the
	// context ends.
	var firstErr error
	for i := range 50 {
		if err := w.PutItem(item{id(i), i}); err != nil {
			if firstErr == nil {
				firstErr = err
				if i != 37 {
					t.Errorf("first error at put %d, want 37", i)
				}
			}
		}
	}
	if firstErr == nil {
		t.Fatal("no error after the context ended")
	}
	if err := w.DeleteItem(item{PK: "del"}); err == nil {
		t.Error("a delete after the failure: no error")
	}
	err = w.Close()
	var u *table.UnwrittenError
	if !errors.As(err, &u) {
		t.Fatalf("Close: got %v, want an *UnwrittenError", err)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Close: got %v, want it to wrap context.Canceled", err)
	}
	// Every write is either taken by DynamoDB or in the error, not both.
	inErr := map[string]bool{}
	for _, r := range u.Unwritten {
		var k string
		if r.PutRequest != nil {
			k = *r.PutRequest.Item["pk"].S
		} else {
			k = "delete:" + *r.DeleteRequest.Key["pk"].S
		}
		if inErr[k] {
			t.Errorf("%s twice in the error", k)
		}
		inErr[k] = true
	}
	for i := range 50 {
		written, unwritten := f.written[id(i)] == 1, inErr[id(i)]
		if written == unwritten {
			t.Errorf("%s: written %v, in the error %v: want exactly one", id(i), written, unwritten)
		}
	}
	if !inErr["delete:del"] {
		t.Error("the delete after the failure is not in the error")
	}
	if len(f.written) != 13 || len(u.Unwritten) != 38 {
		t.Errorf("%d written, %d in the error; want 13 and 38", len(f.written), len(u.Unwritten))
	}
	var fu *table.UnwrittenError
	if !errors.As(firstErr, &fu) || len(fu.Unwritten) != 25 || !errors.Is(firstErr, context.Canceled) {
		t.Errorf("first error: %v, want 25 writes not written, context canceled", firstErr)
	}
	msg := err.Error()
	for _, want := range []string{"table: 38 writes to t not written (put {pk: \"item-001\"}, put {pk: \"item-003\"}, ", ", and 28 more): ", "context canceled"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not contain %q", msg, want)
		}
	}
	if err := w.PutItem(item{PK: "late"}); !errors.Is(err, table.ErrClosed) {
		t.Errorf("put after Close: got %v, want ErrClosed", err)
	}
	if err2 := w.Close(); !errors.As(err2, &u) || len(u.Unwritten) != 38 {
		t.Errorf("second Close: got %v", err2)
	}
}

// TestBatchWriterFails: an error that is not throttling fails the
// writer at once, with the writes of the batch named.
func TestBatchWriterFails(t *testing.T) {
	f, tbl := newFake(t)
	f.answer = func(string, int, []json.RawMessage) ([]int, string) { return nil, "ValidationException" }
	w, err := tbl.NewBatchWriter(context.Background(), &table.BatchWriterOptions{FlushAmount: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.PutItem(item{id(0), 0}); err != nil {
		t.Fatal(err)
	}
	err = w.PutItem(item{id(1), 1})
	var u *table.UnwrittenError
	if !errors.As(err, &u) || len(u.Unwritten) != 2 || goto3.ErrorCode(err) != "ValidationException" {
		t.Fatalf("got %v, want an UnwrittenError of 2 writes caused by a ValidationException", err)
	}
	if want := `table: 2 writes to t not written (put {pk: "item-000", v: 0}, put {pk: "item-001", v: 1}): dynamodb: BatchWriteItem:`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q, want it to start %q", err, want)
	}
	if err := w.Flush(); !errors.As(err, &u) || len(u.Unwritten) != 2 {
		t.Errorf("Flush after the failure: %v", err)
	}
	if err := w.Close(); !errors.As(err, &u) || len(u.Unwritten) != 2 {
		t.Errorf("Close after the failure: %v", err)
	}
	if f.calls["BatchWriteItem"] != 1 {
		t.Errorf("%d calls, want 1", f.calls["BatchWriteItem"])
	}
}

// TestBatchGetResends: unprocessed keys and throttling are resent until
// every key is read once.
func TestBatchGetResends(t *testing.T) {
	f, tbl := newFake(t)
	for i := range 250 {
		if i%5 != 0 {
			f.items[id(i)] = true
		}
	}
	f.answer = func(op string, n int, keys []json.RawMessage) ([]int, string) {
		switch {
		case n == 1:
			return nil, "ProvisionedThroughputExceededException"
		case n < 6:
			var un []int
			for i := range keys {
				if i%4 == n%4 {
					un = append(un, i)
				}
			}
			return un, ""
		}
		return nil, ""
	}
	var keys []any
	for i := range 250 {
		keys = append(keys, map[string]any{"pk": id(i)})
	}
	keys = append(keys, map[string]any{"pk": id(7)}) // twice: read once
	waits := 0
	got, err := table.BatchGet[item](context.Background(), tbl, keys, &table.BatchGetOptions{Backoff: fastBackoff(&waits)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 200 {
		t.Errorf("got %d items, want 200", len(got))
	}
	for i := range 250 {
		if n := f.written[id(i)]; n != 1 {
			t.Errorf("%s read %d times, want 1", id(i), n)
		}
	}
	if waits < 5 {
		t.Errorf("%d backoffs, want at least 5", waits)
	}
}

// TestBatchGetContextEnds: the keys never read are named.
func TestBatchGetContextEnds(t *testing.T) {
	f, tbl := newFake(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	f.answer = func(op string, n int, keys []json.RawMessage) ([]int, string) {
		return []int{0}, "" // the first key is never processed
	}
	f.items[id(1)], f.items[id(2)] = true, true
	got, err := table.BatchGet[item](ctx, tbl, []any{item{PK: id(0)}, item{PK: id(1)}, item{PK: id(2)}}, &table.BatchGetOptions{Backoff: table.Backoff{Min: time.Millisecond, Max: 2 * time.Millisecond}})
	var u *table.UnreadError
	if !errors.As(err, &u) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want an UnreadError of the deadline", err)
	}
	if len(u.Unread) != 1 || *u.Unread[0]["pk"].S != id(0) || len(got) != 2 {
		t.Errorf("unread %v, got %d items; want item-000 unread and 2 items", u.Unread, len(got))
	}
	if want := `table: 1 keys of t not read ({pk: "item-000", v: 0}): `; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q, want it to start %q", err, want)
	}
}

// TestQueryPaging: each page starts at the last one's LastEvaluatedKey
// with the same expressions; a page that ends where it started is an
// error, not an endless loop.
func TestQueryPaging(t *testing.T) {
	f, tbl := newFake(t)
	var bodies []map[string]json.RawMessage
	f.query = func(n int, body map[string]json.RawMessage) string {
		bodies = append(bodies, body)
		switch n {
		case 0:
			return `{"Items":[{"pk":{"S":"a"},"v":{"N":"1"}}],"LastEvaluatedKey":{"pk":{"S":"a"}}}`
		case 1:
			return `{"Items":[],"LastEvaluatedKey":{"pk":{"S":"b"}}}`
		case 2:
			return `{"Items":[{"pk":{"S":"c"},"v":{"N":"3"}}],"LastEvaluatedKey":{"pk":{"S":"c"}}}`
		}
		return `{"Items":[{"pk":{"S":"d"},"v":{"N":"4"}}],"LastEvaluatedKey":{"pk":{"S":"c"}}}`
	}
	var got []string
	var lastErr error
	for it, err := range table.Query[item](context.Background(), tbl, expr.Key("pk").Eq("x"), &table.QueryOptions{Filter: expr.Attr("v").Gt(0), PageSize: 1}) {
		if err != nil {
			lastErr = err
			continue
		}
		got = append(got, it.PK)
	}
	if want := []string{"a", "c", "d"}; !slices.Equal(got, want) {
		t.Errorf("got items %v, want %v", got, want)
	}
	if lastErr == nil || !strings.Contains(lastErr.Error(), `table: Query: the page that started at LastEvaluatedKey {pk: "c"} ended there again`) {
		t.Errorf("got %v, want the loop refused", lastErr)
	}
	if len(bodies) != 4 {
		t.Fatalf("%d requests, want 4", len(bodies))
	}
	wantStart := []string{"", `{"pk":{"S":"a"}}`, `{"pk":{"S":"b"}}`, `{"pk":{"S":"c"}}`}
	for i, b := range bodies {
		if got := string(b["ExclusiveStartKey"]); got != wantStart[i] {
			t.Errorf("request %d: ExclusiveStartKey %s, want %s", i, got, wantStart[i])
		}
		for _, k := range []string{"KeyConditionExpression", "FilterExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "Limit"} {
			if string(b[k]) != string(bodies[0][k]) || len(b[k]) == 0 {
				t.Errorf("request %d: %s %s, first request's %s", i, k, b[k], bodies[0][k])
			}
		}
	}
	if got, want := string(bodies[0]["KeyConditionExpression"]), `"#n0 = :v0"`; got != want {
		t.Errorf("KeyConditionExpression %s, want %s", got, want)
	}
	if got, want := string(bodies[0]["FilterExpression"]), `"#n1 \u003e :v1"`; got != want && got != `"#n1 > :v1"` {
		t.Errorf("FilterExpression %s, want %s", got, want)
	}
}

// TestRefusedBeforeSending: bad input fails with a *table.Error and
// sends nothing.
func TestRefusedBeforeSending(t *testing.T) {
	f, tbl := newFake(t)
	ctx := context.Background()
	noName := table.New(tbl.Client(), "")
	firstErr := func(seq func(func(item, error) bool)) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	bw := func(opts *table.BatchWriterOptions) error { _, err := tbl.NewBatchWriter(ctx, opts); return err }
	w, err := tbl.NewBatchWriter(ctx, &table.BatchWriterOptions{OverwriteByKeys: []string{"pk", "sk"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"no_name", func() error { _, err := noName.PutItem(ctx, item{PK: "a"}, nil); return err }(), "table: PutItem: a Table without a name"},
		{"nil_table", func() error { _, err := (*table.Table)(nil).DeleteItem(ctx, item{}, nil); return err }(), "table: DeleteItem: a Table without a client"},
		{"nil_item", func() error { _, err := tbl.PutItem(ctx, nil, nil); return err }(), "table: PutItem: a nil item"},
		{"item_not_a_map", func() error { _, err := tbl.PutItem(ctx, "text", nil); return err }(), "table: PutItem: item: attributevalue"},
		{"empty_item", func() error { _, err := tbl.PutItem(ctx, map[string]any{}, nil); return err }(), "table: PutItem: item map[string]interface {} has no attribute"},
		{"bad_condition", func() error {
			_, err := tbl.PutItem(ctx, item{PK: "a"}, &table.PutOptions{Condition: expr.Attr("a..b").Exists()})
			return err
		}(), `table: PutItem: expr: condition: attribute path "a..b"`},
		{"bad_key", func() error { _, err := tbl.GetItem(ctx, map[string]any{"pk": make(chan int)}, nil, nil); return err }(), "table: GetItem: key: attributevalue"},
		{"bad_projection", func() error {
			_, err := tbl.GetItem(ctx, item{PK: "a"}, nil, &table.GetOptions{Projection: []string{"x["}})
			return err
		}(), "table: GetItem: expr: projection"},
		{"empty_update", func() error { _, err := tbl.UpdateItem(ctx, item{PK: "a"}, expr.Update{}, nil); return err }(), "table: UpdateItem: expr: update: an Update with no action"},
		{"zero_key_condition", firstErr(table.Query[item](ctx, tbl, expr.KeyCondition{}, nil)), "table: Query: expr: key condition: the zero KeyCondition"},
		{"negative_page", firstErr(table.Query[item](ctx, tbl, expr.Key("pk").Eq(1), &table.QueryOptions{PageSize: -1})), "table: Query: PageSize -1"},
		{"bad_filter", firstErr(table.Scan[item](ctx, tbl, &table.ScanOptions{Filter: expr.Attr("a").In()})), "table: Scan: expr: condition: In with no value"},
		{"bad_segment", firstErr(table.Scan[item](ctx, tbl, &table.ScanOptions{Segment: 3, TotalSegments: 3})), "table: Scan: ScanOptions.Segment 3 of TotalSegments 3"},
		{"segment_alone", firstErr(table.Scan[item](ctx, tbl, &table.ScanOptions{Segment: 1})), "table: Scan: ScanOptions.Segment 1 of TotalSegments 0"},
		{"flush_amount", bw(&table.BatchWriterOptions{FlushAmount: 26}), "table: NewBatchWriter: FlushAmount 26: want 1 to 25"},
		{"three_keys", bw(&table.BatchWriterOptions{OverwriteByKeys: []string{"a", "b", "c"}}), "table: NewBatchWriter: OverwriteByKeys"},
		{"same_key_twice", bw(&table.BatchWriterOptions{OverwriteByKeys: []string{"a", "a"}}), "table: NewBatchWriter: OverwriteByKeys"},
		{"missing_key", w.PutItem(item{PK: "a"}), `table: BatchWriter.PutItem: no key attribute "sk"`},
		{"key_of_wrong_type", w.DeleteItem(map[string]any{"pk": "a", "sk": []int{1}}), `table: BatchWriter.DeleteItem: key attribute "sk" is L: keys are strings, numbers or binary`},
		{"batch_get_bad_key", func() error { _, err := table.BatchGet[item](ctx, tbl, []any{item{PK: "a"}, nil}, nil); return err }(), "table: BatchGet: a nil key 1"},
		{"batch_get_key_type", func() error {
			_, err := table.BatchGet[item](ctx, tbl, []any{map[string]any{"pk": true}}, nil)
			return err
		}(), `table: BatchGet: key 0: key attribute "pk" is BOOL`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil || !strings.HasPrefix(tt.err.Error(), tt.want) {
				t.Fatalf("got %v, want an error starting %q", tt.err, tt.want)
			}
			var te *table.Error
			if !errors.As(tt.err, &te) {
				t.Errorf("%v is not a *table.Error", tt.err)
			}
		})
	}
	if w.Pending() != 0 {
		t.Errorf("%d writes buffered after refusals", w.Pending())
	}
	if len(f.calls) != 0 {
		t.Errorf("requests were sent: %v", f.calls)
	}
}

func TestBackoff(t *testing.T) {
	b := table.Backoff{Min: 10 * time.Millisecond, Max: 100 * time.Millisecond, Rand: func() float64 { return 0.5 }}
	var got []time.Duration
	for n := range 7 {
		got = append(got, table.BackoffDelay(b, n))
	}
	want := []time.Duration{5, 10, 20, 40, 50, 50, 50}
	for i := range want {
		want[i] *= time.Millisecond
	}
	if !slices.Equal(got, want) {
		t.Errorf("delays %v, want %v", got, want)
	}
	if d := table.BackoffDelay(b, 1000); d != 50*time.Millisecond {
		t.Errorf("delay 1000: %v, want the cap's half, 50ms", d)
	}
	def := table.Backoff{Rand: func() float64 { return 0.999 }}
	if d0, d9 := table.BackoffDelay(def, 0), table.BackoffDelay(def, 9); d0 > 50*time.Millisecond || d0 < 49*time.Millisecond || d9 > 5*time.Second || d9 < 4990*time.Millisecond {
		t.Errorf("zero Backoff: %v and %v, want under 50ms and 5s", d0, d9)
	}
	one := table.Backoff{Min: time.Second, Max: time.Second}
	for range 100 {
		if d := table.BackoffDelay(one, 3); d < 0 || d >= time.Second {
			t.Fatalf("random delay %v out of [0, 1s)", d)
		}
	}
}

// TestBatchWriterConcurrent: writers on several goroutines share one
// BatchWriter; every item is written once.
func TestBatchWriterConcurrent(t *testing.T) {
	f, tbl := newFake(t)
	f.answer = func(op string, n int, reqs []json.RawMessage) ([]int, string) {
		if n%3 == 1 {
			return []int{0, len(reqs) - 1}, ""
		}
		return nil, ""
	}
	waits := 0
	w, err := tbl.NewBatchWriter(context.Background(), &table.BatchWriterOptions{OverwriteByKeys: []string{"pk"}, Backoff: fastBackoff(&waits)})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if err := w.PutItem(item{id(g*50 + i), g}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if n := f.written[id(i)]; n != 1 {
			t.Errorf("%s written %d times, want 1", id(i), n)
		}
	}
}

func TestEmptyKeyRefused(t *testing.T) {
	_, tbl := newFake(t)
	w, err := tbl.NewBatchWriter(context.Background(), &table.BatchWriterOptions{OverwriteByKeys: []string{"pk"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []any{map[string]any{"pk": ""}, map[string]any{"pk": []byte{}}} {
		if err := w.DeleteItem(k); err == nil || !strings.Contains(err.Error(), `key attribute "pk" is empty`) {
			t.Errorf("DeleteItem(%v): got %v, want an empty key refused", k, err)
		}
	}
}

// richItem has fields of many kinds, so that an item's fields left over
// from an earlier page would show.
type richItem struct {
	PK   string            `dynamodb:"pk"`
	V    int               `dynamodb:"v"`
	Tags []string          `dynamodb:"tags,stringset"`
	M    map[string]string `dynamodb:"m"`
	P    *float64          `dynamodb:"p"`
	Any  any               `dynamodb:"any"`
}

// Query and Scan read the items straight from the answers (the codec's
// attribute values are not built): each item starts from T's zero value,
// whatever the earlier pages held, and reads as UnmarshalMap reads it.
func TestQueryScanTypedPages(t *testing.T) {
	f, tbl := newFake(t)
	pagesJSON := []string{
		`{"Count":2,"Items":[{"pk":{"S":"a"},"v":{"N":"1"},"tags":{"SS":["x","y"]},"m":{"M":{"k":{"S":"v"}}},"p":{"N":"1.5"},"any":{"L":[{"N":"2"}]}},{"pk":{"S":"b"}}],"LastEvaluatedKey":{"pk":{"S":"b"}}}`,
		`{"Count":1,"Items":[{"pk":{"S":"c"},"any":{"NULL":true}}]}`,
	}
	f.query = func(n int, _ map[string]json.RawMessage) string { return pagesJSON[n%2] }
	p := 1.5
	want := []richItem{
		{PK: "a", V: 1, Tags: []string{"x", "y"}, M: map[string]string{"k": "v"}, P: &p, Any: []any{attributevalue.Number("2")}},
		{PK: "b"}, {PK: "c"},
	}
	var got []richItem
	for it, err := range table.Query[richItem](context.Background(), tbl, expr.Key("pk").Eq("x"), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Query (-want +got):\n%s", d)
	}
	got = nil
	for it, err := range table.Scan[richItem](context.Background(), tbl, nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Scan (-want +got):\n%s", d)
	}
	// The same pages read through the attribute values.
	var viaAV []richItem
	for page, err := range tbl.QueryPages(context.Background(), expr.Key("pk").Eq("x"), nil) {
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			var v richItem
			if err := attributevalue.UnmarshalMap(it, &v); err != nil {
				t.Fatal(err)
			}
			viaAV = append(viaAV, v)
		}
	}
	if d := cmp.Diff(want, viaAV); d != "" {
		t.Errorf("QueryPages and UnmarshalMap (-want +got):\n%s", d)
	}
	// Leaving the loop early stops the requests.
	queries := func() int { f.mu.Lock(); defer f.mu.Unlock(); return f.calls["Query"] }
	calls := queries()
	for range table.Query[richItem](context.Background(), tbl, expr.Key("pk").Eq("x"), nil) {
		break
	}
	if n := queries() - calls; n != 1 {
		t.Errorf("%d requests for one item, want 1", n)
	}
}

// An item that does not read into T is reported with the item, after the
// items before it, as UnmarshalMap reports it.
func TestQueryItemRefused(t *testing.T) {
	f, tbl := newFake(t)
	f.query = func(int, map[string]json.RawMessage) string {
		return `{"Items":[{"pk":{"S":"a"},"v":{"N":"1"}},{"pk":{"S":"b"},"v":{"S":"two"}}]}`
	}
	var got []string
	var last error
	for it, err := range table.Query[item](context.Background(), tbl, expr.Key("pk").Eq("x"), nil) {
		if err != nil {
			last = err
			break
		}
		got = append(got, it.PK)
	}
	if !slices.Equal(got, []string{"a"}) || last == nil ||
		!strings.Contains(last.Error(), `table: Query: item {pk: "b", v: "two"}: attributevalue: unmarshal v: cannot unmarshal S into int`) {
		t.Errorf("got %v, then %v", got, last)
	}
}

// A stubbed client answers with attribute values: Query reads those.
func TestQueryStubbed(t *testing.T) {
	st := stubber.New()
	st.AddResponse("Query", stubber.Any, &dynamodb.QueryOutput{Items: []map[string]dynamodb.AttributeValue{
		{"pk": {S: goto3.Ptr("a")}, "v": {N: goto3.Ptr("7")}},
	}})
	c, err := dynamodb.New(goto3.Config{Region: "us-east-1", Stubber: st})
	if err != nil {
		t.Fatal(err)
	}
	var got []item
	for it, err := range table.Query[item](context.Background(), table.New(c, "t"), expr.Key("pk").Eq("a"), nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it)
	}
	if want := []item{{"a", 7}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// A stubbed client sees the BatchWriteItem input with its items (the
// writer does not write them straight to JSON for a stubber).
func TestBatchWriterStubbed(t *testing.T) {
	st := stubber.New()
	want := &dynamodb.BatchWriteItemInput{RequestItems: map[string][]dynamodb.WriteRequest{"t": {
		{PutRequest: &dynamodb.PutRequest{Item: map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr("a")}, "v": {N: goto3.Ptr("1")}}}},
	}}}
	st.AddResponse("BatchWriteItem", want, &dynamodb.BatchWriteItemOutput{})
	for _, cfg := range []struct {
		client goto3.Config
		optFns []func(*dynamodb.Options)
	}{
		{goto3.Config{Region: "us-east-1", Stubber: st}, nil},
		{goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")},
			[]func(*dynamodb.Options){func(o *dynamodb.Options) { o.Stubber = st }}},
	} {
		c, err := dynamodb.New(cfg.client)
		if err != nil {
			t.Fatal(err)
		}
		w, err := table.New(c, "t", cfg.optFns...).NewBatchWriter(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.PutItem(item{"a", 1}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		st.AddResponse("BatchWriteItem", want, &dynamodb.BatchWriteItemOutput{})
	}
}

// BatchGet reads the answers' items straight into T; one that does not
// read is reported with the item, after the items read before it, as
// UnmarshalMap reports it.
func TestBatchGetItemRefused(t *testing.T) {
	f, tbl := newFake(t)
	f.items[id(1)], f.items[id(2)] = true, true
	f.answer = func(string, int, []json.RawMessage) ([]int, string) { return nil, "" }
	keys := []any{map[string]any{"pk": id(1)}, map[string]any{"pk": id(2)}}
	got, err := table.BatchGet[richItem](context.Background(), tbl, keys, nil)
	if err != nil || len(got) != 2 || got[0].PK != id(1) || got[1].PK != id(2) {
		t.Fatalf("got %+v, %v", got, err)
	}
	type boolN struct {
		PK string `dynamodb:"pk"`
		N  bool   `dynamodb:"n"`
	}
	_, err = table.BatchGet[boolN](context.Background(), tbl, keys, nil)
	if err == nil || !strings.Contains(err.Error(), `table: BatchGet: item {n: 1, pk: "item-001"}: attributevalue: unmarshal n: cannot unmarshal N 1 into bool`) {
		t.Errorf("got %v", err)
	}
}
