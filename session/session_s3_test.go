package session_test

import (
	"testing"

	"strings"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
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
			s, err := session.New(isolated(t, tt.env, tt.config, ""), session.WithRegion("us-east-1"))
			if err != nil {
				t.Fatal(err)
			}
			if got := s3Options(s).DisableS3ExpressSessionAuth; got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// S3's own settings are read, and checked, when an S3 client is made from
// a session's Config.
func TestS3SettingsErrors(t *testing.T) {
	for _, tt := range []struct {
		name, config, wantErr string
		env                   map[string]string
	}{
		{"bad us_east_1_regional_endpoint", "", `invalid s3 us_east_1_regional_endpoint "Regional"`, map[string]string{"AWS_S3_US_EAST_1_REGIONAL_ENDPOINT": "Regional"}},
		{"bad nested us_east_1_regional_endpoint", "[default]\ns3 =\n  us_east_1_regional_endpoint = global\n", `invalid s3 us_east_1_regional_endpoint "global"`, nil},
		{"bad addressing style", "[default]\ns3 =\n  addressing_style = sideways\n", `invalid s3 addressing_style "sideways"`, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := session.New(isolated(t, tt.env, tt.config, ""), session.WithRegion("us-east-1"))
			if err != nil {
				t.Fatal(err)
			}
			_, err = s3.New(s.Config())
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}
