package ec2

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
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
//     client's region, and both are sent (inject_presigned_url_ec2). As
//     botocore adds DestinationRegion to the serialized parameters, the
//     presigned URL carries it last, unless the caller gave one (its value
//     is replaced where it stands): the URL is botocore's byte for byte. A
//     presigned CopySnapshot (Client.Presign) gets none.
//   - RunInstances' UserData is base64-encoded by the client
//     (base64_encode_user_data): the caller passes the raw text, as boto3
//     users do; a caller who encodes it too sends it encoded twice.

// clientState is EC2's state shared with per-call clients.
type clientState struct {
	// presignDest is set only on the short-lived client that presigns a
	// CopySnapshot without DestinationRegion: the destination region,
	// which its URL carries after the operation's parameters.
	presignDest string
}

func newClientState() clientState { return clientState{} }

// fromConfig reads EC2's own settings: none.
func (o *Options) fromConfig(*goto3.Config) error { return nil }

// copySnapshotPresignExpires is how long the PresignedUrl of a
// CopySnapshot stays valid (botocore's generate_presigned_url default).
const copySnapshotPresignExpires = time.Hour

// customize sets EC2's customizations in po.
func (c *Client) customize(o *Options, po *pipeline.Options, _ *EndpointParameters) error {
	if dest := c.state.presignDest; dest != "" {
		po.Custom.PrepareRequest = func(_ context.Context, call *pipeline.Call, req *http.Request) error {
			if !call.Presign {
				return nil
			}
			return appendFormParam(req, "DestinationRegion", dest)
		}
		return nil
	}
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
		src := opts
		src.Region = in.SourceRegion
		presigner := &Client{options: src}
		if in.DestinationRegion != nil {
			cp.DestinationRegion = &dest
		} else {
			presigner.state.presignDest = dest
		}
		core, err := presigner.newCore(&src, call.Client)
		if err != nil {
			return err
		}
		pr, err := core.Presign(ctx, call.Operation, &cp, copySnapshotPresignExpires)
		if err != nil {
			return err
		}
		cp.DestinationRegion = &dest
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

// appendFormParam adds name=value at the end of req's form body (the EC2
// protocol's), keeping the body rewindable.
func appendFormParam(req *http.Request, name, value string) error {
	var b []byte
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return err
		}
		b, err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	if len(b) > 0 {
		b = append(b, '&')
	}
	b = append(b, url.QueryEscape(name)+"="+url.QueryEscape(value)...)
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	req.ContentLength = int64(len(b))
	return nil
}
