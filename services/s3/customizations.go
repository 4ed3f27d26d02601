package s3

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/sigv4"
)

// S3's customizations: what botocore's handlers.py and args.py do for S3
// beyond the model, as funcs the generated client hands to the pipeline
// (internal/pipeline.Customizations). In this package:
//
//   - settings (fromConfig): the profile's "s3 =" section and the
//     AWS_S3_* variables, with botocore's precedence (configprovider.py
//     DEFAULT_S3_CONFIG_VARS);
//   - endpoint built-ins (customize): AWS::S3::ForcePathStyle (path style for
//     a custom endpoint URL unless virtual addressing is asked for, as
//     args.py), Accelerate, UseArnRegion (true unless set, as botocore),
//     DisableMultiRegionAccessPoints, UseGlobalEndpoint (us-east-1 on
//     s3.amazonaws.com unless us_east_1_regional_endpoint is "regional"),
//     the DisableS3ExpressSessionAuth context parameter; FIPS and
//     dual-stack are left out with a custom endpoint, as botocore does;
//   - signing: sigv4.S3Options (no double encoding, no path normalization)
//     and UNSIGNED-PAYLOAD for streaming bodies with a checksum over https
//     (or with UnsignedPayload), as botocore's S3SigV4Auth;
//   - validation (validate.go): bucket names as botocore's
//     validate_bucket_name, and S3's naming rules for CreateBucket; ASCII
//     metadata;
//   - inputs, requests and outputs (handlers.go): encoding-type=url on the
//     List* operations and the decoding of their answers, CopySource
//     percent-encoded, SSE-C keys base64 with their MD5, CR and LF escaped
//     in two XML bodies, GetBucketLocation path-style and ARN buckets
//     virtual;
//   - the region redirect (redirect.go);
//   - S3 Express One Zone session auth (express.go);
//   - GetBucketLocation's body (location.go).

// AddressingStyle is botocore's s3 addressing_style.
type AddressingStyle string

// The addressing styles.
const (
	// AddressingStyleAuto (or "") puts the bucket in the host name when it
	// can be one, else in the path; with a custom EndpointURL (other than
	// an accelerate one) it uses the path, as botocore does.
	AddressingStyleAuto AddressingStyle = "auto"
	// AddressingStyleVirtual puts the bucket in the host name.
	AddressingStyleVirtual AddressingStyle = "virtual"
	// AddressingStylePath puts the bucket in the path.
	AddressingStylePath AddressingStyle = "path"
)

// clientState is shared by a Client and the clients its per-call options
// make: the S3 Express sessions, and the regions redirects found for
// buckets.
type clientState struct {
	express *expressCache
	regions *regionCache
}

func newClientState() clientState {
	return clientState{express: newExpressCache(), regions: newRegionCache()}
}

// fromConfig reads S3's settings from the sources of cfg, in botocore's
// order: the environment, then the profile's top-level key, then its
// "s3 =" section.
func (o *Options) fromConfig(cfg *goto3.Config) error {
	src := cfg.Sources
	sect := func(key string) string {
		v, _ := src.Section("s3", key)
		return v
	}
	if v := sect("addressing_style"); v != "" {
		switch AddressingStyle(v) {
		case AddressingStyleAuto, AddressingStyleVirtual, AddressingStylePath:
			o.AddressingStyle = AddressingStyle(v)
		default:
			return fmt.Errorf("s3: invalid s3 addressing_style %q in the profile: want auto, virtual or path", v)
		}
	}
	if v := sect("use_accelerate_endpoint"); v != "" {
		o.UseAccelerateEndpoint = isTrue(v)
	}
	if isTrue(sect("use_dualstack_endpoint")) {
		o.UseDualStackEndpoint = true
	}
	if v := first(src.Setting("AWS_S3_USE_ARN_REGION", "s3_use_arn_region"), sect("use_arn_region")); v != "" {
		b := isTrue(v)
		o.UseARNRegion = &b
	}
	if v := first(src.Env("AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS"), sect("s3_disable_multiregion_access_points")); v != "" {
		o.DisableMultiRegionAccessPoints = isTrue(v)
	}
	// The values are case-sensitive, as in botocore.
	if v := first(src.Setting("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "s3_us_east_1_regional_endpoint"), sect("us_east_1_regional_endpoint")); v != "" {
		if v != "legacy" && v != "regional" {
			return fmt.Errorf("s3: invalid s3 us_east_1_regional_endpoint %q: want legacy or regional", v)
		}
		o.USEast1RegionalEndpoint = v
	}
	o.DisableS3ExpressSessionAuth = isTrue(first(src.Setting("AWS_S3_DISABLE_EXPRESS_SESSION_AUTH", "s3_disable_express_session_auth"), sect("disable_s3_express_session_auth")))
	return nil
}

// customize sets S3's endpoint built-ins in p and its customizations in po.
func (c *Client) customize(o *Options, po *pipeline.Options, p *EndpointParameters) error {
	switch o.AddressingStyle {
	case "", AddressingStyleAuto, AddressingStyleVirtual, AddressingStylePath:
	default:
		return fmt.Errorf("s3: invalid AddressingStyle %q: want auto, virtual or path", o.AddressingStyle)
	}
	switch o.USEast1RegionalEndpoint {
	case "", "legacy", "regional":
	default:
		return fmt.Errorf("s3: invalid USEast1RegionalEndpoint %q: want legacy or regional", o.USEast1RegionalEndpoint)
	}
	// args.py: accelerate never forces path style; a custom endpoint URL
	// (not an accelerate one) does unless virtual addressing is asked for;
	// otherwise only addressing_style = path does.
	var pathStyle bool
	switch {
	case o.UseAccelerateEndpoint:
	case o.EndpointURL != "" && !isAccelerateURL(o.EndpointURL):
		pathStyle = o.AddressingStyle != AddressingStyleVirtual
	default:
		pathStyle = o.AddressingStyle == AddressingStylePath
	}
	p.ForcePathStyle = &pathStyle
	p.Accelerate = &o.UseAccelerateEndpoint
	arnRegion := true // botocore's default
	if o.UseARNRegion != nil {
		arnRegion = *o.UseARNRegion
	}
	p.UseArnRegion = &arnRegion
	p.DisableMultiRegionAccessPoints = &o.DisableMultiRegionAccessPoints
	global := o.Region == "us-east-1" && o.USEast1RegionalEndpoint != "regional"
	p.UseGlobalEndpoint = &global
	if o.DisableS3ExpressSessionAuth {
		t := true
		p.DisableS3ExpressSessionAuth = &t
	}

	express := c.state.express
	opts := *o
	po.Custom = pipeline.Customizations{
		Signer:         s3Signer(),
		Validate:       validate,
		PrepareInput:   prepareInput,
		EndpointParams: endpointParams(c.state.regions),
		PrepareRequest: prepareRequest,
		UnsignedPayload: func(_ *pipeline.Call, https, streaming, checksum bool) bool {
			return streaming && checksum && (https || opts.UnsignedPayload)
		},
		Auth:       map[string]pipeline.AuthFunc{"sigv4-s3express": c.expressAuth(express, &opts)},
		PostDecode: postDecode,
		Redirect:   c.redirect(c.state.regions, &opts),
	}
	return nil
}

// s3Signer signs as S3 requires: the path neither normalized nor encoded
// twice.
var s3Signer = sync.OnceValue(func() *sigv4.Signer { return sigv4.NewSigner(sigv4.S3Options) })

// isAccelerateURL is botocore's is_s3_accelerate_url: an endpoint whose
// host is s3-accelerate.amazonaws.com (with dualstack or other labels
// between).
func isAccelerateURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	parts := strings.Split(u.Hostname(), ".")
	if len(parts) < 3 || parts[0] != "s3-accelerate" || parts[len(parts)-2] != "amazonaws" || parts[len(parts)-1] != "com" {
		return false
	}
	for _, p := range parts[1 : len(parts)-2] {
		if p != "dualstack" {
			return false
		}
	}
	return true
}

// isTrue is botocore's ensure_boolean for strings.
func isTrue(v string) bool { return strings.EqualFold(v, "true") }

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// isIPv4 reports whether s is formatted as an IPv4 address.
func isIPv4(s string) bool {
	ip := net.ParseIP(s)
	if ip == nil || ip.To4() == nil {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if _, err := strconv.Atoi(part); err != nil {
			return false
		}
	}
	return true
}
