package dynamodb

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol/jsonutil"
	"github.com/goto3/goto3/services/dynamodb/internal/rawitems"
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
//   - the table layer's typed reads and writes: a Query, Scan or
//     BatchGetItem whose context carries a rawitems.Sink (package table's
//     Query, Scan and BatchGet) has its answer's items (Items; the
//     table's Responses) read by the sink, straight into the caller's
//     types, and the codec decodes the rest of the answer, with those
//     items left out; a BatchWriteItem whose context carries rawitems.Writes
//     (table's BatchWriter) has the puts' items, written to JSON straight
//     from the caller's values, put into the body the codec wrote.

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
	po.Custom.PrepareRequest = putItems
	return nil
}

// putItems writes the items of the call's rawitems.Writes, if it has
// some for a BatchWriteItem, into the request body in place of the empty
// Items the codec wrote for them.
func putItems(ctx context.Context, call *pipeline.Call, req *http.Request) error {
	w := rawitems.WritesFrom(ctx)
	if w == nil || call.Operation.Name != "BatchWriteItem" || req.GetBody == nil {
		return nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return err
	}
	body, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return err
	}
	out, err := spliceItems(body, w)
	if err != nil {
		return fmt.Errorf("dynamodb: writing the batch's items: %w", err)
	}
	req.Body = io.NopCloser(bytes.NewReader(out))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(out)), nil }
	req.ContentLength = int64(len(out))
	return nil
}

// spliceItems returns body, a BatchWriteItem request, with the Item of the
// table's i-th write request replaced by w.Items[i] where it is set.
func spliceItems(body []byte, w *rawitems.Writes) ([]byte, error) {
	size := len(body)
	for _, it := range w.Items {
		size += len(it)
	}
	out := make([]byte, 0, size)
	last := 0 // body[last:] is still to copy
	r := jsonutil.NewReader(body)
	if err := r.BeginObject(); err != nil {
		return nil, err
	}
	if found, err := seekMember(r, "RequestItems"); err != nil || !found {
		return nil, cmp.Or(err, errors.New("no RequestItems"))
	}
	if err := onlyMember(r, w.Table); err != nil {
		return nil, fmt.Errorf("RequestItems: %w", err)
	}
	if err := r.BeginArray(); err != nil {
		return nil, err
	}
	for i := 0; ; i++ {
		more, err := r.NextElement()
		if err != nil {
			return nil, err
		}
		if !more {
			if i != len(w.Items) {
				return nil, fmt.Errorf("%d write requests, %d items", i, len(w.Items))
			}
			break
		}
		if i >= len(w.Items) || w.Items[i] == nil {
			if err := r.Skip(); err != nil {
				return nil, err
			}
			continue
		}
		// {"PutRequest":{"Item":{}}}: the Item's value is replaced.
		if err := onlyMember(r, "PutRequest"); err != nil {
			return nil, fmt.Errorf("write request %d: %w", i, err)
		}
		if err := onlyMember(r, "Item"); err != nil {
			return nil, fmt.Errorf("write request %d: %w", i, err)
		}
		if _, err := r.Peek(); err != nil {
			return nil, err
		}
		start := r.Offset()
		if err := r.Skip(); err != nil {
			return nil, err
		}
		out = append(append(out, body[last:start]...), w.Items[i]...)
		last = r.Offset()
		if err := endObjects(r, 2); err != nil {
			return nil, fmt.Errorf("write request %d: %w", i, err)
		}
	}
	if err := endObjects(r, 1); err != nil {
		return nil, fmt.Errorf("the request is for more tables than %q: %w", w.Table, err)
	}
	return append(out, body[last:]...), nil
}

// seekMember reads an object's members up to the one named name, whose
// value is next; false when the object ends first.
func seekMember(r *jsonutil.Reader, name string) (bool, error) {
	for {
		key, ok, err := r.NextMember()
		if err != nil || !ok {
			return false, err
		}
		if string(key) == name {
			return true, nil
		}
		if err := r.Skip(); err != nil {
			return false, err
		}
	}
}

// onlyMember begins an object whose first member must be name: its value
// is next (endObjects checks that no other member follows).
func onlyMember(r *jsonutil.Reader, name string) error {
	if err := r.BeginObject(); err != nil {
		return err
	}
	key, ok, err := r.NextMember()
	if err != nil {
		return err
	}
	if !ok || string(key) != name {
		return fmt.Errorf("an object without %q first", name)
	}
	return nil
}

// endObjects ends n nested objects, each of which must have no member
// left.
func endObjects(r *jsonutil.Reader, n int) error {
	for range n {
		key, more, err := r.NextMember()
		if err != nil {
			return err
		}
		if more {
			return fmt.Errorf("an unexpected member %q", key)
		}
	}
	return nil
}

// takeItems gives the items of an answer (its Items, or what the sink's
// Path names) to the call's rawitems.Sink, if it has one for the
// operation, and returns the answer without them.
func takeItems(ctx context.Context, call *pipeline.Call, body []byte) ([]byte, error) {
	s := rawitems.From(ctx)
	if s == nil || s.Op != call.Operation.Name {
		return body, nil
	}
	path := s.Path
	if path == nil {
		path = itemsPath
	}
	r := jsonutil.NewReader(body)
	count := -1
	for depth, name := range path {
		// The member name at this depth; Count on the way (top level).
		if err := r.BeginObject(); err != nil {
			return body, nil // the codec reports it
		}
		for {
			key, ok, err := r.NextMember()
			if err != nil || !ok {
				return body, nil // no items: nothing to take
			}
			if string(key) == name {
				break
			}
			if k, _ := r.Peek(); depth == 0 && string(key) == "Count" && k == jsonutil.KindNumber {
				num, err := r.ReadNumber()
				if err != nil {
					return body, nil
				}
				if c, err := strconv.ParseInt(string(num), 10, 32); err == nil && c >= 0 {
					count = int(c)
				}
			} else if err := r.Skip(); err != nil {
				return body, nil
			}
		}
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
	return append(append(append(rest, body[:start]...), "null"...), body[start+n:]...), nil
}

var itemsPath = []string{"Items"}

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
