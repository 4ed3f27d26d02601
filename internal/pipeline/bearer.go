package pipeline

import (
	"context"
	"errors"
	"slices"
	"strings"
)

// BearerTokenEnv is the environment variable botocore reads a service's
// bearer token from: AWS_BEARER_TOKEN_ and the signing name upper-cased,
// hyphens and spaces as underscores (utils.py _get_bearer_env_var_name;
// AWS_BEARER_TOKEN_BEDROCK for Bedrock).
func BearerTokenEnv(signingName string) string {
	return "AWS_BEARER_TOKEN_" + strings.ToUpper(strings.NewReplacer("-", "_", " ", "_").Replace(signingName))
}

// bearerScheme is the auth scheme of bearer tokens, as models list it.
const bearerScheme = "smithy.api#httpBearerAuth"

// BearerAuth chooses between a service's signature and its bearer token
// as botocore does (handlers.py _set_auth_scheme_preference_signer and
// _should_prefer_bearer_auth), for a service botocore lets use one (it
// knows Bedrock's signing name only). schemes are the service's auth
// schemes in the model's order (metadata.auth, such as "aws.auth#sigv4",
// "smithy.api#httpBearerAuth"); token the service's token ("" for none);
// preference the auth scheme preference set in code (names without their
// namespace, such as "sigv4" or "httpBearerAuth"; nil for none).
//
// Calls use the token when the service lists bearer auth, there is a
// token, and either no preference was set in code or the preference's
// first scheme the service supports is bearer auth. When that preference
// names bearer auth and there is no token, calls fail (botocore's
// NoAuthTokenError). The result is the Customizations.Bearer func, nil
// when calls are signed.
func BearerAuth(schemes []string, token string, preference []string) func(context.Context, *Call) (string, error) {
	if !slices.Contains(schemes, bearerScheme) {
		return nil
	}
	resolved := ""
	if len(preference) > 0 {
		// resolve_auth_scheme_preference: the preference, then the
		// service's list, keeping the schemes the service supports.
		var supported []string
		for _, s := range schemes {
			supported = append(supported, s[strings.LastIndexByte(s, '#')+1:])
		}
		for _, p := range append(slices.Clone(preference), supported...) {
			if p = strings.TrimSpace(p); slices.Contains(supported, p) {
				resolved = p
				break
			}
		}
	}
	switch {
	case token != "" && (len(preference) == 0 || resolved == "httpBearerAuth"):
		return func(context.Context, *Call) (string, error) { return token, nil }
	case resolved == "httpBearerAuth":
		return func(context.Context, *Call) (string, error) { return "", errNoBearerToken }
	}
	return nil
}

var errNoBearerToken = errors.New("goto3: the auth scheme preference chooses httpBearerAuth, but there is no bearer token (AWS_BEARER_TOKEN_<signing name>)")
