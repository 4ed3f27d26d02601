package xmlutil_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/goto3/goto3/protocol/xmlutil"
)

func FuzzDecode(f *testing.F) {
	f.Add([]byte(listObjectsDoc(3)))
	f.Add([]byte(`<a><Tags><entry><K>a</K><V>1</V></entry></Tags><Flat><key>x</key></Flat><Data>aGk=</Data></a>`))
	f.Add([]byte(`<!DOCTYPE a [<!ENTITY x "y">]><a><Name>&x;&#x41;<![CDATA[z]]></Name></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var out listOutput
		_ = xmlutil.Decode(bytes.NewReader(data), listOutputShape, reflect.ValueOf(&out),
			xmlutil.DecodeOptions{MaxDepth: 32, MaxTokenSize: 1 << 16})
		d := xmlutil.NewDecoder(bytes.NewReader(data), xmlutil.DecodeOptions{MaxDepth: 32, MaxTokenSize: 1 << 16})
		if _, err := d.Root(); err != nil {
			return
		}
		for i := 0; i < 100; i++ {
			c, ok, err := d.NextChild()
			if err != nil || !ok {
				return
			}
			if i%2 == 0 {
				err = xmlutil.DecodeElement(d, c, listOutputShape, reflect.ValueOf(&out))
			} else {
				_, err = d.Text()
			}
			if err != nil {
				return
			}
		}
	})
}
