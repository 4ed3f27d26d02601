package apigateway

import (
	"context"
	"net/http"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// API Gateway's customizations (botocore's handlers.py):
//
//   - every request carries Accept: application/json unless it already has
//     an Accept header (GetExport's Accepts member is bound to it), as
//     botocore's before-call handler add_accept_header does: API Gateway
//     answers some operations in another format (HAL) without it. A
//     presigned request gets none, as before-call handlers do not run for
//     generate_presigned_url.

// clientState is API Gateway's state shared with per-call clients: none.
type clientState struct{}

func newClientState() clientState { return clientState{} }

// fromConfig reads API Gateway's own settings: none.
func (o *Options) fromConfig(*goto3.Config) error { return nil }

// customize sets API Gateway's customizations in po.
func (c *Client) customize(_ *Options, po *pipeline.Options, _ *EndpointParameters) error {
	po.Custom.PrepareRequest = acceptJSON
	return nil
}

// acceptJSON sets Accept: application/json on a request without Accept.
func acceptJSON(_ context.Context, call *pipeline.Call, req *http.Request) error {
	if call.Presign {
		return nil
	}
	if _, ok := req.Header["Accept"]; !ok {
		req.Header["Accept"] = []string{"application/json"}
	}
	return nil
}
