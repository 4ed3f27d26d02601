package credentials

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// AssumeRole is a Provider calling STS AssumeRole with the credentials of
// Source (botocore AssumeRoleProvider).
type AssumeRole struct {
	Options Options
	Source  Provider

	RoleARN         string
	RoleSessionName string // default "goto3-session-<unix seconds>"
	ExternalID      string
	DurationSeconds int // 0: STS's default (one hour)
	MFASerial       string
	// Region is the STS region when Options.Region is empty (the
	// profile's region).
	Region string
}

// Retrieve gets the source credentials and assumes the role.
func (a AssumeRole) Retrieve(ctx context.Context) (Credentials, error) {
	const name = "assume-role"
	if a.Source == nil {
		return Credentials{}, retrieveErrf(name, "no source credentials for role %s", a.RoleARN)
	}
	src, err := a.Source.Retrieve(ctx)
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials: source credentials for role %s: %w", a.RoleARN, err)
	}
	sessionName := a.RoleSessionName
	if sessionName == "" {
		sessionName = "goto3-session-" + strconv.FormatInt(a.Options.now().Unix(), 10)
	}
	form := url.Values{
		"Action":          {"AssumeRole"},
		"RoleArn":         {a.RoleARN},
		"RoleSessionName": {sessionName},
	}
	if a.ExternalID != "" {
		form.Set("ExternalId", a.ExternalID)
	}
	if a.DurationSeconds > 0 {
		form.Set("DurationSeconds", strconv.Itoa(a.DurationSeconds))
	}
	if a.MFASerial != "" {
		if a.Options.MFATokenFunc == nil {
			return Credentials{}, retrieveErrf(name, "role %s requires an MFA code for %s but no MFATokenFunc is set", a.RoleARN, a.MFASerial)
		}
		code, err := a.Options.MFATokenFunc(ctx, a.MFASerial)
		if err != nil {
			return Credentials{}, retrieveErrf(name, "MFA token for %s: %v", a.MFASerial, err)
		}
		form.Set("SerialNumber", a.MFASerial)
		form.Set("TokenCode", code)
	}
	return a.Options.sts(a.Region).call(ctx, name, form, &src)
}

// WebIdentity is a Provider calling STS AssumeRoleWithWebIdentity with the
// OIDC token in TokenFile, read anew on every call (EKS IRSA and the like;
// botocore AssumeRoleWithWebIdentityProvider).
type WebIdentity struct {
	Options         Options
	TokenFile       string
	RoleARN         string
	RoleSessionName string // default "goto3-session-<unix seconds>"
	Region          string // STS region when Options.Region is empty
}

// Retrieve reads the token and assumes the role.
func (w WebIdentity) Retrieve(ctx context.Context) (Credentials, error) {
	const name = "assume-role-with-web-identity"
	tok, err := w.Options.readFile(w.TokenFile)
	if err != nil {
		return Credentials{}, retrieveErrf(name, "reading the web identity token file: %v", err)
	}
	sessionName := w.RoleSessionName
	if sessionName == "" {
		sessionName = "goto3-session-" + strconv.FormatInt(w.Options.now().Unix(), 10)
	}
	form := url.Values{
		"Action":           {"AssumeRoleWithWebIdentity"},
		"RoleArn":          {w.RoleARN},
		"RoleSessionName":  {sessionName},
		"WebIdentityToken": {strings.TrimSpace(string(tok))},
	}
	return w.Options.sts(w.Region).call(ctx, name, form, nil)
}
