package pipeline_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestPresignFormSpaces: a presigned Query-protocol operation carries its
// form parameters in the query string with spaces as %20, not the form
// body's "+", as botocore's SigV4QueryAuth writes them
// (percent_encode_sequence): the URL is botocore's byte for byte and means
// the same to a server that reads "+" literally. A "+" of the value stays
// %2B.
func TestPresignFormSpaces(t *testing.T) {
	c := newClient(t, &gadgetsService, "https://gadgets.example.com", newFakeClock())
	pr, err := c.Presign(context.Background(), &opSendGadget, &SendGadgetInput{Name: "g 1+2", Note: ptrTo("a b&c")}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(pr.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u.RawQuery, "Action=SendGadget&Version=2026-02-02&Name=g%201%2B2&Note=a%20b%26c&X-Amz-Algorithm=") {
		t.Errorf("query %s, want the parameters with %%20 for spaces", u.RawQuery)
	}
	if strings.Contains(u.RawQuery, "+") {
		t.Errorf("query %s contains a +", u.RawQuery)
	}
}
