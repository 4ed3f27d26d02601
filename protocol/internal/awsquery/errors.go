package awsquery

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/goto3/goto3/protocol"
)

// MaxErrorBody bounds how much of an error response is read. Error
// documents are a few hundred bytes; anything beyond this is ignored.
const MaxErrorBody = 1 << 20

// maxErrorDepth bounds how deep the error scanner follows nesting.
const maxErrorDepth = 256

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
	doc, ok := scanError(body)
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
	if op != nil && doc.errEnd > doc.errStart {
		if s := modeledShape(op, re.Code); s != nil && s.GoType != nil && s.GoType.Kind() == reflect.Struct {
			v := reflect.New(s.GoType)
			if err := decodeDocument(body[doc.errStart:doc.errEnd], s, v.Elem(), d); err == nil {
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

// modeledShape finds the error shape named by code among op's errors: by
// the awsQueryError code first, then by shape name.
func modeledShape(op *protocol.Operation, code string) *protocol.Shape {
	for _, s := range op.Errors {
		if s != nil && s.ErrorCode == code {
			return s
		}
	}
	for _, s := range op.Errors {
		if s != nil && s.Name == code {
			return s
		}
	}
	return nil
}

type errorDoc struct {
	code, message, requestID string
	// The byte range of the <Error> element within the body.
	errStart, errEnd int64
}

// scanError walks the document with encoding/xml, keeping only the fields
// it needs; it reports false when the body is not well-formed XML or holds
// no <Error> element.
func scanError(body []byte) (errorDoc, bool) {
	var doc errorDoc
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	var path []string // local names of the open elements
	inError := -1     // depth of the <Error> element, -1 outside
	var text strings.Builder
	found := false
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return doc, found && doc.errEnd > 0
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(path) >= maxErrorDepth {
				return doc, false
			}
			path = append(path, t.Name.Local)
			text.Reset()
			if inError < 0 && !found && t.Name.Local == "Error" && errorParentOK(path) {
				inError = len(path)
				doc.errStart = off
				found = true
			}
		case xml.CharData:
			if text.Len() < MaxErrorBody {
				text.Write(t)
			}
		case xml.EndElement:
			if len(path) == 0 {
				return doc, false
			}
			name := path[len(path)-1]
			switch {
			case inError > 0 && len(path) == inError+1:
				switch name {
				case "Code":
					doc.code = strings.TrimSpace(text.String())
				case "Message":
					doc.message = text.String()
				}
			case inError > 0 && len(path) == inError:
				doc.errEnd = d.InputOffset()
				inError = -1
			case len(path) == 2 && (name == "RequestId" || name == "RequestID"):
				doc.requestID = strings.TrimSpace(text.String())
			}
			path = path[:len(path)-1]
			text.Reset()
		}
	}
	if !found || doc.errEnd == 0 {
		return doc, false
	}
	return doc, true
}

// errorParentOK says whether an <Error> at path is the error element of one
// of the two document forms (or a bare <Error> root).
func errorParentOK(path []string) bool {
	switch len(path) {
	case 1:
		return true
	case 2:
		return true // <ErrorResponse><Error>
	case 3:
		return path[1] == "Errors" // <Response><Errors><Error>
	}
	return false
}
