// Package bench compares goto3 with aws-sdk-go-v2 on the same bytes, side
// by side in one run. It is a module of its own so that aws-sdk-go-v2
// never enters goto3's go.mod:
//
//	cd bench && go test -run '^$' -bench . -benchmem
package bench

import (
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	v2aws "github.com/aws/aws-sdk-go-v2/aws"
	v2creds "github.com/aws/aws-sdk-go-v2/credentials"
	v2ddb "github.com/aws/aws-sdk-go-v2/service/dynamodb"
	v2types "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/bench/internal/proc"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/dynamodb"
)

// queryResponse is a DynamoDB Query answer of n items, each with a dozen
// attributes: strings, numbers, a binary, a boolean, a string set, a list
// of maps and a nested map, about 1 KB each.
func queryResponse(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Count":` + strconv.Itoa(n) + `,"ScannedCount":` + strconv.Itoa(n) + `,"Items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"pk":{"S":"customer#%06d"},"sk":{"S":"order#2026-12-07T10:%02d:%02dZ#%d"},`, i/7, i%60, (i*7)%60, i)
		fmt.Fprintf(&b, `"status":{"S":"SHIPPED"},"total":{"N":"%d.%02d"},"qty":{"N":"%d"},"paid":{"BOOL":%t},`, 10+i%900, i%100, 1+i%9, i%3 != 0)
		fmt.Fprintf(&b, `"blob":{"B":"c2lnbmF0dXJlLTAxMjM0NTY3ODktYWJjZGVm"},"tags":{"SS":["gift","express","fragile-%d"]},`, i%5)
		b.WriteString(`"lines":{"L":[`)
		for j := range 3 {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"M":{"sku":{"S":"SKU-%05d-%d"},"price":{"N":"%d.99"},"count":{"N":"%d"},"note":{"NULL":true}}}`, i, j, 3+j*4, 1+j)
		}
		b.WriteString(`]},`)
		fmt.Fprintf(&b, `"address":{"M":{"street":{"S":"%d Example Street"},"city":{"S":"Springfield"},"zip":{"S":"%05d"},"geo":{"M":{"lat":{"N":"47.6%04d"},"lon":{"N":"-122.3%04d"}}}}},`, 100+i, i*13%100000, i, i*3)
		fmt.Fprintf(&b, `"history":{"L":[{"S":"created"},{"S":"paid"},{"S":"packed"},{"S":"shipped"},{"N":"%d"}]},"version":{"N":"%d"}}`, 1700000000+i, i%4)
	}
	b.WriteString(`],"LastEvaluatedKey":{"pk":{"S":"customer#999999"},"sk":{"S":"order#end"}}}`)
	return []byte(b.String())
}

// answer is an HTTP client and round tripper answering every request with
// body (and its x-amz-crc32, as DynamoDB sends it), after reading the
// request body.
type answer struct {
	body []byte
	crc  string
}

func newAnswer(body []byte) *answer {
	return &answer{body: body, crc: strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)}
}

func (a *answer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("X-Amz-Crc32", a.crc)
	h.Set("X-Amzn-Requestid", "REQ0123456789")
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(bytes.NewReader(a.body)),
		ContentLength: int64(len(a.body)), Request: req}, nil
}

func (a *answer) Do(req *http.Request) (*http.Response, error) { return a.RoundTrip(req) }

func goto3Client(b *testing.B, a *answer) *dynamodb.Client {
	c, err := dynamodb.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")},
		func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: a} })
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func v2Client(a *answer) *v2ddb.Client {
	return v2ddb.New(v2ddb.Options{Region: "us-east-1",
		Credentials: v2creds.NewStaticCredentialsProvider("AKID", "SECRET", ""), HTTPClient: a})
}

// BenchmarkQuery1000 decodes a 1000-item Query answer (about 1 MB) through
// a whole call of each SDK: sign, send to an in-memory answer, check the
// CRC32, decode into typed values.
func BenchmarkQuery1000(b *testing.B) {
	a := newAnswer(queryResponse(1000))
	b.Run("goto3", func(b *testing.B) {
		c, in := goto3Client(b, a), goto3Query()
		measure(b, len(a.body), func() {
			out, err := c.Query(context.Background(), in)
			if err != nil {
				b.Fatal(err)
			}
			checkCount(b, len(out.Items))
		})
	})
	b.Run("aws-sdk-go-v2", func(b *testing.B) {
		c, in := v2Client(a), v2Query()
		measure(b, len(a.body), func() {
			out, err := c.Query(context.Background(), in)
			if err != nil {
				b.Fatal(err)
			}
			checkCount(b, len(out.Items))
		})
	})
}

func goto3Query() *dynamodb.QueryInput {
	return &dynamodb.QueryInput{TableName: "orders", KeyConditionExpression: goto3.Ptr("pk = :pk"),
		ExpressionAttributeValues: map[string]dynamodb.AttributeValue{":pk": {S: goto3.Ptr("customer#000001")}}}
}

func v2Query() *v2ddb.QueryInput {
	return &v2ddb.QueryInput{TableName: v2aws.String("orders"), KeyConditionExpression: v2aws.String("pk = :pk"),
		ExpressionAttributeValues: map[string]v2types.AttributeValue{":pk": &v2types.AttributeValueMemberS{Value: "customer#000001"}}}
}

func checkCount(b *testing.B, n int) {
	if n != 1000 {
		b.Fatalf("got %d items", n)
	}
}

// BenchmarkBatchWriteItem25 encodes a 25-item BatchWriteItem (each item as
// in the Query answer) through a whole call of each SDK, answered "{}".
func BenchmarkBatchWriteItem25(b *testing.B) {
	a := newAnswer([]byte(`{"UnprocessedItems":{}}`))
	b.Run("goto3", func(b *testing.B) {
		c := goto3Client(b, a)
		in := goto3Batch(puts(b, 25, func(i int) (map[string]dynamodb.AttributeValue, error) { return goto3Item(i), nil }))
		measure(b, 0, func() {
			if _, err := c.BatchWriteItem(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("aws-sdk-go-v2", func(b *testing.B) {
		c := v2Client(a)
		in := v2Batch(puts(b, 25, func(i int) (map[string]v2types.AttributeValue, error) { return v2Item(i), nil }))
		measure(b, 0, func() {
			if _, err := c.BatchWriteItem(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// puts returns the n items item makes, failing b on an error.
func puts[M any](b *testing.B, n int, item func(int) (M, error)) []M {
	out := make([]M, n)
	for i := range out {
		var err error
		if out[i], err = item(i); err != nil {
			b.Fatal(err)
		}
	}
	return out
}

func goto3Batch(items []map[string]dynamodb.AttributeValue) *dynamodb.BatchWriteItemInput {
	reqs := make([]dynamodb.WriteRequest, len(items))
	for i, it := range items {
		reqs[i].PutRequest = &dynamodb.PutRequest{Item: it}
	}
	return &dynamodb.BatchWriteItemInput{RequestItems: map[string][]dynamodb.WriteRequest{"orders": reqs}}
}

func v2Batch(items []map[string]v2types.AttributeValue) *v2ddb.BatchWriteItemInput {
	reqs := make([]v2types.WriteRequest, len(items))
	for i, it := range items {
		reqs[i].PutRequest = &v2types.PutRequest{Item: it}
	}
	return &v2ddb.BatchWriteItemInput{RequestItems: map[string][]v2types.WriteRequest{"orders": reqs}}
}

// measure runs op in b's loop, reporting allocations, the CPU time per
// operation and, when n > 0, n bytes per operation.
func measure(b *testing.B, n int, op func()) {
	if n > 0 {
		b.SetBytes(int64(n))
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		op()
	}
}

// reportCPU reports the process's CPU time per operation (cpu-ns/op) when
// the function it returns is called: on a loaded machine it measures a
// benchmark's cost better than wall time. It includes the garbage
// collector's work on other threads.
func reportCPU(b *testing.B) func() {
	cpu0 := proc.CPUTime()
	return func() { b.ReportMetric(float64(proc.CPUTime()-cpu0)/float64(b.N), "cpu-ns/op") }
}

func s(v string) *string { return &v }

func goto3Item(i int) map[string]dynamodb.AttributeValue {
	t := i%3 != 0
	null := true
	var lines []dynamodb.AttributeValue
	for j := range 3 {
		lines = append(lines, dynamodb.AttributeValue{M: map[string]dynamodb.AttributeValue{
			"sku": {S: s(fmt.Sprintf("SKU-%05d-%d", i, j))}, "price": {N: s(fmt.Sprintf("%d.99", 3+j*4))},
			"count": {N: s(strconv.Itoa(1 + j))}, "note": {NULL: &null}}})
	}
	return map[string]dynamodb.AttributeValue{
		"pk": {S: s(fmt.Sprintf("customer#%06d", i/7))}, "sk": {S: s(fmt.Sprintf("order#%d", i))},
		"status": {S: s("SHIPPED")}, "total": {N: s(fmt.Sprintf("%d.%02d", 10+i%900, i%100))},
		"qty": {N: s(strconv.Itoa(1 + i%9))}, "paid": {BOOL: &t}, "blob": {B: []byte("signature-0123456789-abcdef")},
		"tags":  {SS: []string{"gift", "express", fmt.Sprintf("fragile-%d", i%5)}},
		"lines": {L: lines},
		"address": {M: map[string]dynamodb.AttributeValue{"street": {S: s(fmt.Sprintf("%d Example Street", 100+i))},
			"city": {S: s("Springfield")}, "zip": {S: s(fmt.Sprintf("%05d", i*13%100000))},
			"geo": {M: map[string]dynamodb.AttributeValue{"lat": {N: s(fmt.Sprintf("47.6%04d", i))}, "lon": {N: s(fmt.Sprintf("-122.3%04d", i*3))}}}}},
		"history": {L: []dynamodb.AttributeValue{{S: s("created")}, {S: s("paid")}, {S: s("packed")}, {S: s("shipped")}, {N: s(strconv.Itoa(1700000000 + i))}}},
		"version": {N: s(strconv.Itoa(i % 4))},
	}
}

func v2Item(i int) map[string]v2types.AttributeValue {
	type av = v2types.AttributeValue
	S := func(v string) av { return &v2types.AttributeValueMemberS{Value: v} }
	N := func(v string) av { return &v2types.AttributeValueMemberN{Value: v} }
	var lines []av
	for j := range 3 {
		lines = append(lines, &v2types.AttributeValueMemberM{Value: map[string]av{
			"sku": S(fmt.Sprintf("SKU-%05d-%d", i, j)), "price": N(fmt.Sprintf("%d.99", 3+j*4)),
			"count": N(strconv.Itoa(1 + j)), "note": &v2types.AttributeValueMemberNULL{Value: true}}})
	}
	return map[string]av{
		"pk": S(fmt.Sprintf("customer#%06d", i/7)), "sk": S(fmt.Sprintf("order#%d", i)),
		"status": S("SHIPPED"), "total": N(fmt.Sprintf("%d.%02d", 10+i%900, i%100)),
		"qty": N(strconv.Itoa(1 + i%9)), "paid": &v2types.AttributeValueMemberBOOL{Value: i%3 != 0},
		"blob":  &v2types.AttributeValueMemberB{Value: []byte("signature-0123456789-abcdef")},
		"tags":  &v2types.AttributeValueMemberSS{Value: []string{"gift", "express", fmt.Sprintf("fragile-%d", i%5)}},
		"lines": &v2types.AttributeValueMemberL{Value: lines},
		"address": &v2types.AttributeValueMemberM{Value: map[string]av{"street": S(fmt.Sprintf("%d Example Street", 100+i)),
			"city": S("Springfield"), "zip": S(fmt.Sprintf("%05d", i*13%100000)),
			"geo": &v2types.AttributeValueMemberM{Value: map[string]av{"lat": N(fmt.Sprintf("47.6%04d", i)), "lon": N(fmt.Sprintf("-122.3%04d", i*3))}}}},
		"history": &v2types.AttributeValueMemberL{Value: []av{S("created"), S("paid"), S("packed"), S("shipped"), N(strconv.Itoa(1700000000 + i))}},
		"version": N(strconv.Itoa(i % 4)),
	}
}
