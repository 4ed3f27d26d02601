package jsonrpc_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/jsonrpc"
)

func Example() {
	u, _ := url.Parse("https://demodb.us-east-1.amazonaws.com")
	req := &http.Request{URL: u, Header: http.Header{}}
	in := &getItemInput{TableName: ptr("Music")}
	opts := protocol.MarshalOptions{NewIdempotencyToken: func() string { return "00000000-0000-4000-8000-000000000000" }}
	if err := jsonrpc.MarshalRequest(req, &opGetItem, in, opts); err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(req.Body)
	fmt.Println(req.Method, req.URL)
	fmt.Println("X-Amz-Target:", req.Header.Get("X-Amz-Target"))
	fmt.Println("Content-Type:", req.Header.Get("Content-Type"))
	fmt.Println(string(body))

	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"Item":{"Artist":"No One You Know"}}`))}
	var out getItemOutput
	if err := jsonrpc.UnmarshalResponse(resp, &opGetItem, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Item)
	// Output:
	// POST https://demodb.us-east-1.amazonaws.com/
	// X-Amz-Target: DemoDB_20120810.GetItem
	// Content-Type: application/x-amz-json-1.0
	// {"TableName":"Music","Token":"00000000-0000-4000-8000-000000000000"}
	// map[Artist:No One You Know]
}

func ExampleUnmarshalError() {
	resp := &http.Response{
		StatusCode: 400,
		Header:     http.Header{"X-Amzn-Requestid": {"EXAMPLE"}},
		Body:       io.NopCloser(strings.NewReader(`{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`)),
	}
	re := jsonrpc.UnmarshalError(resp, &opGetItem)
	fmt.Println(re.Code, re.StatusCode, re.RequestID)
	fmt.Println(re.Message)
	if nf, ok := re.Modeled.(*notFound); ok {
		fmt.Println("modelled:", *nf.Message)
	}
	// Output:
	// ResourceNotFoundException 400 EXAMPLE
	// Requested resource not found
	// modelled: Requested resource not found
}
