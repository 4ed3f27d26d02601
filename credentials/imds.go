package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// IMDS is a Provider for the role credentials of an EC2 instance, using the
// instance metadata service version 2 only (botocore
// InstanceMetadataFetcher with ec2_metadata_v1_disabled):
//
//  1. PUT /latest/api/token with x-aws-ec2-metadata-token-ttl-seconds: 21600;
//  2. GET /latest/meta-data/iam/security-credentials/ (the role name) and
//  3. GET /latest/meta-data/iam/security-credentials/<role>,
//
// each with the x-aws-ec2-metadata-token header and a 1 s timeout.
//
// The endpoint is Options.IMDSEndpoint, else
// AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254
// (http://[fd00:ec2::254] when AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is
// IPv6).
// AWS_EC2_METADATA_DISABLED=true turns the provider off. As in botocore, an
// unreachable or failing metadata service means "not found", so the chain
// reports it among what was tried.
type IMDS struct {
	Options Options
}

const (
	imdsTimeout  = time.Second
	imdsTokenTTL = "21600"
)

// Retrieve fetches the instance role's credentials.
func (m IMDS) Retrieve(ctx context.Context) (Credentials, error) {
	const name = "iam-role"
	o := m.Options
	if strings.EqualFold(o.getenv("AWS_EC2_METADATA_DISABLED"), "true") {
		return Credentials{}, notFound(name, "AWS_EC2_METADATA_DISABLED is true")
	}
	base := o.IMDSEndpoint
	if base == "" {
		base = o.getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT")
	}
	if base == "" {
		base = "http://169.254.169.254"
		if strings.EqualFold(o.getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"), "ipv6") {
			base = "http://[fd00:ec2::254]"
		}
	}
	base = strings.TrimSuffix(base, "/")
	fail := func(format string, args ...any) (Credentials, error) {
		return Credentials{}, notFound(name, "instance metadata service at "+base+": "+fmt.Sprintf(format, args...))
	}

	status, tok, err := doRequest(ctx, o.client(), http.MethodPut, base+"/latest/api/token",
		http.Header{"X-Aws-Ec2-Metadata-Token-Ttl-Seconds": {imdsTokenTTL}}, "", imdsTimeout)
	if err != nil {
		return fail("token request: %v", err)
	}
	if status != http.StatusOK || len(tok) == 0 {
		return fail("token request: HTTP %d", status)
	}
	h := http.Header{"X-Aws-Ec2-Metadata-Token": {string(tok)}}
	const credPath = "/latest/meta-data/iam/security-credentials/"
	status, roles, err := doRequest(ctx, o.client(), http.MethodGet, base+credPath, h, "", imdsTimeout)
	if err != nil {
		return fail("role name: %v", err)
	}
	if status != http.StatusOK {
		return fail("role name: HTTP %d (no instance profile attached?)", status)
	}
	role := strings.TrimSpace(strings.SplitN(string(roles), "\n", 2)[0])
	if role == "" {
		return fail("no instance profile role")
	}
	status, body, err := doRequest(ctx, o.client(), http.MethodGet, base+credPath+role, h, "", imdsTimeout)
	if err != nil {
		return fail("role credentials: %v", err)
	}
	if status != http.StatusOK {
		return fail("role credentials: HTTP %d", status)
	}
	var out struct {
		Code            string
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string
		Token           string
		Expiration      string
		AccountID       string `json:"AccountId"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.AccessKeyID == "" || out.SecretAccessKey == "" || out.Token == "" {
		return fail("role credentials: unexpected document")
	}
	if out.Code != "" && out.Code != "Success" {
		return fail("role credentials: code %q", out.Code)
	}
	c := Credentials{AccessKeyID: out.AccessKeyID, SecretAccessKey: out.SecretAccessKey, SessionToken: out.Token, Source: name, AccountID: out.AccountID}
	if out.Expiration != "" {
		t, err := parseTime(out.Expiration)
		if err != nil {
			return fail("Expiration: %v", err)
		}
		c.Expires = t
	}
	return c, nil
}
