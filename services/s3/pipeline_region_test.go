package s3_test

import (
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/s3"
)

// TestRegionValidated: a region that is not a DNS label is refused when the
// client is made, as botocore's validate_region_name does. The S3 rule set
// does not check the region on its path-style branches, so these would
// otherwise put another host into the URL (found by fuzz/FuzzPresignVerify).
func TestRegionValidated(t *testing.T) {
	creds := credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}}
	for _, tt := range []struct {
		region string
		ok     bool
	}{
		{"us-east-1", true},
		{"eu-west-2", true},
		{"US-EAST-1", true},
		{"a", true},
		{strings.Repeat("a", 63), true},
		{strings.Repeat("a", 64), false},
		{"x@evil.example/", false},
		{"evil.example#", false},
		{"evil.example/?", false},
		{"us-east-1.evil.example", false},
		{"-us-east-1", false},
		{"us-east-1-", false},
		{"us east 1", false},
	} {
		_, err := s3.New(goto3.Config{Region: tt.region, Credentials: creds}, func(o *s3.Options) {
			o.AddressingStyle = s3.AddressingStylePath
		})
		if tt.ok && err != nil {
			t.Errorf("region %q: got error %v, want none", tt.region, err)
		}
		if !tt.ok && (err == nil || !strings.Contains(err.Error(), "invalid region")) {
			t.Errorf("region %q: got error %v, want an invalid region error", tt.region, err)
		}
	}
}
