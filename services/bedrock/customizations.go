package bedrock

import (
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// Bedrock's customizations (botocore's handlers.py and tokens.py):
//
//   - bearer tokens (smithy.api#httpBearerAuth, which the model lists
//     after SigV4): botocore sends "Authorization: Bearer <token>" instead
//     of a signature when AWS_BEARER_TOKEN_BEDROCK (AWS_BEARER_TOKEN_ and
//     the signing name) is set and no signature version or auth scheme
//     preference was set in code (_set_auth_scheme_preference_signer,
//     whose list of services is Bedrock's signing name, bedrock). Here
//     New reads the variable into Options.BearerToken, and
//     Options.AuthSchemePreference is the preference set in code;
//     pipeline.BearerAuth makes the choice, the pipeline sends the token.
//     An empty variable counts as unset (botocore would send "Bearer ");
//     the profile's and the environment's auth_scheme_preference are not
//     read (with a token botocore uses it whatever they say).

// authSchemes are the model's auth schemes (metadata.auth), in its order.
var authSchemes = []string{"aws.auth#sigv4", "smithy.api#httpBearerAuth"}

// clientState is Bedrock's state shared with per-call clients: none.
type clientState struct{}

func newClientState() clientState { return clientState{} }

// fromConfig reads the bearer token from AWS_BEARER_TOKEN_BEDROCK.
func (o *Options) fromConfig(cfg *goto3.Config) error {
	o.BearerToken = cfg.Sources.Env(pipeline.BearerTokenEnv(serviceSchema.SigningName))
	return nil
}

// customize chooses between the signature and the bearer token.
func (c *Client) customize(o *Options, po *pipeline.Options, _ *EndpointParameters) error {
	po.Custom.Bearer = pipeline.BearerAuth(authSchemes, o.BearerToken, o.AuthSchemePreference)
	return nil
}
