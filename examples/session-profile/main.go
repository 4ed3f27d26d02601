// Command session-profile makes a session from a named profile and a
// region, as boto3.Session(profile_name=..., region_name=...) does, shows
// what it resolved (never the secret), and uses it for a client.
//
//	AWS_CONFIG_FILE=./config go run ./examples/session-profile -profile dev -region eu-west-1
//
// The profile must exist in the config or credentials file; its region,
// endpoint_url and credentials apply unless a flag or the environment
// overrides them (see package goto3 for the order).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
)

func main() {
	profile := flag.String("profile", "", "profile name (default: AWS_PROFILE or \"default\")")
	var common cli.Flags
	common.Register(flag.CommandLine)
	flag.Parse()
	if err := run(context.Background(), *profile, common); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, profile string, common cli.Flags) error {
	var opts []func(*session.Options)
	if profile != "" {
		opts = append(opts, session.WithProfile(profile))
	}
	sess, err := session.New(append(opts, common.Options()...)...)
	var pnf *credentials.ProfileNotFoundError
	if errors.As(err, &pnf) {
		return fmt.Errorf("%w (profiles are read from ~/.aws/config and ~/.aws/credentials, or AWS_CONFIG_FILE)", err)
	}
	if err != nil {
		return err
	}
	fmt.Println("profile:", sess.Profile())
	fmt.Println("region:", sess.Region())
	if u := sess.Config().ServiceEndpointURL(s3.ServiceID); u != "" {
		fmt.Println("s3 endpoint:", u)
	} else {
		fmt.Println("s3 endpoint: AWS")
	}
	creds, err := sess.Credentials().Retrieve(ctx)
	if err != nil {
		return err
	}
	// The source names where the keys came from; the secret is never printed.
	fmt.Println("credentials from:", creds.Source)

	client, err := s3.New(sess.Config()) // fails with *goto3.NoRegionError without a region
	if err != nil {
		return err
	}
	out, err := client.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return err
	}
	fmt.Println("ListBuckets: ok, status", out.ResultMetadata.StatusCode)
	return nil
}
