package ses_test

import (
	"fmt"
	"testing"

	"github.com/goto3/goto3/services/ses"
)

// Query operations name the element that wraps their result; outputs are
// made by name.
func TestSchema(t *testing.T) {
	found := false
	for _, op := range ses.OperationSchemas() {
		if op.Name == "SendEmail" {
			found = true
			if got := fmt.Sprintln(op.ResultWrapper, op.Service.SigningName, op.Service.EndpointPrefix); got != "SendEmailResult ses email\n" {
				t.Errorf("got %q", got)
			}
		}
	}
	if !found {
		t.Error("no SendEmail")
	}
	if got := fmt.Sprintf("%T", ses.NewOperationOutput("GetSendQuota")); got != "*ses.GetSendQuotaOutput" {
		t.Errorf("got %s", got)
	}
}
