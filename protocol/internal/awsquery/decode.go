package awsquery

import (
	"fmt"
	"io"
	"net/http"
	"reflect"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// UnmarshalResponse decodes a successful response body into output, a
// pointer to op's output struct. Query documents carry the output inside
// <OpResponse><OpResult> (op.ResultWrapper; botocore's QueryParser looks
// the wrapper up among the root's children); EC2 documents carry the members
// directly under the root. The response metadata elements (<RequestId>,
// <requestId>) are not output members and are skipped. An empty body leaves
// output unset. The body is read up to the end of what is needed, not
// closed.
func UnmarshalResponse(resp *http.Response, op *protocol.Operation, output any, d Dialect) error {
	if op == nil || op.Output == nil || resp == nil || resp.Body == nil {
		return nil
	}
	v := reflect.ValueOf(output)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("awsquery: %s: output must be a non-nil pointer to a struct, got %T", op.Name, output)
	}
	v = v.Elem()
	dec := xmlutil.NewDecoder(resp.Body, decodeOptions(d, resp.ContentLength))
	root, err := dec.Root()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return fmt.Errorf("awsquery: %s: decoding response: %w", op.Name, err)
	}
	if d == EC2 || op.ResultWrapper == "" {
		if err := xmlutil.DecodeElement(dec, root, op.Output, v); err != nil {
			return fmt.Errorf("awsquery: %s: decoding response: %w", op.Name, err)
		}
		return nil
	}
	for {
		start, ok, err := dec.NextChild()
		if err != nil {
			return fmt.Errorf("awsquery: %s: decoding response: %w", op.Name, err)
		}
		if !ok {
			// No result element: botocore fails with a KeyError here; an
			// empty result is the useful reading of such a document.
			return nil
		}
		if start.Name != op.ResultWrapper {
			if err := dec.Skip(); err != nil {
				return fmt.Errorf("awsquery: %s: decoding response: %w", op.Name, err)
			}
			continue
		}
		if err := xmlutil.DecodeElement(dec, start, op.Output, v); err != nil {
			return fmt.Errorf("awsquery: %s: decoding response: %w", op.Name, err)
		}
		return nil
	}
}

// decodeOptions sizes the decoder for a body of n bytes (n <= 0: unknown).
// No token can be longer than the body, so a known small body needs no more
// buffer than itself; a body longer than it claims fails with a limit error.
func decodeOptions(d Dialect, n int64) xmlutil.DecodeOptions {
	opts := xmlutil.DecodeOptions{EC2: d == EC2}
	if n > 0 && n < 16<<10 {
		opts.MaxTokenSize = int(n) + 64
	}
	return opts
}
