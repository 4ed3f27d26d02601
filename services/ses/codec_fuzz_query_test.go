package ses_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol/query"
	"github.com/goto3/goto3/services/ses"
)

// FuzzQueryFormRoundTrip marshals SES SendEmail inputs made of arbitrary
// strings with protocol/query and checks that url.ParseQuery of the body
// gives exactly the form the wire names call for, no more and no less. Its
// EC2 half (CreateTags, protocol/ec2query) is the target of the same name
// in services/ec2: both take the same arguments and seeds (tags is EC2's).
func FuzzQueryFormRoundTrip(f *testing.F) {
	f.Add("sender@example.com", "Subject & more = yes", "body\r\ntext+%20", "to@example.com\ncc+x@example.com\n\u00e9\U0001F600", "")
	f.Add("", "", "", "", "i-123\nvpc-1\nName\nweb server\n\nempty")
	f.Add("\x00\xff", "a=b&c=d", "%zz", "\n\n", "k\x00\nv\xff")
	sendEmail := fuzzOp(f, ses.OperationSchemas(), "SendEmail")
	f.Fuzz(func(t *testing.T, source, subject, text, addrs, _ string) {
		source, subject, text = fuzzClip(source), fuzzClip(subject), fuzzClip(text)
		to := fuzzPieces(addrs, 4)
		charset := "UTF-8"
		in := &ses.SendEmailInput{
			Source:      source,
			Destination: &ses.Destination{ToAddresses: to, BccAddresses: []string{subject}},
			Message: &ses.Message{
				Subject: &ses.Content{Data: subject, Charset: &charset},
				Body:    &ses.Body{Text: &ses.Content{Data: text}, Html: &ses.Content{Data: fuzzClip(addrs)}},
			},
			ReplyToAddresses: []string{text, source},
			Tags:             []ses.MessageTag{{Name: subject, Value: text}},
		}
		want := url.Values{
			"Action":                            {"SendEmail"},
			"Version":                           {"2010-12-01"},
			"Source":                            {source},
			"Destination.BccAddresses.member.1": {subject},
			"Message.Subject.Data":              {subject},
			"Message.Subject.Charset":           {charset},
			"Message.Body.Text.Data":            {text},
			"Message.Body.Html.Data":            {fuzzClip(addrs)},
			"ReplyToAddresses.member.1":         {text},
			"ReplyToAddresses.member.2":         {source},
			"Tags.member.1.Name":                {subject},
			"Tags.member.1.Value":               {text},
		}
		for i, a := range to {
			want[fmt.Sprintf("Destination.ToAddresses.member.%d", i+1)] = []string{a}
		}
		got := formOf(t, query.MarshalRequest, sendEmail, in, "https://email.us-east-1.amazonaws.com")
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("SendEmail form (-want +got):\n%s", diff)
		}
	})
}
