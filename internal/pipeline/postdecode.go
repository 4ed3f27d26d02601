package pipeline

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
)

// postDecoder fixes an output the schema-driven codec cannot decode from
// the model alone. It gets the whole response body of a successful answer
// and the output struct, after the codec ran.
type postDecoder func(body []byte, out reflect.Value) error

// s3PostDecoders are S3's per-operation post-decode hooks, read-only.
var s3PostDecoders = map[string]postDecoder{
	"GetBucketLocation": decodeBucketLocation,
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
		return errors.New("goto3: GetBucketLocation output has no LocationConstraint string pointer")
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
