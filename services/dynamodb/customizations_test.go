package dynamodb_test

import (
	"context"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/internal/rawitems"
	"github.com/goto3/goto3/sigv4"
)

// The x-amz-crc32 header is checked on the raw body before decoding; a
// mismatch is retried, and reported when the attempts run out.
func TestCRC32Checked(t *testing.T) {
	const body = `{"TableNames":["a","b"]}`
	var n atomic.Int32
	var corrupt atomic.Int32 // answers to damage
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		sum := crc32.ChecksumIEEE([]byte(body))
		if corrupt.Load() > 0 {
			corrupt.Add(-1)
			sum++
		}
		w.Header().Set("X-Amz-Crc32", strconv.FormatUint(uint64(sum), 10))
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		io.WriteString(w, body)
	}))
	defer ts.Close()
	r, err := retry.New(retry.Options{BaseDelay: 1, MaxBackoff: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := dynamodb.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), EndpointURL: ts.URL},
		func(o *dynamodb.Options) { o.Retryer = r })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	corrupt.Store(1)
	out, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil {
		t.Fatalf("got %v, want success after one retry", err)
	}
	if len(out.TableNames) != 2 || out.ResultMetadata.Attempts != 2 || n.Load() != 2 {
		t.Errorf("got %v after %d attempts (%d requests), want [a b] after 2", out.TableNames, out.ResultMetadata.Attempts, n.Load())
	}

	corrupt.Store(10)
	_, err = c.ListTables(ctx, &dynamodb.ListTablesInput{})
	var mm *dynamodb.CRC32MismatchError
	if !errors.As(err, &mm) {
		t.Fatalf("got %v, want a *dynamodb.CRC32MismatchError", err)
	}
	var ex *retry.ExhaustedError
	if !errors.As(err, &ex) {
		t.Errorf("got %v, want the retries exhausted", err)
	}
}

// The endpoint parameter AccountId comes from the credentials, per
// AccountIDEndpointMode; operation context parameters (ResourceArnList from
// "keys(RequestItems)") reach the rule set too.
func TestAccountIDEndpoints(t *testing.T) {
	errStop := errors.New("stop")
	creds := credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET", AccountID: "111122223333"}}
	for _, tc := range []struct {
		name, mode string
		creds      credentials.Provider
		call       func(context.Context, *dynamodb.Client) error
		wantHost   string
		wantErr    string
	}{
		{"preferred", "", creds, listTables, "111122223333.ddb.us-east-1.amazonaws.com", ""},
		{"disabled", "disabled", creds, listTables, "dynamodb.us-east-1.amazonaws.com", ""},
		{"no account id", "", credentials.NewStatic("AKID", "SECRET", ""), listTables, "dynamodb.us-east-1.amazonaws.com", ""},
		{"required without one", "required", credentials.NewStatic("AKID", "SECRET", ""), listTables, "", "AccountIdEndpointMode is required"},
		{"table ARN of another account", "", creds, func(ctx context.Context, c *dynamodb.Client) error {
			_, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]dynamodb.KeysAndAttributes{
				"arn:aws:dynamodb:us-east-1:444455556666:table/t": {Keys: []map[string]dynamodb.AttributeValue{{"pk": {S: goto3.Ptr("1")}}}},
			}})
			return err
		}, "444455556666.ddb.us-east-1.amazonaws.com", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var host string
			c, err := dynamodb.New(goto3.Config{Region: "us-east-1", Credentials: tc.creds, AccountIDEndpointMode: tc.mode}, func(o *dynamodb.Options) {
				o.Hooks.BeforeSend = func(_ context.Context, r *http.Request) error {
					host = r.URL.Host
					return errStop
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			err = tc.call(context.Background(), c)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
				}
				return
			}
			if !errors.Is(err, errStop) {
				t.Fatal(err)
			}
			if host != tc.wantHost {
				t.Errorf("got host %s, want %s", host, tc.wantHost)
			}
		})
	}
}

func listTables(ctx context.Context, c *dynamodb.Client) error {
	_, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
	return err
}

// A Query or Scan whose context carries a rawitems.Sink for it has its
// answer's Items read by the sink; the codec decodes the rest. A sink
// that fails, or is for another operation, leaves the Items to the codec.
func TestItemSink(t *testing.T) {
	const body = `{"Count":2, "Items" : [{"a":{"S":"x"}},{"a":{"S":"y"}}],"LastEvaluatedKey":{"a":{"S":"y"}},"ScannedCount":5}`
	c := answering(t, body)
	var got []string
	var fail bool
	s := &rawitems.Sink{Op: "Query", Decode: func(data []byte, count int) (int, error) {
		if count != 2 {
			t.Errorf("Decode told Count %d, want 2", count)
		}
		got = append(got, string(data))
		if fail {
			return 0, errors.New("no")
		}
		return len(`[{"a":{"S":"x"}},{"a":{"S":"y"}}]`), nil
	}}
	ctx := rawitems.With(context.Background(), s)
	check := func(name string, out *dynamodb.QueryOutput, wantItems int) {
		t.Helper()
		if out.Count == nil || *out.Count != 2 || out.ScannedCount == nil || *out.ScannedCount != 5 || len(out.LastEvaluatedKey) != 1 || len(out.Items) != wantItems {
			t.Errorf("%s: got Count %v, ScannedCount %v, LastEvaluatedKey %v, %d items; want 2, 5, a key, %d items",
				name, out.Count, out.ScannedCount, out.LastEvaluatedKey, len(out.Items), wantItems)
		}
	}
	out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: "t"})
	if err != nil {
		t.Fatal(err)
	}
	check("taken", out, 0)
	if want := body[strings.Index(body, "["):]; len(got) != 1 || got[0] != want {
		t.Errorf("the sink got %q, want %q", got, want)
	}

	fail = true
	if out, err = c.Query(ctx, &dynamodb.QueryInput{TableName: "t"}); err != nil {
		t.Fatal(err)
	}
	check("refused", out, 2)

	got = nil
	if _, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: "t"}); err != nil || len(got) != 0 {
		t.Errorf("Scan with a Query sink: %v, the sink called %d times", err, len(got))
	}
}

// A BatchWriteItem whose context carries rawitems.Writes has those puts'
// items written into the body in place of the empty ones of the input;
// the body is signed as sent (the server verifies the signature over it).
func TestPutItems(t *testing.T) {
	var got map[string]any
	var verr error
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, verr = sigv4.Verify(r, sigv4.VerifyOptions{Now: time.Now(), Service: "dynamodb", Region: "us-east-1",
			Lookup: func(string) (sigv4.Credentials, bool) {
				return sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, true
			}})
		body, _ := io.ReadAll(r.Body)
		got = nil
		if err := json.Unmarshal(body, &got); err != nil {
			t.Errorf("body %s: %v", body, err)
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		io.WriteString(w, `{"UnprocessedItems":{}}`)
	}))
	defer ts.Close()
	c, err := dynamodb.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), EndpointURL: ts.URL})
	if err != nil {
		t.Fatal(err)
	}
	none := map[string]dynamodb.AttributeValue{}
	in := &dynamodb.BatchWriteItemInput{RequestItems: map[string][]dynamodb.WriteRequest{"t": {
		{PutRequest: &dynamodb.PutRequest{Item: none}},
		{DeleteRequest: &dynamodb.DeleteRequest{Key: map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr("d")}}}},
		{PutRequest: &dynamodb.PutRequest{Item: map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr("av")}}}},
		{PutRequest: &dynamodb.PutRequest{Item: none}},
	}}, ReturnConsumedCapacity: goto3.Ptr(dynamodb.ReturnConsumedCapacityTotal)}
	writes := &rawitems.Writes{Table: "t", Items: [][]byte{[]byte(`{"pk":{"S":"raw0"},"n":{"N":"1"}}`), nil, nil, []byte(`{"pk":{"S":"raw3"}}`)}}
	if _, err := c.BatchWriteItem(rawitems.WithWrites(context.Background(), writes), in); err != nil {
		t.Fatal(err)
	}
	if verr != nil {
		t.Errorf("signature: %v", verr)
	}
	want := map[string]any{"RequestItems": map[string]any{"t": []any{
		map[string]any{"PutRequest": map[string]any{"Item": map[string]any{"pk": map[string]any{"S": "raw0"}, "n": map[string]any{"N": "1"}}}},
		map[string]any{"DeleteRequest": map[string]any{"Key": map[string]any{"pk": map[string]any{"S": "d"}}}},
		map[string]any{"PutRequest": map[string]any{"Item": map[string]any{"pk": map[string]any{"S": "av"}}}},
		map[string]any{"PutRequest": map[string]any{"Item": map[string]any{"pk": map[string]any{"S": "raw3"}}}},
	}}, "ReturnConsumedCapacity": "TOTAL"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("body (-want +got):\n%s", d)
	}

	// Items that do not match the request are refused before sending.
	for _, w := range []*rawitems.Writes{
		{Table: "other", Items: writes.Items},
		{Table: "t", Items: writes.Items[:3]},
		{Table: "t", Items: [][]byte{nil, []byte(`{}`), nil, nil}}, // the delete is not a put
	} {
		got = nil
		_, err := c.BatchWriteItem(rawitems.WithWrites(context.Background(), w), in)
		if err == nil || !strings.Contains(err.Error(), "writing the batch's items") || got != nil {
			t.Errorf("writes %+v: got %v (sent: %v), want refused", w, err, got != nil)
		}
	}
}

// A sink's Path leads to the items elsewhere than Items: a BatchGetItem's
// Responses for the table; the rest (other tables too) is the codec's.
func TestItemSinkPath(t *testing.T) {
	const body = `{"Responses":{"a":[{"k":{"S":"1"}}],"t":[{"k":{"S":"2"}},{"k":{"S":"3"}}]},"UnprocessedKeys":{}}`
	c := answering(t, body)
	var got string
	s := &rawitems.Sink{Op: "BatchGetItem", Path: []string{"Responses", "t"}, Decode: func(data []byte, count int) (int, error) {
		got = string(data)
		return len(`[{"k":{"S":"2"}},{"k":{"S":"3"}}]`), nil
	}}
	in := &dynamodb.BatchGetItemInput{RequestItems: map[string]dynamodb.KeysAndAttributes{"t": {Keys: []map[string]dynamodb.AttributeValue{{"k": {S: goto3.Ptr("2")}}}}}}
	out, err := c.BatchGetItem(rawitems.With(context.Background(), s), in)
	if err != nil {
		t.Fatal(err)
	}
	if want := body[strings.Index(body, `[{"k":{"S":"2"}`):]; got != want {
		t.Errorf("the sink got %q, want %q", got, want)
	}
	if len(out.Responses["a"]) != 1 || len(out.Responses["t"]) != 0 {
		t.Errorf("Responses %v: want a's item, none for t", out.Responses)
	}
}

// answering returns a client of a server answering every request with
// body.
func answering(t *testing.T, body string) *dynamodb.Client {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		io.WriteString(w, body)
	}))
	t.Cleanup(ts.Close)
	c, err := dynamodb.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), EndpointURL: ts.URL})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
