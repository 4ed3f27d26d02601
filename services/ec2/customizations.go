package ec2

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// EC2's customizations (botocore's handlers.py):
//
//   - CopySnapshot gets the PresignedUrl EC2 requires for a copy from
//     another region: when the caller gives none, the operation is
//     presigned (GET, the parameters in the query string) with the client's
//     credentials for SourceRegion, with DestinationRegion set to the
//     client's region, and both are sent (inject_presigned_url_ec2). A
//     presigned CopySnapshot (Client.Presign) gets none.
//   - RunInstances' UserData is base64-encoded by the client
//     (base64_encode_user_data): the caller passes the raw text, as boto3
//     users do; a caller who encodes it too sends it encoded twice.

// clientState is EC2's state shared with per-call clients: none.
type clientState struct{}

func newClientState() clientState { return clientState{} }

// fromConfig reads EC2's own settings: none.
func (o *Options) fromConfig(*goto3.Config) error { return nil }

// copySnapshotPresignExpires is how long the PresignedUrl of a
// CopySnapshot stays valid (botocore's generate_presigned_url default).
const copySnapshotPresignExpires = time.Hour

// customize sets EC2's customizations in po.
func (c *Client) customize(o *Options, po *pipeline.Options, _ *EndpointParameters) error {
	opts := *o
	po.Custom.PrepareInput = func(ctx context.Context, call *pipeline.Call) error {
		if in, ok := call.Input.(*RunInstancesInput); ok {
			encodeUserData(call, in)
			return nil
		}
		in, ok := call.Input.(*CopySnapshotInput)
		if !ok || call.Presign || in == nil || in.PresignedUrl != nil || in.SourceRegion == "" {
			return nil
		}
		cp := *in
		dest := opts.Region
		cp.DestinationRegion = &dest
		src := opts
		src.Region = in.SourceRegion
		core, err := c.newCore(&src, call.Client)
		if err != nil {
			return err
		}
		pr, err := core.Presign(ctx, call.Operation, &cp, copySnapshotPresignExpires)
		if err != nil {
			return err
		}
		cp.PresignedUrl = &pr.URL
		call.Input = &cp
		return nil
	}
	return nil
}

// encodeUserData replaces a RunInstances input that carries UserData with a
// copy whose UserData is base64-encoded (standard alphabet, padded).
func encodeUserData(call *pipeline.Call, in *RunInstancesInput) {
	if in == nil || in.UserData == nil {
		return
	}
	cp := *in
	enc := base64.StdEncoding.EncodeToString([]byte(*in.UserData))
	cp.UserData = &enc
	call.Input = &cp
}
