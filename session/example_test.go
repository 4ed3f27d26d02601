package session_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goto3/goto3/session"
)

// A session from explicit keys and region, as boto3.Session(aws_access_key_id=...,
// region_name=...).
func ExampleNew_explicitKeys() {
	s, err := session.New(
		session.WithRegion("eu-west-1"),
		session.WithCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", ""),
		noEnvironment,
	)
	if err != nil {
		panic(err)
	}
	creds, _ := s.Credentials().Retrieve(context.Background())
	fmt.Println(s.Region(), creds.AccessKeyID, creds.Source)
	// Output: eu-west-1 AKIDEXAMPLE explicit
}

// A session from a named profile, as boto3.Session(profile_name="dev").
func ExampleNew_profile() {
	home, _ := os.MkdirTemp("", "goto3-example")
	defer os.RemoveAll(home)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[profile dev]\nregion = us-west-2\n"), 0o600)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n"), 0o600)

	s, err := session.New(
		session.WithProfile("dev"),
		func(o *session.Options) {
			o.HomeDir = home                                               // instead of the real ~
			o.LookupEnv = func(string) (string, bool) { return "", false } // instead of the real environment
		},
	)
	if err != nil {
		panic(err)
	}
	creds, _ := s.Credentials().Retrieve(context.Background())
	fmt.Println(s.Profile(), s.Region(), creds.AccessKeyID, creds.Source)
	// Output: dev us-west-2 AKIDDEV shared-credentials-file
}

// A session from the environment, as boto3.Session() with AWS_REGION,
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set.
func ExampleNew_environment() {
	env := map[string]string{
		"AWS_REGION":            "ap-southeast-2",
		"AWS_ACCESS_KEY_ID":     "AKIDENV",
		"AWS_SECRET_ACCESS_KEY": "env-secret",
		"AWS_ENDPOINT_URL_S3":   "http://127.0.0.1:9000",
	}
	s, err := session.New(func(o *session.Options) {
		o.LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok } // omit to read os.Environ
		o.HomeDir = filepath.Join(os.TempDir(), "goto3-example-no-home")
	})
	if err != nil {
		panic(err)
	}
	creds, _ := s.Credentials().Retrieve(context.Background())
	fmt.Println(s.Region(), s.Config().ServiceEndpointURL("S3"), creds.AccessKeyID, creds.Source)
	// Output: ap-southeast-2 http://127.0.0.1:9000 AKIDENV env
}

func noEnvironment(o *session.Options) {
	o.LookupEnv = func(string) (string, bool) { return "", false }
	o.HomeDir = filepath.Join(os.TempDir(), "goto3-example-no-home")
}
