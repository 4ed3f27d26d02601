package eks_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/eks"
	"github.com/goto3/goto3/services/sts"
)

// tokenVectors are testdata/token.json: what awscli's get-token makes at a
// fixed time (testdata/gen_token.py).
type tokenVectors struct {
	Time  time.Time `json:"time"`
	Cases []struct {
		Name                 string  `json:"name"`
		Region               string  `json:"region"`
		Cluster              string  `json:"cluster"`
		AccessKeyID          string  `json:"access_key_id"`
		SecretAccessKey      string  `json:"secret_access_key"`
		SessionToken         *string `json:"session_token"`
		STSRegionalEndpoints string  `json:"sts_regional_endpoints"`
		Token                string  `json:"token"`
		URL                  string  `json:"url"`
		Expiration           string  `json:"expiration"`
	} `json:"cases"`
}

func loadTokenVectors(t *testing.T) tokenVectors {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "token.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v tokenVectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Cases) == 0 {
		t.Fatal("no cases")
	}
	return v
}

// TestTokenBotocore: the tokens equal awscli's byte for byte (the same
// presigned STS URL: endpoint, query order, x-k8s-aws-id signed, 60
// seconds, session token), and the expiration is awscli's.
func TestTokenBotocore(t *testing.T) {
	v := loadTokenVectors(t)
	for _, tc := range v.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			token := ""
			if tc.SessionToken != nil {
				token = *tc.SessionToken
			}
			cfg := goto3.Config{Region: tc.Region, Credentials: credentials.NewStatic(tc.AccessKeyID, tc.SecretAccessKey, token)}
			g, err := eks.NewTokenGenerator(cfg, func(o *sts.Options) {
				o.Now = func() time.Time { return v.Time }
				o.RegionalEndpoints = tc.STSRegionalEndpoints
			})
			if err != nil {
				t.Fatal(err)
			}
			tok, err := g.Token(context.Background(), tc.Cluster)
			if err != nil {
				t.Fatal(err)
			}
			if tok.Value != tc.Token {
				got, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(tok.Value, eks.TokenPrefix))
				t.Errorf("token: got %s\nwant %s\n(URL: got %s\nwant %s)", tok.Value, tc.Token, got, tc.URL)
			}
			if got := tok.Expiration.UTC().Format("2006-01-02T15:04:05Z"); got != tc.Expiration {
				t.Errorf("expiration: got %s, want %s", got, tc.Expiration)
			}
		})
	}
}

// TestTokenStructure decodes a token and checks its URL's parts.
func TestTokenStructure(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	g, err := eks.NewTokenGenerator(goto3.Config{Region: "eu-central-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")},
		func(o *sts.Options) { o.Now = func() time.Time { return now } })
	if err != nil {
		t.Fatal(err)
	}
	tok, err := g.Token(context.Background(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(tok.Value, "k8s-aws-v1.")
	if !ok || strings.ContainsAny(body, "=+/") {
		t.Fatalf("token %s: want k8s-aws-v1. and base64url without padding", tok.Value)
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	for k, want := range map[string]string{
		"Action": "GetCallerIdentity", "Version": "2011-06-15", "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
		"X-Amz-Credential": "AKID/20260102/eu-central-1/sts/aws4_request", "X-Amz-Date": "20260102T030405Z",
		"X-Amz-Expires": "60", "X-Amz-SignedHeaders": "host;x-k8s-aws-id",
	} {
		if got := q.Get(k); got != want {
			t.Errorf("%s: got %q, want %q", k, got, want)
		}
	}
	if u.Scheme != "https" || u.Host != "sts.eu-central-1.amazonaws.com" || u.Path != "/" || len(q.Get("X-Amz-Signature")) != 64 {
		t.Errorf("URL %s: want https://sts.eu-central-1.amazonaws.com/ with a signature", u)
	}
	if want := now.Add(14 * time.Minute); !tok.Expiration.Equal(want) {
		t.Errorf("expiration: got %v, want %v", tok.Expiration, want)
	}
	if _, err := g.Token(context.Background(), ""); err == nil {
		t.Errorf("an empty cluster name: got no error")
	}
}
