package s3_test

import (
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3"
)

// newFromOptions returns a client with options o exactly.
func newFromOptions(o s3.Options) (*s3.Client, error) {
	return s3.New(goto3.Config{}, func(co *s3.Options) { *co = o })
}

// expiresIn presigns for d.
func expiresIn(d time.Duration) func(*s3.PresignOptions) {
	return func(o *s3.PresignOptions) { o.Expires = d }
}
