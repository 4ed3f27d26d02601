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
