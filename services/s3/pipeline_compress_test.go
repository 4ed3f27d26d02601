package s3_test

import (
	"testing"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
)

// TestSessionOptionsCompressionAndRegionalEndpoint: the request compression
// settings and AWS_S3_US_EAST_1_REGIONAL_ENDPOINT reach the client's
// options through the session's Config.
func TestSessionOptionsCompressionAndRegionalEndpoint(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{
		"AWS_CONFIG_FILE":                        dir + "/none",
		"AWS_SHARED_CREDENTIALS_FILE":            dir + "/none",
		"AWS_REGION":                             "us-east-1",
		"AWS_ACCESS_KEY_ID":                      "AKID",
		"AWS_SECRET_ACCESS_KEY":                  "SECRET",
		"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES": "2048",
		"AWS_DISABLE_REQUEST_COMPRESSION":        "true",
		"AWS_S3_US_EAST_1_REGIONAL_ENDPOINT":     "regional",
	}
	sess, err := session.New(func(o *session.Options) {
		o.LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
		o.HomeDir = dir
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s3.New(sess.Config())
	if err != nil {
		t.Fatal(err)
	}
	o := c.Options()
	if o.RequestMinCompressionSizeBytes != 2048 || !o.DisableRequestCompression || o.USEast1RegionalEndpoint != "regional" {
		t.Errorf("got min %d, disable %v, us-east-1 %q; want 2048, true, regional",
			o.RequestMinCompressionSizeBytes, o.DisableRequestCompression, o.USEast1RegionalEndpoint)
	}
}
