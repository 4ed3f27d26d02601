package rds

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// RDS's customizations (botocore's handlers.py and signers.py):
//
//   - Cross-region copies and replicas: CopyDBClusterSnapshot,
//     CreateDBCluster, CopyDBSnapshot, CreateDBInstanceReadReplica and
//     StartDBInstanceAutomatedBackupsReplication take SourceRegion, a member
//     botocore adds to the model (service-2.sdk-extras.json) and never
//     sends. When it is set and PreSignedUrl is not, the operation is
//     presigned (GET, its parameters in the query string, with
//     DestinationRegion=<the client's region> added) with the client's
//     credentials for SourceRegion, valid for an hour, and the URL is sent
//     as PreSignedUrl; the request itself carries neither SourceRegion nor
//     DestinationRegion (inject_presigned_url_rds). The caller's input is
//     not changed (the call sends a copy).
//   - IAM database authentication tokens: BuildAuthToken and
//     Client.GenerateDBAuthToken (auth_token.go), boto3's
//     generate_db_auth_token.

// clientState is RDS's state shared with per-call clients.
type clientState struct {
	// presignFor is set only on the short-lived client that presigns a
	// cross-region operation: the destination region, which its presigned
	// URL carries as DestinationRegion.
	presignFor string
}

func newClientState() clientState { return clientState{} }

// fromConfig reads RDS's own settings: none.
func (o *Options) fromConfig(*goto3.Config) error { return nil }

// crossRegionPresignExpires is how long the PreSignedUrl of a cross-region
// operation stays valid (botocore's generate_presigned_url default).
const crossRegionPresignExpires = time.Hour

// crossRegionOps are the operations botocore presigns from SourceRegion:
// the ones whose input botocore's sdk-extras give a SourceRegion member.
var crossRegionOps = map[string]bool{
	"CopyDBClusterSnapshot":                      true,
	"CreateDBCluster":                            true,
	"CopyDBSnapshot":                             true,
	"CreateDBInstanceReadReplica":                true,
	"StartDBInstanceAutomatedBackupsReplication": true,
}

// customize sets RDS's customizations in po.
func (c *Client) customize(o *Options, po *pipeline.Options, _ *EndpointParameters) error {
	if dest := c.state.presignFor; dest != "" {
		// The presigning client: its URL carries DestinationRegion, after
		// the operation's parameters, as botocore's.
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
		if !crossRegionOps[call.Operation.Name] || call.Input == nil {
			return nil
		}
		in := reflect.ValueOf(call.Input)
		if in.Kind() != reflect.Pointer || in.IsNil() {
			return nil
		}
		sf, pf := in.Elem().FieldByName("SourceRegion"), in.Elem().FieldByName("PreSignedUrl")
		if !sf.IsValid() || !pf.IsValid() {
			return nil
		}
		src, _ := sf.Interface().(*string)
		if src == nil {
			return nil
		}
		// The copy sent: without SourceRegion, which is never sent.
		cp := reflect.New(in.Elem().Type())
		cp.Elem().Set(in.Elem())
		cp.Elem().FieldByName("SourceRegion").SetZero()
		call.Input = cp.Interface()
		psu := cp.Elem().FieldByName("PreSignedUrl")
		if !psu.IsNil() || *src == "" || call.Presign {
			return nil
		}
		so := opts
		so.Region = *src
		presigner := &Client{options: so, state: clientState{presignFor: opts.Region}}
		core, err := presigner.newCore(&so, call.Client)
		if err != nil {
			return err
		}
		pr, err := core.Presign(ctx, call.Operation, call.Input, crossRegionPresignExpires)
		if err != nil {
			return err
		}
		psu.Set(reflect.ValueOf(&pr.URL))
		return nil
	}
	return nil
}

// appendFormParam adds name=value at the end of req's form body (the Query
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
