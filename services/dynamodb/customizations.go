package dynamodb

import (
	"context"
	"fmt"
	"hash/crc32"
	"net/http"
	"strconv"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
)

// DynamoDB's customizations:
//
//   - account-based endpoints (https://<account>.ddb.<region>.amazonaws.com):
//     the endpoint parameter AccountId comes from the credentials (their
//     AccountID: AWS_ACCOUNT_ID, the profile's aws_account_id, an assumed
//     role's ARN, SSO), as botocore's ACCOUNT_ID built-in, per call, under
//     AccountIDEndpointMode ("preferred" unless set);
//   - the x-amz-crc32 header: the CRC-32 of the raw response body, checked
//     before decoding; a mismatch is a *CRC32MismatchError, retried as
//     botocore's standard retry mode does (RetryDDBChecksumError). A body the
//     transport inflated (Content-Encoding gzip) is not checked: the header
//     covers the bytes sent.

// clientState is DynamoDB's state shared with per-call clients: none.
type clientState struct{}

func newClientState() clientState { return clientState{} }

// fromConfig reads DynamoDB's own settings: none beyond goto3.Config's.
func (o *Options) fromConfig(*goto3.Config) error { return nil }

// customize sets DynamoDB's customizations in po.
func (c *Client) customize(o *Options, po *pipeline.Options, p *EndpointParameters) error {
	mode := o.AccountIDEndpointMode
	switch mode {
	case "":
		mode = "preferred"
		p.AccountIdEndpointMode = &mode
	case "preferred", "disabled", "required":
	default:
		return fmt.Errorf("dynamodb: invalid AccountIDEndpointMode %q: want preferred, disabled or required", mode)
	}
	if mode != "disabled" {
		po.Custom.EndpointParams = accountID
	}
	po.Custom.CheckResponse = checkCRC32
	return nil
}

// accountID sets the AccountId endpoint parameter from the credentials.
func accountID(ctx context.Context, call *pipeline.Call, vals []endpoints.Value) error {
	if vals[endpointParamAccountId].IsSet() {
		return nil
	}
	cr, err := call.Client.Credentials(ctx)
	if err != nil {
		return fmt.Errorf("goto3: retrieving credentials: %w", err)
	}
	if cr.AccountID != "" {
		vals[endpointParamAccountId] = endpoints.String(cr.AccountID)
	}
	return nil
}

// CRC32MismatchError is a DynamoDB answer whose body does not have the
// CRC-32 its x-amz-crc32 header announces: damaged in transit. It is
// retried.
type CRC32MismatchError struct {
	Expected, Actual uint32
}

func (e *CRC32MismatchError) Error() string {
	return fmt.Sprintf("dynamodb: response body crc32 %d, x-amz-crc32 says %d", e.Actual, e.Expected)
}

// RetryableError reports true: the answer is sent again on a retry.
func (e *CRC32MismatchError) RetryableError() bool { return true }

func checkCRC32(_ *pipeline.Call, resp *http.Response, body []byte) error {
	v := resp.Header.Get("X-Amz-Crc32")
	if v == "" || resp.Uncompressed {
		return nil
	}
	want, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		return nil // not a CRC-32: nothing to check against
	}
	if got := crc32.ChecksumIEEE(body); got != uint32(want) {
		return &CRC32MismatchError{Expected: uint32(want), Actual: got}
	}
	return nil
}
