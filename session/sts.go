package session

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/sts"
)

// stsCaller makes the credential providers' STS calls (AssumeRole for
// role profiles, AssumeRoleWithWebIdentity for web identity) with the
// generated STS client, over the session's configuration: its endpoint
// rules (sts_regional_endpoints, FIPS, an AWS_ENDPOINT_URL_STS), its retry
// mode, its HTTP transport and CA bundle, and errors as *goto3.APIError.
// The client has no credentials of its own (the session's would be the
// ones being resolved): AssumeRole is signed with the source credentials
// the provider gives, AssumeRoleWithWebIdentity is unsigned (the model's
// authtype "none"). One client per region, made on first use.
func stsCaller(cfg goto3.Config) credentials.STSCaller {
	var mu sync.Mutex
	clients := map[string]*sts.Client{}
	client := func(region string) (*sts.Client, error) {
		mu.Lock()
		defer mu.Unlock()
		if c := clients[region]; c != nil {
			return c, nil
		}
		cc := cfg
		cc.Region = region
		cc.Credentials = credentials.Anonymous{}
		c, err := sts.New(cc)
		if err != nil {
			return nil, err
		}
		clients[region] = c
		return c, nil
	}
	return func(ctx context.Context, region, action string, params map[string]string, creds *credentials.Credentials) (credentials.Credentials, error) {
		if region == "" {
			// No region anywhere: the global endpoint, as botocore's
			// providers use it then (sts.amazonaws.com, signed for
			// us-east-1).
			region = "aws-global"
		}
		c, err := client(region)
		if err != nil {
			return credentials.Credentials{}, err
		}
		var optFns []func(*sts.Options)
		if creds != nil {
			src := *creds
			optFns = append(optFns, func(o *sts.Options) { o.Credentials = credentials.Static{Value: src} })
		}
		opt := func(k string) *string {
			if v, ok := params[k]; ok {
				return &v
			}
			return nil
		}
		var (
			out  *sts.Credentials
			user *sts.AssumedRoleUser
		)
		switch action {
		case "AssumeRole":
			in := &sts.AssumeRoleInput{
				RoleArn: params["RoleArn"], RoleSessionName: params["RoleSessionName"],
				ExternalId: opt("ExternalId"), SerialNumber: opt("SerialNumber"), TokenCode: opt("TokenCode"),
			}
			if v, ok := params["DurationSeconds"]; ok {
				n, err := strconv.ParseInt(v, 10, 32)
				if err != nil {
					return credentials.Credentials{}, fmt.Errorf("session: DurationSeconds %q: %w", v, err)
				}
				in.DurationSeconds = goto3.Ptr(int32(n))
			}
			res, err := c.AssumeRole(ctx, in, optFns...)
			if err != nil {
				return credentials.Credentials{}, err
			}
			out, user = res.Credentials, res.AssumedRoleUser
		case "AssumeRoleWithWebIdentity":
			res, err := c.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
				RoleArn: params["RoleArn"], RoleSessionName: params["RoleSessionName"], WebIdentityToken: params["WebIdentityToken"],
			}, optFns...)
			if err != nil {
				return credentials.Credentials{}, err
			}
			out, user = res.Credentials, res.AssumedRoleUser
		default:
			return credentials.Credentials{}, fmt.Errorf("session: unknown STS action %q", action)
		}
		if out == nil || out.AccessKeyId == "" || out.SecretAccessKey == "" {
			return credentials.Credentials{}, fmt.Errorf("sts %s: the answer has no credentials", action)
		}
		cr := credentials.Credentials{AccessKeyID: out.AccessKeyId, SecretAccessKey: out.SecretAccessKey, SessionToken: out.SessionToken, Expires: out.Expiration}
		if user != nil {
			cr.AccountID = credentials.ARNAccount(user.Arn)
		}
		return cr, nil
	}
}
