package ses_test

import (
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/ses"
)

// newFromOptions returns a client with options o exactly.
func newFromOptions(o ses.Options) (*ses.Client, error) {
	return ses.New(goto3.Config{}, func(co *ses.Options) { *co = o })
}
