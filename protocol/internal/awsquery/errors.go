package awsquery

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// MaxErrorBody bounds how much of an error response is read. Error
// documents are a few hundred bytes; anything beyond this is ignored.
const MaxErrorBody = 1 << 20

// UnmarshalError decodes an error response of either dialect. Both document
// forms are accepted whatever the dialect:
//
//	<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>   (Query)
//	<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>   (EC2)
//
// As in botocore, a 5xx response whose body is empty or an HTML page gets
// the status as its code and the reason phrase as its message. A body that
// is not XML at all (botocore raises a parser error there) is treated the
// same way whatever the status, so that callers always get a code.
func UnmarshalError(resp *http.Response, op *protocol.Operation, d Dialect) *protocol.ResponseError {
	re := &protocol.ResponseError{StatusCode: resp.StatusCode, Header: resp.Header}
	if resp.Header != nil {
		re.RequestID = resp.Header.Get("X-Amzn-Requestid")
		if re.RequestID == "" {
			re.RequestID = resp.Header.Get("X-Amz-Request-Id")
		}
	}
	var body []byte
	if resp.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || bytes.HasPrefix(trimmed, []byte("<html>")) {
		statusError(re)
		return re
	}
	doc, ok := scanError(body, d)
	if !ok {
		statusError(re)
		return re
	}
	re.Code, re.Message = doc.code, doc.message
	if doc.requestID != "" {
		re.RequestID = doc.requestID
	}
	if re.Code == "" {
		re.Code = strconv.Itoa(resp.StatusCode)
	}
	if op != nil {
		if s := modeledShape(op, re.Code); s != nil && s.ReflectType() != nil && s.ReflectType().Kind() == reflect.Struct {
			v := reflect.New(s.ReflectType())
			if err := decodeModeled(body, d, s, v.Elem()); err == nil {
				re.Modeled = v.Interface()
			}
		}
	}
	return re
}

func statusError(re *protocol.ResponseError) {
	re.Code = strconv.Itoa(re.StatusCode)
	re.Message = http.StatusText(re.StatusCode)
}

// modeledShape finds the error shape named by code among op's errors, then
// its service's: by the awsQueryError code first, then by shape name.
func modeledShape(op *protocol.Operation, code string) *protocol.Shape {
	return op.ErrorShape(code)
}

type errorDoc struct {
	code, message, requestID string
}

// walkError finds the error element of either document form in body and
// calls onError with the decoder positioned just after its start tag; it
// reads <RequestId>/<RequestID> among the root's children into doc. It
// reports whether an error element was found and the document could be read
// that far.
func walkError(body []byte, d Dialect, doc *errorDoc, onError func(*xmlutil.Decoder, xmlutil.StartElement) error) bool {
	dec := xmlutil.NewDecoder(bytes.NewReader(body), decodeOptions(d, int64(len(body))))
	root, err := dec.Root()
	if err != nil {
		return false
	}
	if root.Name == "Error" {
		return onError(dec, root) == nil
	}
	found := false
	for {
		start, ok, err := dec.NextChild()
		if err != nil {
			return found
		}
		if !ok {
			return found
		}
		switch {
		case start.Name == "Error" && !found:
			found = true
			if err := onError(dec, start); err != nil {
				return false
			}
		case start.Name == "Errors" && !found:
			for {
				es, ok, err := dec.NextChild()
				if err != nil {
					return false
				}
				if !ok {
					break
				}
				if es.Name == "Error" && !found {
					found = true
					if err := onError(dec, es); err != nil {
						return false
					}
					continue
				}
				if err := dec.Skip(); err != nil {
					return false
				}
			}
		case start.Name == "RequestId" || start.Name == "RequestID":
			t, err := dec.Text()
			if err != nil {
				return found
			}
			if doc != nil {
				doc.requestID = strings.TrimSpace(t)
			}
		default:
			if err := dec.Skip(); err != nil {
				return found
			}
		}
	}
}

// scanError reads the code, message and request id of an error document; it
// reports false when the body holds no readable error element.
func scanError(body []byte, d Dialect) (errorDoc, bool) {
	var doc errorDoc
	ok := walkError(body, d, &doc, func(dec *xmlutil.Decoder, _ xmlutil.StartElement) error {
		for {
			c, ok, err := dec.NextChild()
			if err != nil || !ok {
				return err
			}
			switch c.Name {
			case "Code":
				t, err := dec.Text()
				if err != nil {
					return err
				}
				doc.code = strings.TrimSpace(t)
			case "Message":
				t, err := dec.Text()
				if err != nil {
					return err
				}
				doc.message = t
			default:
				if err := dec.Skip(); err != nil {
					return err
				}
			}
		}
	})
	return doc, ok
}

// decodeModeled decodes the error element's children into v.
func decodeModeled(body []byte, d Dialect, shape *protocol.Shape, v reflect.Value) error {
	var derr error
	walkError(body, d, nil, func(dec *xmlutil.Decoder, start xmlutil.StartElement) error {
		derr = xmlutil.DecodeElement(dec, start, shape, v)
		return derr
	})
	return derr
}
