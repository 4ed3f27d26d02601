package query_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/query"
)

type verifyInput struct {
	EmailAddress string
}

type listOutput struct {
	Identities []string

	ResultMetadata protocol.ResponseMetadata
}

func Example() {
	str := &protocol.Shape{Name: "Address", Type: protocol.TypeString}
	op := &protocol.Operation{
		Service: &protocol.Service{ID: "SES", APIVersion: "2010-12-01", Protocol: "query"},
		Name:    "VerifyEmailIdentity", Method: "POST", RequestURI: "/",
		Input: &protocol.Shape{Name: "VerifyEmailIdentityRequest", Type: protocol.TypeStructure, Payload: -1,
			GoType:  reflect.TypeFor[verifyInput](),
			Members: []protocol.Member{{Name: "EmailAddress", Field: 0, Shape: str, Required: true}}},
		Output: &protocol.Shape{Name: "ListIdentitiesResponse", Type: protocol.TypeStructure, Payload: -1,
			GoType: reflect.TypeFor[listOutput](),
			Members: []protocol.Member{{Name: "Identities", Field: 0, Shape: &protocol.Shape{
				Name: "IdentityList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: str}}}}},
		ResultWrapper: "VerifyEmailIdentityResult",
	}

	u, _ := url.Parse("https://email.us-east-1.amazonaws.com")
	req := &http.Request{URL: u, Header: http.Header{}}
	if err := query.MarshalRequest(req, op, &verifyInput{EmailAddress: "me+ses@example.com"}, protocol.MarshalOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(req.Body)
	fmt.Println(req.Method, req.URL, req.Header.Get("Content-Type"))
	fmt.Println(string(body))

	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(
		`<VerifyEmailIdentityResponse><VerifyEmailIdentityResult><Identities><member>me+ses@example.com</member></Identities></VerifyEmailIdentityResult></VerifyEmailIdentityResponse>`))}
	var out listOutput
	if err := query.UnmarshalResponse(resp, op, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Identities)
	// Output:
	// POST https://email.us-east-1.amazonaws.com/ application/x-www-form-urlencoded; charset=utf-8
	// Action=VerifyEmailIdentity&Version=2010-12-01&EmailAddress=me%2Bses%40example.com
	// [me+ses@example.com]
}
