package ec2_test

import (
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/ec2"
)

// newFromOptions returns a client with options o exactly.
func newFromOptions(o ec2.Options) (*ec2.Client, error) {
	return ec2.New(goto3.Config{}, func(co *ec2.Options) { *co = o })
}
