package s3

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"

	"github.com/goto3/goto3/internal/pipeline"
)

// postDecode fixes the outputs the model cannot describe.
func postDecode(call *pipeline.Call, body []byte) error {
	postDecodeList(call)
	if call.Operation.Name == "GetBucketLocation" {
		if out, ok := call.Output.(*GetBucketLocationOutput); ok && out != nil {
			return decodeBucketLocation(body, reflect.ValueOf(out).Elem())
		}
	}
	return nil
}

// decodeBucketLocation reads GetBucketLocation's answer, whose root element
// is the member itself:
//
//	<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>
//
// The model cannot say so (botocore special-cases it too:
// handlers.parse_get_bucket_location takes the root element's text). An
// empty element (a bucket in us-east-1) leaves LocationConstraint nil, as
// botocore leaves it None.
func decodeBucketLocation(body []byte, out reflect.Value) error {
	f := out.FieldByName("LocationConstraint")
	if !f.IsValid() || f.Kind() != reflect.Pointer || f.Type().Elem().Kind() != reflect.String {
		return errors.New("s3: GetBucketLocation output has no LocationConstraint string pointer")
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	var text []byte
	inRoot := false
scan:
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if inRoot {
				// ElementTree's root.text ends at the first child.
				break scan
			}
			inRoot = true
		case xml.CharData:
			if inRoot {
				text = append(text, t...)
			}
		case xml.EndElement:
			break scan
		}
	}
	if len(text) == 0 {
		f.SetZero()
		return nil
	}
	v := reflect.New(f.Type().Elem())
	v.Elem().SetString(string(text))
	f.Set(v)
	return nil
}
