package ses_test

import (
	"fmt"

	"github.com/goto3/goto3/services/ses"
)

// An input with nested structures: structure members are pointers, lists
// plain slices.
func Example() {
	subject := "Hello"
	in := &ses.SendEmailInput{
		Source:      "sender@example.com",
		Destination: &ses.Destination{ToAddresses: []string{"recipient@example.com"}},
		Message: &ses.Message{
			Subject: &ses.Content{Data: subject},
			Body:    &ses.Body{Text: &ses.Content{Data: "Hi there."}},
		},
	}
	fmt.Println(in.Source, in.Destination.ToAddresses, in.Message.Subject.Data)
	// Output: sender@example.com [recipient@example.com] Hello
}

// Query operations name the element that wraps their result.
func ExampleOperationSchemas() {
	for _, op := range ses.OperationSchemas() {
		if op.Name == "SendEmail" {
			fmt.Println(op.Name, op.ResultWrapper, op.Service.SigningName, op.Service.EndpointPrefix)
		}
	}
	// Output: SendEmail SendEmailResult ses email
}

// NewOperationOutput creates an operation's output by name.
func ExampleNewOperationOutput() {
	out := ses.NewOperationOutput("GetSendQuota")
	fmt.Printf("%T\n", out)
	// Output: *ses.GetSendQuotaOutput
}
