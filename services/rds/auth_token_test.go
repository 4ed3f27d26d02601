package rds_test

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/rds"
)

// IAM database authentication tokens equal botocore's
// generate_db_auth_token byte for byte (testdata/gen_authtoken.py, botocore
// 1.43.11, a fixed clock and keys), through BuildAuthToken and through the
// client's GenerateDBAuthToken (its region when none is given).
func TestAuthTokenBotocore(t *testing.T) {
	raw, err := os.ReadFile("testdata/authtoken.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Time  time.Time `json:"time"`
		Cases []struct {
			Name            string
			ClientRegion    string  `json:"client_region"`
			Hostname        string  `json:"hostname"`
			Port            int     `json:"port"`
			User            string  `json:"user"`
			Region          *string `json:"region"`
			AccessKeyID     string  `json:"access_key_id"`
			SecretAccessKey string  `json:"secret_access_key"`
			SessionToken    *string `json:"session_token"`
			Token           string  `json:"token"`
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, tc := range doc.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			tok := ""
			if tc.SessionToken != nil {
				tok = *tc.SessionToken
			}
			creds := credentials.NewStatic(tc.AccessKeyID, tc.SecretAccessKey, tok)
			region := tc.ClientRegion
			if tc.Region != nil {
				region = *tc.Region
			}
			got, err := rds.BuildAuthToken(context.Background(), tc.Hostname+":"+strconv.Itoa(tc.Port), region, tc.User, creds,
				func(o *rds.AuthTokenOptions) { o.Now = func() time.Time { return doc.Time } })
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.Token {
				t.Errorf("BuildAuthToken:\n got %s\nwant %s", got, tc.Token)
			}

			c, err := rds.New(goto3.Config{Region: tc.ClientRegion, Credentials: creds}, func(o *rds.Options) {
				o.Now = func() time.Time { return doc.Time }
			})
			if err != nil {
				t.Fatal(err)
			}
			arg := ""
			if tc.Region != nil {
				arg = *tc.Region
			}
			got, err = c.GenerateDBAuthToken(context.Background(), tc.Hostname, tc.Port, tc.User, arg)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.Token {
				t.Errorf("GenerateDBAuthToken:\n got %s\nwant %s", got, tc.Token)
			}
		})
	}
}

// TestAuthTokenErrors: what cannot make a token is refused before signing.
func TestAuthTokenErrors(t *testing.T) {
	creds := credentials.NewStatic("AKID", "SECRET", "")
	for _, tt := range []struct {
		name, endpoint, region, user string
		creds                        credentials.Provider
		want                         string
	}{
		{"scheme", "https://db:3306", "us-east-1", "u", creds, "host:port"},
		{"path", "db:3306/x", "us-east-1", "u", creds, "host:port"},
		{"empty endpoint", "", "us-east-1", "u", creds, "host:port"},
		{"no region", "db:3306", "", "u", creds, "no region"},
		{"no user", "db:3306", "us-east-1", "", creds, "no database user"},
		{"no credentials", "db:3306", "us-east-1", "u", nil, "no credentials"},
		{"anonymous", "db:3306", "us-east-1", "u", credentials.Anonymous{}, "anonymous"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rds.BuildAuthToken(context.Background(), tt.endpoint, tt.region, tt.user, tt.creds)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
	c, err := rds.New(goto3.Config{Region: "us-east-1", Credentials: credentials.Anonymous{}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GenerateDBAuthToken(context.Background(), "db", 3306, "u", ""); err == nil {
		t.Error("an anonymous client made a token")
	}
	if _, err := c.GenerateDBAuthToken(context.Background(), "db", 0, "u", ""); err == nil {
		t.Error("port 0 made a token")
	}
}
