package restjson_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restjson"
)

func Example() {
	u, _ := url.Parse("https://lambda.us-east-1.amazonaws.com")
	req := &http.Request{URL: u, Header: http.Header{}}
	in := &invokeInput{FunctionName: "my-function", Qualifier: ptr("prod"), Payload: []byte(`{"name":"world"}`)}
	if err := restjson.MarshalRequest(req, &opInvoke, in, protocol.MarshalOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(req.Body)
	fmt.Println(req.Method, req.URL)
	fmt.Println(string(body))

	resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`"hello world"`))}
	var out invokeOutput
	if err := restjson.UnmarshalResponse(resp, &opInvoke, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*out.StatusCode, string(out.Payload))
	// Output:
	// POST https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/my-function/invocations?Qualifier=prod
	// {"name":"world"}
	// 200 "hello world"
}

func ExampleUnmarshalError() {
	resp := &http.Response{
		StatusCode: 429,
		Header: http.Header{
			"X-Amzn-Errortype": {"TooManyRequestsException:http://internal.amazon.com/coral/com.amazon.coral.service/"},
			"Retry-After":      {"3"},
		},
		Body: io.NopCloser(strings.NewReader(`{"message":"Rate exceeded","Reason":"CallerRateLimitExceeded"}`)),
	}
	re := restjson.UnmarshalError(resp, &opInvoke)
	fmt.Println(re.Code, re.StatusCode, re.Message)
	if tm, ok := re.Modeled.(*tooMany); ok {
		fmt.Println("retry after", *tm.RetryAfter, "s:", *tm.Reason)
	}
	// Output:
	// TooManyRequestsException 429 Rate exceeded
	// retry after 3 s: CallerRateLimitExceeded
}
