package sigv4_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goto3/goto3/sigv4"
)

func TestCredentialsNeverPrintSecrets(t *testing.T) {
	c := sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "SECRETSECRET", SessionToken: "TOKENTOKEN"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		got := fmt.Sprintf(verb, c)
		if strings.Contains(got, "SECRETSECRET") || strings.Contains(got, "TOKENTOKEN") {
			t.Errorf("%s: got %q, which shows a secret", verb, got)
		}
		if verb != "%x" && verb != "%X" && !strings.Contains(got, "AKIDEXAMPLE") && verb != "%d" {
			t.Errorf("%s: got %q, want the access key id shown", verb, got)
		}
	}
	// Inside other values too.
	got := fmt.Sprintf("%+v", struct{ C sigv4.Credentials }{c})
	if strings.Contains(got, "SECRETSECRET") || strings.Contains(got, "TOKENTOKEN") {
		t.Errorf("nested: got %q, which shows a secret", got)
	}
	got = fmt.Sprintf("%v", &c)
	if strings.Contains(got, "SECRETSECRET") {
		t.Errorf("pointer: got %q, which shows a secret", got)
	}
}
