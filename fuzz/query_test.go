package fuzz_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/ec2query"
	"github.com/goto3/goto3/protocol/query"
	"github.com/goto3/goto3/services/ec2"
	"github.com/goto3/goto3/services/ses"
)

func opNamed(t testing.TB, ops []*protocol.Operation, name string) *protocol.Operation {
	t.Helper()
	for _, op := range ops {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no operation %s", name)
	return nil
}

func formOf(t *testing.T, marshal func(*http.Request, *protocol.Operation, any, protocol.MarshalOptions) error, op *protocol.Operation, in any, endpoint string) url.Values {
	t.Helper()
	u, _ := url.Parse(endpoint)
	req := &http.Request{Method: http.MethodGet, URL: u, Header: make(http.Header), Host: u.Host}
	if err := marshal(req, op, in, fixedTok); err != nil {
		t.Fatalf("%s: MarshalRequest: %v", op.Name, err)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatalf("%s: url.ParseQuery of the body: %v\nbody: %q", op.Name, err, body)
	}
	if ct := req.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded; charset=utf-8" {
		t.Errorf("%s: got Content-Type %q, want application/x-www-form-urlencoded; charset=utf-8", op.Name, ct)
	}
	return vals
}

// FuzzQueryFormRoundTrip marshals SES SendEmail (query) and EC2 CreateTags
// (ec2query) inputs made of arbitrary strings and checks that url.ParseQuery
// of the body gives exactly the form the wire names call for, no more and
// no less.
func FuzzQueryFormRoundTrip(f *testing.F) {
	f.Add("sender@example.com", "Subject & more = yes", "body\r\ntext+%20", "to@example.com\ncc+x@example.com\n\u00e9\U0001F600", "")
	f.Add("", "", "", "", "i-123\nvpc-1\nName\nweb server\n\nempty")
	f.Add("\x00\xff", "a=b&c=d", "%zz", "\n\n", "k\x00\nv\xff")
	sendEmail := opNamed(f, ses.OperationSchemas(), "SendEmail")
	createTags := opNamed(f, ec2.OperationSchemas(), "CreateTags")
	f.Fuzz(func(t *testing.T, source, subject, text, addrs, tags string) {
		source, subject, text = clip(source), clip(subject), clip(text)
		to := pieces(addrs, 4)
		charset := "UTF-8"
		in := &ses.SendEmailInput{
			Source:      source,
			Destination: &ses.Destination{ToAddresses: to, BccAddresses: []string{subject}},
			Message: &ses.Message{
				Subject: &ses.Content{Data: subject, Charset: &charset},
				Body:    &ses.Body{Text: &ses.Content{Data: text}, Html: &ses.Content{Data: clip(addrs)}},
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
			"Message.Body.Html.Data":            {clip(addrs)},
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

		ts := pieces(tags, 8)
		ct := &ec2.CreateTagsInput{Resources: ts[:(len(ts)+1)/2]}
		wantEC2 := url.Values{"Action": {"CreateTags"}, "Version": {"2016-11-15"}}
		for i, r := range ct.Resources {
			wantEC2[fmt.Sprintf("ResourceId.%d", i+1)] = []string{r}
		}
		for i := 0; i < len(ts); i += 2 {
			tag := ec2.Tag{Key: &ts[i]}
			n := len(ct.Tags) + 1
			wantEC2[fmt.Sprintf("Tag.%d.Key", n)] = []string{ts[i]}
			if i+1 < len(ts) {
				tag.Value = &ts[i+1]
				wantEC2[fmt.Sprintf("Tag.%d.Value", n)] = []string{ts[i+1]}
			}
			ct.Tags = append(ct.Tags, tag)
		}
		if source != "" {
			dry := len(source)%2 == 0
			ct.DryRun = &dry
			wantEC2["DryRun"] = []string{fmt.Sprint(dry)}
		}
		gotEC2 := formOf(t, ec2query.MarshalRequest, createTags, ct, "https://ec2.us-east-1.amazonaws.com")
		if diff := cmp.Diff(wantEC2, gotEC2); diff != "" {
			t.Errorf("CreateTags form (-want +got):\n%s", diff)
		}
	})
}
