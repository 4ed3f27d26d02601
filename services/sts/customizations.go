package sts

import (
	"fmt"
	"slices"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// STS's customizations (botocore's args.py and handlers.py):
//
//   - the endpoint built-in AWS::STS::UseGlobalEndpoint: true only with
//     sts_regional_endpoints = legacy, no custom endpoint, and a region
//     that used the global endpoint before regional ones existed
//     (_should_set_global_sts_endpoint, LEGACY_GLOBAL_STS_REGIONS);
//   - AssumeRoleWithWebIdentity and AssumeRoleWithSAML are sent unsigned:
//     the model marks them authtype "none", which the pipeline honours.

// clientState is STS's state shared with per-call clients: none.
type clientState struct{}

func newClientState() clientState { return clientState{} }

// legacyGlobalRegions are the regions botocore sends to the global
// endpoint with sts_regional_endpoints = legacy.
var legacyGlobalRegions = []string{
	"ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global",
	"ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
	"sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
}

// fromConfig reads sts_regional_endpoints: AWS_STS_REGIONAL_ENDPOINTS,
// then the profile's key.
func (o *Options) fromConfig(cfg *goto3.Config) error {
	o.RegionalEndpoints = cfg.Sources.Setting("AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints")
	return nil
}

// customize sets STS's endpoint built-ins.
func (c *Client) customize(o *Options, _ *pipeline.Options, p *EndpointParameters) error {
	switch o.RegionalEndpoints {
	case "", "regional", "legacy":
	default:
		return fmt.Errorf("sts: invalid sts_regional_endpoints %q: want legacy or regional", o.RegionalEndpoints)
	}
	global := o.RegionalEndpoints == "legacy" && o.EndpointURL == "" && slices.Contains(legacyGlobalRegions, o.Region)
	p.UseGlobalEndpoint = &global
	return nil
}
