package credentials_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/goto3/goto3/credentials"
)

func ExampleNewDefault() {
	// A chain reading a fake environment; with real options (the zero
	// Options) it reads the process environment and ~/.aws.
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG"}
	provider := credentials.NewDefault(credentials.Options{
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		HomeDir:   "/nonexistent",
	})
	creds, err := provider.Retrieve(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(creds) // the secret is never printed
	// Output: credentials.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: <redacted>, SessionToken: <empty>, Expires: never, Source: "env"}
}

func ExampleNewStatic() {
	creds, _ := credentials.NewStatic("AKIDEXAMPLE", "secret", "").Retrieve(context.Background())
	fmt.Printf("%s from %s\n", creds.AccessKeyID, creds.Source)
	// Output: AKIDEXAMPLE from static
}

func ExampleSSOTokenProvider() {
	// A token `aws sso login --sso-session corp` cached; it has hours left,
	// so no refresh is needed. Tokens print redacted.
	home, _ := os.MkdirTemp("", "sso-example")
	defer os.RemoveAll(home)
	path := credentials.SSOCacheFile(home, "corp")
	_ = os.MkdirAll(filepath.Dir(path), 0o700)
	_ = os.WriteFile(path, []byte(`{"accessToken":"eyJ...","expiresAt":"2026-11-24T20:00:00Z"}`), 0o600)

	p := &credentials.SSOTokenProvider{
		Options: credentials.Options{
			HomeDir: home,
			Now:     func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) },
		},
		SessionName: "corp",
		StartURL:    "https://corp.awsapps.com/start",
		Region:      "eu-central-1",
	}
	tok, err := p.Token(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(tok)
	// Output: credentials.SSOToken{AccessToken: <redacted>, Expires: 2026-11-24T20:00:00Z}
}
