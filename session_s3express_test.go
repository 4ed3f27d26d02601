package goto3_test

import (
	"testing"

	"github.com/goto3/goto3"
)

// TestS3DisableExpressSessionAuth: botocore's order is the environment,
// then the profile's s3_disable_express_session_auth (configprovider.py);
// the nested s3 section's disable_s3_express_session_auth is the client's
// s3 config key.
func TestS3DisableExpressSessionAuth(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		config string
		want   bool
	}{
		{"unset", nil, "", false},
		{"env true", map[string]string{"AWS_S3_DISABLE_EXPRESS_SESSION_AUTH": "true"}, "", true},
		{"env TRUE", map[string]string{"AWS_S3_DISABLE_EXPRESS_SESSION_AUTH": "TRUE"}, "", true},
		{"env false over profile", map[string]string{"AWS_S3_DISABLE_EXPRESS_SESSION_AUTH": "false"}, "[default]\ns3_disable_express_session_auth = true\n", false},
		{"profile key", nil, "[default]\ns3_disable_express_session_auth = true\n", true},
		{"s3 section", nil, "[default]\ns3 =\n  disable_s3_express_session_auth = true\n", true},
		{"profile false over s3 section", nil, "[default]\ns3_disable_express_session_auth = false\ns3 =\n  disable_s3_express_session_auth = true\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := goto3.NewSession(isolated(t, tt.env, tt.config, ""), goto3.WithRegion("us-east-1"))
			if err != nil {
				t.Fatal(err)
			}
			if got := s.S3().DisableS3ExpressSessionAuth; got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
