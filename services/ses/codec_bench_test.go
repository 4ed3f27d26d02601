package ses_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/query"
	"github.com/goto3/goto3/services/ses"
)

// sesOp returns the schema of an SES operation.
func sesOp(tb testing.TB, name string) *protocol.Operation {
	tb.Helper()
	for _, op := range ses.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	tb.Fatalf("no SES operation %s", name)
	return nil
}

func sendEmailInput() *ses.SendEmailInput {
	return &ses.SendEmailInput{
		Source: "Sender Name <sender@example.com>",
		Destination: &ses.Destination{
			ToAddresses:  []string{"alice@example.com", "bob@example.com"},
			CcAddresses:  []string{"carol@example.com"},
			BccAddresses: []string{"audit@example.com"},
		},
		Message: &ses.Message{
			Subject: &ses.Content{Data: "Your order #12345 has shipped", Charset: goto3.Ptr("UTF-8")},
			Body: &ses.Body{
				Text: &ses.Content{Data: "Hello Alice,\n\nYour order has shipped and will arrive on Tuesday.\n\nThanks!", Charset: goto3.Ptr("UTF-8")},
				Html: &ses.Content{Data: "<html><body><h1>Hello Alice</h1><p>Your order has shipped &amp; will arrive on Tuesday.</p></body></html>", Charset: goto3.Ptr("UTF-8")},
			},
		},
		ReplyToAddresses:     []string{"support@example.com"},
		ConfigurationSetName: goto3.Ptr("transactional"),
		Tags:                 []ses.MessageTag{{Name: "campaign", Value: "shipping"}, {Name: "tier", Value: "gold"}},
	}
}

// BenchmarkMarshalSendEmail serializes a typical SendEmail request.
func BenchmarkMarshalSendEmail(b *testing.B) {
	op := sesOp(b, "SendEmail")
	in := sendEmailInput()
	u, _ := url.Parse("https://email.us-east-1.amazonaws.com")
	b.ReportAllocs()
	var n int64
	for b.Loop() {
		uc := *u
		req := &http.Request{URL: &uc, Header: http.Header{}}
		if err := query.MarshalRequest(req, op, in, protocol.MarshalOptions{}); err != nil {
			b.Fatal(err)
		}
		n = req.ContentLength
	}
	b.SetBytes(n)
}

func listIdentitiesBody(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<ListIdentitiesResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
  <ListIdentitiesResult>
    <Identities>
`)
	for i := range n {
		fmt.Fprintf(&sb, "      <member>user%d@example.com</member>\n", i)
	}
	sb.WriteString(`    </Identities>
    <NextToken>QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=</NextToken>
  </ListIdentitiesResult>
  <ResponseMetadata>
    <RequestId>cacecf23-9bf1-11e1-9279-0100e8cf109a</RequestId>
  </ResponseMetadata>
</ListIdentitiesResponse>
`)
	return []byte(sb.String())
}

// BenchmarkUnmarshalListIdentities decodes a ListIdentities page of 100
// identities.
func BenchmarkUnmarshalListIdentities(b *testing.B) {
	op := sesOp(b, "ListIdentities")
	body := listIdentitiesBody(100)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var out ses.ListIdentitiesOutput
		resp := &http.Response{StatusCode: 200, ContentLength: int64(len(body)), Body: io.NopCloser(bytes.NewReader(body))}
		if err := query.UnmarshalResponse(resp, op, &out); err != nil {
			b.Fatal(err)
		}
		if len(out.Identities) != 100 {
			b.Fatalf("got %d identities, want 100", len(out.Identities))
		}
	}
}

// BenchmarkUnmarshalSendEmail decodes the SendEmail response.
func BenchmarkUnmarshalSendEmail(b *testing.B) {
	op := sesOp(b, "SendEmail")
	body := []byte(`<SendEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
  <SendEmailResult>
    <MessageId>00000137-e4b6-4d5e-8f0a-2c4d3b5e6f70-000000</MessageId>
  </SendEmailResult>
  <ResponseMetadata>
    <RequestId>d5964849-c866-11e0-9beb-01a62d68c57f</RequestId>
  </ResponseMetadata>
</SendEmailResponse>
`)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var out ses.SendEmailOutput
		resp := &http.Response{StatusCode: 200, ContentLength: int64(len(body)), Body: io.NopCloser(bytes.NewReader(body))}
		if err := query.UnmarshalResponse(resp, op, &out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnmarshalError decodes a modelled SES error.
func BenchmarkUnmarshalError(b *testing.B) {
	op := sesOp(b, "SendEmail")
	body := []byte(`<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
  <Error>
    <Type>Sender</Type>
    <Code>MessageRejected</Code>
    <Message>Email address is not verified. The following identities failed the check in region US-EAST-1: sender@example.com</Message>
  </Error>
  <RequestId>2d5d8b8a-4a9c-4b0a-9c3e-6f1e2d3c4b5a</RequestId>
</ErrorResponse>
`)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		resp := &http.Response{StatusCode: 400, ContentLength: int64(len(body)), Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		if e := query.UnmarshalError(resp, op); e.Modeled == nil {
			b.Fatalf("got unmodelled error %q", e.Code)
		}
	}
}
