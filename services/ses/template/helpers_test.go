package template_test

import (
	"os"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/ses"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// newFromOptions returns an SES client with options o exactly.
func newFromOptions(o ses.Options) (*ses.Client, error) {
	return ses.New(goto3.Config{}, func(co *ses.Options) { *co = o })
}
