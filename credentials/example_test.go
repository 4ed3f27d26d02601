package credentials_test

import (
	"context"
	"fmt"

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
