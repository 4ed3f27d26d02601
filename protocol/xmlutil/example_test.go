package xmlutil_test

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

func ExampleDecode() {
	body := `<ListBucketResult><Name>b</Name><Contents><Key>a.txt</Key><Size>3</Size></Contents><Contents><Key>b.txt</Key></Contents></ListBucketResult>`
	var out listOutput
	if err := xmlutil.Decode(strings.NewReader(body), listOutputShape, reflect.ValueOf(&out), xmlutil.DecodeOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range out.Contents {
		fmt.Println(*o.Key)
	}
	// Output:
	// a.txt
	// b.txt
}

func ExampleAppendElement() {
	in := object{Key: ptr("a<b"), Size: ptr(int64(3)), LastModified: ptr(time.Unix(0, 0))}
	b, err := xmlutil.AppendElement(nil, "Object", protocol.XMLNamespace{URI: "http://s3.amazonaws.com/doc/2006-03-01/"},
		objectShape, reflect.ValueOf(&in), xmlutil.EncodeOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// <Object xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Key>a&lt;b</Key><LastModified>1970-01-01T00:00:00Z</LastModified><Size>3</Size></Object>
}
