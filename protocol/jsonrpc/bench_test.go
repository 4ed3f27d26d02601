package jsonrpc_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"github.com/goto3/goto3/internal/testing/cputime"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/jsonrpc"
)

// DynamoDB's Query and BatchWriteItem shapes, written as internal/codegen
// generates them (AttributeValue is a recursive union).
type attributeValue struct {
	S    *string
	N    *string
	B    []byte
	SS   []string
	NS   []string
	BS   [][]byte
	M    map[string]attributeValue
	L    []attributeValue
	NULL *bool
	BOOL *bool
}

type consumedCapacity struct {
	TableName     *string
	CapacityUnits *float64
}

type queryOutput struct {
	Items            []map[string]attributeValue
	Count            *int32
	ScannedCount     *int32
	LastEvaluatedKey map[string]attributeValue
	ConsumedCapacity *consumedCapacity
	ResultMetadata   protocol.ResponseMetadata
}

type putRequest struct{ Item map[string]attributeValue }

type writeRequest struct{ PutRequest *putRequest }

type batchWriteItemInput struct {
	RequestItems           map[string][]writeRequest
	ReturnConsumedCapacity *string
}

var (
	ddbSvc      = protocol.Service{ID: "DynamoDB", Protocol: "json", JSONVersion: "1.0", TargetPrefix: "DynamoDB_20120810"}
	ddbString   = protocol.Shape{Name: "StringAttributeValue", Type: protocol.TypeString}
	ddbBlob     = protocol.Shape{Name: "BinaryAttributeValue", Type: protocol.TypeBlob}
	ddbBool     = protocol.Shape{Name: "BooleanAttributeValue", Type: protocol.TypeBoolean}
	ddbInt      = protocol.Shape{Name: "Integer", Type: protocol.TypeInteger}
	ddbDouble   = protocol.Shape{Name: "ConsumedCapacityUnits", Type: protocol.TypeDouble}
	ddbSS       = protocol.Shape{Name: "StringSetAttributeValue", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &ddbString}}
	ddbBS       = protocol.Shape{Name: "BinarySetAttributeValue", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &ddbBlob}}
	ddbAV       = protocol.Shape{Name: "AttributeValue", Type: protocol.TypeStructure, Union: true, Payload: -1, GoType: reflect.TypeFor[attributeValue]()}
	ddbMap      = protocol.Shape{Name: "MapAttributeValue", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &ddbString}, Value: &protocol.Member{Field: -1, Shape: &ddbAV}}
	ddbList     = protocol.Shape{Name: "ListAttributeValue", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &ddbAV}}
	ddbItems    = protocol.Shape{Name: "ItemList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &ddbMap}}
	ddbCC       = protocol.Shape{Name: "ConsumedCapacity", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[consumedCapacity](), Members: []protocol.Member{{Name: "TableName", Field: 0, Shape: &ddbString}, {Name: "CapacityUnits", Field: 1, Shape: &ddbDouble}}}
	ddbQueryOut = protocol.Shape{Name: "QueryOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[queryOutput](), Members: []protocol.Member{
		{Name: "Items", Field: 0, Shape: &ddbItems}, {Name: "Count", Field: 1, Shape: &ddbInt}, {Name: "ScannedCount", Field: 2, Shape: &ddbInt},
		{Name: "LastEvaluatedKey", Field: 3, Shape: &ddbMap}, {Name: "ConsumedCapacity", Field: 4, Shape: &ddbCC}}}
	ddbPut      = protocol.Shape{Name: "PutRequest", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[putRequest](), Members: []protocol.Member{{Name: "Item", Field: 0, Shape: &ddbMap}}}
	ddbWrite    = protocol.Shape{Name: "WriteRequest", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[writeRequest](), Members: []protocol.Member{{Name: "PutRequest", Field: 0, Shape: &ddbPut}}}
	ddbWrites   = protocol.Shape{Name: "WriteRequests", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &ddbWrite}}
	ddbReqItems = protocol.Shape{Name: "BatchWriteItemRequestMap", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &ddbString}, Value: &protocol.Member{Field: -1, Shape: &ddbWrites}}
	ddbBatchIn  = protocol.Shape{Name: "BatchWriteItemInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[batchWriteItemInput](), Members: []protocol.Member{
		{Name: "RequestItems", Field: 0, Shape: &ddbReqItems, Required: true}, {Name: "ReturnConsumedCapacity", Field: 1, Shape: &ddbString}}}
	opQuery = protocol.Operation{Service: &ddbSvc, Name: "Query", Method: "POST", RequestURI: "/", Output: &ddbQueryOut}
	opBatch = protocol.Operation{Service: &ddbSvc, Name: "BatchWriteItem", Method: "POST", RequestURI: "/", Input: &ddbBatchIn}
)

func init() {
	ddbAV.Members = []protocol.Member{
		{Name: "S", Field: 0, Shape: &ddbString}, {Name: "N", Field: 1, Shape: &ddbString}, {Name: "B", Field: 2, Shape: &ddbBlob},
		{Name: "SS", Field: 3, Shape: &ddbSS}, {Name: "NS", Field: 4, Shape: &ddbSS}, {Name: "BS", Field: 5, Shape: &ddbBS},
		{Name: "M", Field: 6, Shape: &ddbMap}, {Name: "L", Field: 7, Shape: &ddbList}, {Name: "NULL", Field: 8, Shape: &ddbBool}, {Name: "BOOL", Field: 9, Shape: &ddbBool},
	}
}

// item is one DynamoDB item in the wire form: a dozen attributes of every
// kind, a nested map and list.
func item(rng *rand.Rand, i int) map[string]any {
	s := func(v string) map[string]any { return map[string]any{"S": v} }
	n := func(v string) map[string]any { return map[string]any{"N": v} }
	return map[string]any{
		"pk":       s(fmt.Sprintf("customer#%08d", i/10)),
		"sk":       s(fmt.Sprintf("order#%08d", i)),
		"amount":   n(strconv.FormatFloat(rng.Float64()*1000, 'f', 2, 64)),
		"quantity": n(strconv.Itoa(rng.Intn(100))),
		"status":   s([]string{"PENDING", "SHIPPED", "DELIVERED"}[rng.Intn(3)]),
		"paid":     map[string]any{"BOOL": rng.Intn(2) == 0},
		"note":     map[string]any{"NULL": true},
		"tags":     map[string]any{"SS": []string{"gift", "express", fmt.Sprintf("batch-%d", rng.Intn(50))}},
		"thumb":    map[string]any{"B": "aGVsbG8gd29ybGQsIHRoaXMgaXMgYSB0aHVtYm5haWw="},
		"address": map[string]any{"M": map[string]any{
			"street": s(fmt.Sprintf("%d Main Street", rng.Intn(9999))), "city": s("Seattle"), "zip": n("98101"),
		}},
		"lines": map[string]any{"L": []any{
			map[string]any{"M": map[string]any{"sku": s(fmt.Sprintf("SKU-%06d", rng.Intn(1e6))), "qty": n("2"), "price": n("19.99")}},
			map[string]any{"M": map[string]any{"sku": s(fmt.Sprintf("SKU-%06d", rng.Intn(1e6))), "qty": n("1"), "price": n("5.49")}},
		}},
		"created": s("2024-05-06T07:08:09.123Z"),
	}
}

// queryBody is a Query answer of about size bytes.
func queryBody(size int) []byte {
	rng := rand.New(rand.NewSource(1))
	var items []any
	var b []byte
	for i := 0; len(b) < size; i += 100 {
		for j := 0; j < 100; j++ {
			items = append(items, item(rng, i+j))
		}
		b, _ = json.Marshal(map[string]any{
			"Items": items, "Count": len(items), "ScannedCount": len(items),
			"LastEvaluatedKey": map[string]any{"pk": map[string]any{"S": "customer#1"}, "sk": map[string]any{"S": "order#2"}},
			"ConsumedCapacity": map[string]any{"TableName": "Orders", "CapacityUnits": 128.5},
		})
	}
	return b
}

func TestQueryBodyDecodes(t *testing.T) {
	body := queryBody(1 << 20)
	var out queryOutput
	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}
	if err := jsonrpc.UnmarshalResponse(resp, &opQuery, &out); err != nil {
		t.Fatal(err)
	}
	var std struct{ Items []map[string]map[string]any }
	if err := json.Unmarshal(body, &std); err != nil {
		t.Fatal(err)
	}
	if len(out.Items) != len(std.Items) || *out.Count != int32(len(std.Items)) || len(out.Items[0]) != 12 {
		t.Fatalf("got %d items (Count %d), want %d", len(out.Items), *out.Count, len(std.Items))
	}
	it := out.Items[7]
	if *it["sk"].S != std.Items[7]["sk"]["S"] || *it["lines"].L[1].M["price"].N != "5.49" || string(it["thumb"].B) != "hello world, this is a thumbnail" || !*it["note"].NULL {
		t.Errorf("item 7 decoded wrong: %+v", it)
	}
}

// BenchmarkUnmarshalDynamoDBQuery_1MB decodes a 1 MB Query answer (about
// 1,900 items of 12 attributes, nested maps and lists) into the typed
// output, from the HTTP response.
func BenchmarkUnmarshalDynamoDBQuery_1MB(b *testing.B) {
	body := queryBody(1 << 20)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		var out queryOutput
		resp := &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}
		if err := jsonrpc.UnmarshalResponse(resp, &opQuery, &out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkEncodingJSONInterface_1MB is the comparison: encoding/json
// decoding the same answer into interface maps.
func BenchmarkEncodingJSONInterface_1MB(b *testing.B) {
	body := queryBody(1 << 20)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}

func batch(n int) *batchWriteItemInput {
	rng := rand.New(rand.NewSource(2))
	var writes []writeRequest
	for i := 0; i < n; i++ {
		raw, _ := json.Marshal(item(rng, i))
		var it map[string]attributeValue
		if err := json.Unmarshal(raw, &it); err != nil {
			panic(err)
		}
		writes = append(writes, writeRequest{PutRequest: &putRequest{Item: it}})
	}
	return &batchWriteItemInput{RequestItems: map[string][]writeRequest{"Orders": writes}, ReturnConsumedCapacity: ptr("TOTAL")}
}

// BenchmarkMarshalBatchWriteItem_25 encodes a BatchWriteItem request of
// 25 items (the operation's limit) into an *http.Request, and releases its
// body.
func BenchmarkMarshalBatchWriteItem_25(b *testing.B) {
	in := batch(25)
	u, _ := url.Parse("https://dynamodb.us-east-1.amazonaws.com")
	req := &http.Request{URL: u, Header: http.Header{}}
	if err := jsonrpc.MarshalRequest(req, &opBatch, in, protocol.MarshalOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(req.ContentLength)
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		req := &http.Request{URL: &url.URL{Scheme: "https", Host: u.Host}, Header: http.Header{}}
		if err := jsonrpc.MarshalRequest(req, &opBatch, in, protocol.MarshalOptions{}); err != nil {
			b.Fatal(err)
		}
		// As the pipeline does once the call is over.
		req.Body.(protocol.ReleasableBody).Release()
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkEncodingJSONTyped_1MB is another comparison: encoding/json
// decoding the same answer into the same Go types (its field names match
// the wire names).
func BenchmarkEncodingJSONTyped_1MB(b *testing.B) {
	body := queryBody(1 << 20)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		var out queryOutput
		if err := json.Unmarshal(body, &out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}
