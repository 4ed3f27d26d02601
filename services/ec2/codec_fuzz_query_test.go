package ec2_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol/ec2query"
	"github.com/goto3/goto3/services/ec2"
)

// FuzzQueryFormRoundTrip marshals EC2 CreateTags inputs made of arbitrary
// strings with protocol/ec2query and checks that url.ParseQuery of the body
// gives exactly the form the wire names call for, no more and no less. Its
// SES half (SendEmail, protocol/query) is the target of the same name in
// services/ses: both take the same arguments and seeds (source sets DryRun
// here).
func FuzzQueryFormRoundTrip(f *testing.F) {
	f.Add("sender@example.com", "Subject & more = yes", "body\r\ntext+%20", "to@example.com\ncc+x@example.com\n\u00e9\U0001F600", "")
	f.Add("", "", "", "", "i-123\nvpc-1\nName\nweb server\n\nempty")
	f.Add("\x00\xff", "a=b&c=d", "%zz", "\n\n", "k\x00\nv\xff")
	createTags := fuzzOp(f, ec2.OperationSchemas(), "CreateTags")
	f.Fuzz(func(t *testing.T, source, _, _, _, tags string) {
		source = fuzzClip(source)
		ts := fuzzPieces(tags, 8)
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
