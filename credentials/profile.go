package credentials

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/goto3/goto3/internal/config"
)

// profileStep is one profile-based entry of botocore's chain.
type profileStep int

const (
	stepAssumeRole profileStep = iota
	stepWebIdentity
	stepSSO
	stepSharedFile
	stepProcess
	stepConfigFile
)

var stepNames = [...]string{
	stepAssumeRole:  "assume-role",
	stepWebIdentity: "assume-role-with-web-identity",
	stepSSO:         "sso",
	stepSharedFile:  "shared-credentials-file",
	stepProcess:     "custom-process",
	stepConfigFile:  "config-file",
}

// sourceSteps are the providers botocore's ProfileProviderBuilder offers for
// a source_profile (env vars disabled).
var sourceSteps = []profileStep{stepWebIdentity, stepSSO, stepSharedFile, stepProcess, stepConfigFile}

// resolver builds providers from the shared files.
type resolver struct {
	o Options
	f *files
	// mustExist is the explicitly chosen profile, which must exist.
	mustExist string

	// ssoTokens holds one SSOTokenProvider per sso-session (and start
	// URL and region), so that the resolver's SSO providers share refresh
	// serialization and throttling.
	ssoMu     sync.Mutex
	ssoTokens map[[3]string]*SSOTokenProvider
}

func (r *resolver) ssoTokenProvider(session, startURL, region string) *SSOTokenProvider {
	r.ssoMu.Lock()
	defer r.ssoMu.Unlock()
	k := [3]string{session, startURL, region}
	if p, ok := r.ssoTokens[k]; ok {
		return p
	}
	if r.ssoTokens == nil {
		r.ssoTokens = map[[3]string]*SSOTokenProvider{}
	}
	p := &SSOTokenProvider{Options: r.o, SessionName: session, StartURL: startURL, Region: region}
	r.ssoTokens[k] = p
	return p
}

// ProfileNotFoundError reports an explicitly chosen profile that is in
// neither file (botocore ProfileNotFound).
type ProfileNotFoundError struct{ Profile string }

func (e *ProfileNotFoundError) Error() string {
	return "credentials: the config profile (" + e.Profile + ") could not be found"
}

func newResolver(o Options) *resolver { return &resolver{o: o, f: &files{o: o}} }

func hasStatic(p config.Section) bool {
	_, a := p.Lookup("aws_access_key_id")
	_, b := p.Lookup("aws_secret_access_key")
	return a || b
}

func hasAssumeRole(p config.Section) bool {
	_, role := p.Lookup("role_arn")
	_, web := p.Lookup("web_identity_token_file")
	return role && !web
}

// configErr is an error in the shared configuration (botocore
// InvalidConfigError): it stops the chain.
func configErr(step profileStep, format string, args ...any) error {
	return retrieveErrf(stepNames[step], format, args...)
}

// build returns the provider a profile step configures, or an error
// matching ErrNotFound when the profile does not configure it.
func (r *resolver) build(step profileStep, profile string, disableEnv bool, visited []string) (Provider, error) {
	f, err := r.f.load()
	if err != nil {
		return nil, err
	}
	p, exists := f.sh.Profiles[profile]
	if !exists && profile == r.mustExist {
		return nil, &ProfileNotFoundError{Profile: profile}
	}
	name := stepNames[step]
	switch step {
	case stepAssumeRole:
		if !hasAssumeRole(p) {
			return nil, notFound(name, fmt.Sprintf("profile %q has no role_arn", profile))
		}
		return r.assumeRole(profile, p, append(visited, profile))
	case stepWebIdentity:
		get := func(env, key string) string {
			if !disableEnv {
				if v, ok := r.o.env()(env); ok {
					return v
				}
			}
			return p.Get(key)
		}
		tokenFile := get("AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file")
		if tokenFile == "" {
			return nil, notFound(name, "no web_identity_token_file or AWS_WEB_IDENTITY_TOKEN_FILE")
		}
		role := get("AWS_ROLE_ARN", "role_arn")
		if role == "" {
			return nil, configErr(step, "a web identity token file is configured but no role_arn or AWS_ROLE_ARN")
		}
		return WebIdentity{Options: r.o, TokenFile: tokenFile, RoleARN: role,
			RoleSessionName: get("AWS_ROLE_SESSION_NAME", "role_session_name"), Region: p.Get("region")}, nil
	case stepSSO:
		return r.sso(profile, p, f)
	case stepSharedFile, stepConfigFile:
		src := f.cred[profile]
		where := "the shared credentials file"
		if step == stepConfigFile {
			src = f.conf[profile]
			where = "the config file"
		}
		id, ok := src.Lookup("aws_access_key_id")
		if !ok {
			return nil, notFound(name, fmt.Sprintf("no aws_access_key_id for profile %q in %s", profile, where))
		}
		secret, ok := src.Lookup("aws_secret_access_key")
		if !ok {
			return nil, configErr(step, "profile %q in %s has aws_access_key_id but no aws_secret_access_key", profile, where)
		}
		token, ok := src.Lookup("aws_session_token")
		if !ok {
			token = src.Get("aws_security_token") // botocore's legacy name
		}
		return Static{Value: Credentials{AccessKeyID: id, SecretAccessKey: secret,
			SessionToken: token, Source: name, AccountID: src.Get("aws_account_id")}}, nil
	case stepProcess:
		cmd, ok := p.Lookup("credential_process")
		if !ok {
			return nil, notFound(name, fmt.Sprintf("profile %q has no credential_process", profile))
		}
		return Process{Command: cmd, AccountID: p.Get("aws_account_id")}, nil
	}
	return nil, fmt.Errorf("credentials: unknown step %d", step)
}

func (r *resolver) assumeRole(profile string, p config.Section, visited []string) (Provider, error) {
	const step = stepAssumeRole
	srcProfile, hasSrc := p.Lookup("source_profile")
	credSource, hasCS := p.Lookup("credential_source")
	if hasSrc && hasCS {
		return nil, configErr(step, "profile %q has both source_profile and credential_source", profile)
	}
	if !hasSrc && !hasCS {
		return nil, configErr(step, "profile %q has role_arn but neither source_profile nor credential_source", profile)
	}
	a := AssumeRole{
		Options:         r.o,
		RoleARN:         p.Get("role_arn"),
		RoleSessionName: p.Get("role_session_name"),
		ExternalID:      p.Get("external_id"),
		MFASerial:       p.Get("mfa_serial"),
		Region:          p.Get("region"),
	}
	if d, ok := p.Lookup("duration_seconds"); ok {
		if n, err := strconv.Atoi(d); err == nil {
			a.DurationSeconds = n
		}
	}
	if hasCS {
		switch credSource {
		case "Environment":
			a.Source = Env{LookupEnv: r.o.LookupEnv}
		case "Ec2InstanceMetadata":
			a.Source = IMDS{Options: r.o}
		case "EcsContainer":
			a.Source = Container{Options: r.o}
		default:
			return nil, configErr(step, "credential_source %q in profile %q is not valid (want Environment, Ec2InstanceMetadata or EcsContainer)", credSource, profile)
		}
		return a, nil
	}
	f, _ := r.f.load()
	sp, ok := f.sh.Profiles[srcProfile]
	if !ok {
		return nil, configErr(step, "the source_profile %q referenced in profile %q does not exist", srcProfile, profile)
	}
	for _, v := range visited {
		if v == srcProfile && (srcProfile != profile || !hasStatic(sp)) {
			return nil, configErr(step, "source_profile cycle: %s -> %s", strings.Join(visited, " -> "), srcProfile)
		}
	}
	if hasStatic(sp) || !hasAssumeRole(sp) {
		var tried []string
		for _, s := range sourceSteps {
			prov, err := r.build(s, srcProfile, true, visited)
			if err == nil {
				a.Source = prov
				return a, nil
			}
			if !isNotFound(err) {
				return nil, err
			}
			tried = append(tried, err.Error())
		}
		return nil, configErr(step, "the source profile %q must have credentials (%s)", srcProfile, strings.Join(tried, "; "))
	}
	src, err := r.assumeRole(srcProfile, sp, append(visited, srcProfile))
	if err != nil {
		return nil, err
	}
	a.Source = src
	return a, nil
}

func (r *resolver) sso(profile string, p config.Section, f *files) (Provider, error) {
	const step = stepSSO
	_, hasRole := p.Lookup("sso_role_name")
	_, hasAcct := p.Lookup("sso_account_id")
	if !hasRole && !hasAcct {
		return nil, notFound(stepNames[step], fmt.Sprintf("profile %q has no sso_account_id or sso_role_name", profile))
	}
	vals := map[string]string{}
	for _, k := range []string{"sso_role_name", "sso_account_id", "sso_start_url", "sso_region", "sso_session"} {
		if v, ok := p.Lookup(k); ok {
			vals[k] = v
		}
	}
	required := []string{"sso_role_name", "sso_account_id", "sso_start_url", "sso_region"}
	sessName, hasSess := vals["sso_session"]
	if hasSess {
		sess, ok := f.sh.SSOSessions[sessName]
		if !ok {
			return nil, configErr(step, "the sso-session %q named in profile %q does not exist", sessName, profile)
		}
		for k, v := range sess {
			if v.Sub != nil {
				continue
			}
			if old, ok := vals[k]; ok && old != v.Text {
				return nil, configErr(step, "%s differs between profile %q (%s) and sso-session %q (%s)", k, profile, old, sessName, v.Text)
			}
			vals[k] = v.Text
		}
	}
	var missing []string
	for _, k := range required {
		if _, ok := vals[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return nil, configErr(step, "profile %q is configured to use SSO but is missing %s", profile, strings.Join(missing, ", "))
	}
	s := SSO{Options: r.o, SessionName: sessName, StartURL: vals["sso_start_url"], Region: vals["sso_region"],
		AccountID: vals["sso_account_id"], RoleName: vals["sso_role_name"], Profile: profile}
	if hasSess {
		s.Tokens = r.ssoTokenProvider(sessName, s.StartURL, s.Region)
	}
	return s, nil
}

// stepProvider is the Provider for one profile step of the default chain.
type stepProvider struct {
	r          *resolver
	step       profileStep
	profile    string
	disableEnv bool
}

func (s stepProvider) Retrieve(ctx context.Context) (Credentials, error) {
	p, err := s.r.build(s.step, s.profile, s.disableEnv, nil)
	if err != nil {
		return Credentials{}, err
	}
	return p.Retrieve(ctx)
}

// NewProfile returns a Provider for the credentials that the selected
// profile configures by itself, in botocore's order: assume role, web
// identity (profile keys only), SSO, the shared credentials file,
// credential_process, the config file. It does not look at the
// environment's keys, the container endpoint or IMDS, except as a
// credential_source.
func NewProfile(o Options) Provider {
	r := newResolver(o)
	if o.Profile != "" {
		r.mustExist = o.Profile
	}
	c := &Chain{}
	for _, s := range []profileStep{stepAssumeRole, stepWebIdentity, stepSSO, stepSharedFile, stepProcess, stepConfigFile} {
		c.Providers = append(c.Providers, stepProvider{r: r, step: s, profile: o.ProfileName(), disableEnv: true})
	}
	return c
}
