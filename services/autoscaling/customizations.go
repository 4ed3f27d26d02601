package autoscaling

import (
	"context"
	"encoding/base64"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// Auto Scaling's customizations (botocore's handlers.py):
//
//   - CreateLaunchConfiguration's UserData is base64-encoded by the client
//     (base64_encode_user_data): the caller passes the raw text, as boto3
//     users do, and the service receives base64 (standard alphabet,
//     padded), which its API requires. A caller who encodes it too sends it
//     encoded twice. The caller's input is not changed (the call sends a
//     copy). DescribeLaunchConfigurations returns UserData as the service
//     stores it, base64-encoded; nothing decodes it, as in botocore.
//   - LaunchInstances' idempotency token is filled by the pipeline from the
//     model (idempotencyToken).

// clientState is Auto Scaling's state shared with per-call clients: none.
type clientState struct{}

func newClientState() clientState { return clientState{} }

// fromConfig reads Auto Scaling's own settings: none.
func (o *Options) fromConfig(*goto3.Config) error { return nil }

// customize sets Auto Scaling's customizations in po.
func (c *Client) customize(_ *Options, po *pipeline.Options, _ *EndpointParameters) error {
	po.Custom.PrepareInput = encodeUserData
	return nil
}

// encodeUserData replaces a CreateLaunchConfiguration input that carries
// UserData with a copy whose UserData is base64-encoded.
func encodeUserData(_ context.Context, call *pipeline.Call) error {
	in, ok := call.Input.(*CreateLaunchConfigurationInput)
	if !ok || in == nil || in.UserData == nil {
		return nil
	}
	cp := *in
	enc := base64.StdEncoding.EncodeToString([]byte(*in.UserData))
	cp.UserData = &enc
	call.Input = &cp
	return nil
}
