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
	"github.com/goto3/goto3/protocol/jsonutil"
	"github.com/goto3/goto3/services/dynamodb/internal/itemsink"
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
//   - the table layer's typed reads: a Query or Scan whose context carries
//     an itemsink.Sink (package table's Query and Scan) has its answer's
//     Items read by the sink, straight into the caller's types; the codec
//     decodes the rest of the answer, with Items left empty.

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
	po.Custom.TakeBody = takeItems
	return nil
}

// takeItems gives the Items of an answer to the call's itemsink.Sink, if
// it has one for the operation, and returns the answer without them.
func takeItems(ctx context.Context, call *pipeline.Call, body []byte) ([]byte, error) {
	s := itemsink.From(ctx)
	if s == nil || s.Op != call.Operation.Name {
		return body, nil
	}
	r := jsonutil.NewReader(body)
	if err := r.BeginObject(); err != nil {
		return body, nil // the codec reports it
	}
	count := -1
	for {
		key, ok, err := r.NextMember()
		if err != nil || !ok {
			return body, nil
		}
		switch string(key) {
		case "Items":
		case "Count":
			if k, _ := r.Peek(); k != jsonutil.KindNumber {
				break
			}
			num, err := r.ReadNumber()
			if err != nil {
				return body, nil
			}
			if c, err := strconv.ParseInt(string(num), 10, 32); err == nil && c >= 0 {
				count = int(c)
			}
			continue
		default:
			if err := r.Skip(); err != nil {
				return body, nil
			}
			continue
		}
		if k, err := r.Peek(); err != nil || k != jsonutil.KindArray {
			return body, nil
		}
		start := r.Offset()
		n, err := s.Decode(body[start:], count)
		if err != nil {
			return body, nil // the codec decodes them; the table reports the item
		}
		rest := make([]byte, 0, len(body)-n+4)
		rest = append(append(append(rest, body[:start]...), "null"...), body[start+n:]...)
		return rest, nil
	}
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
