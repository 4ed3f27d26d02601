package ec2query_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/ec2query"
)

func Example() {
	// op and addrOp are hand-built schema values like those generated in
	// services/ec2.
	u, _ := url.Parse("https://ec2.us-east-1.amazonaws.com")
	req := &http.Request{URL: u, Header: http.Header{}}
	in := &describeInput{InstanceIds: []string{"i-1", "i-2"}, DryRun: ptr(true)}
	opts := protocol.MarshalOptions{NewIdempotencyToken: func() string { return "token-1" }}
	if err := ec2query.MarshalRequest(req, op, in, opts); err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(req.Body)
	fmt.Println(string(body))

	resp := &http.Response{StatusCode: 400, Body: io.NopCloser(strings.NewReader(
		`<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>denied</Message></Error></Errors><RequestID>r-1</RequestID></Response>`))}
	e := ec2query.UnmarshalError(resp, addrOp)
	fmt.Println(e.Code, e.Message, e.RequestID)
	// Output:
	// Action=DescribeInstances&Version=2016-11-15&DryRun=true&InstanceId.1=i-1&InstanceId.2=i-2&ClientToken=token-1
	// UnauthorizedOperation denied r-1
}
