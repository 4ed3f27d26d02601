package xmlutil_test

import (
	"bytes"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"reflect"
	"testing"

	"github.com/goto3/goto3/protocol/xmlutil"
)

func FuzzDecode(f *testing.F) {
	f.Add([]byte(listObjectsDoc(3)))
	f.Add([]byte(`<a><Tags><entry><K>a</K><V>1</V></entry></Tags><Flat><key>x</key></Flat><Data>aGk=</Data></a>`))
	f.Add([]byte(`<!DOCTYPE a [<!ENTITY x "y">]><a><Name>&x;&#x41;<![CDATA[z]]></Name></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var out, slow listOutput
		opts := xmlutil.DecodeOptions{MaxDepth: 32, MaxTokenSize: 1 << 16}
		err := xmlutil.Decode(bytes.NewReader(data), listOutputShape, reflect.ValueOf(&out), opts)
		// Byte-at-a-time reads defeat every fast path (they need whole
		// tokens in the buffer): both ways must agree.
		errSlow := xmlutil.Decode(oneByteReader{bytes.NewReader(data)}, listOutputShape, reflect.ValueOf(&slow), opts)
		if (err == nil) != (errSlow == nil) {
			t.Fatalf("buffered decode error %v, byte-at-a-time error %v", err, errSlow)
		}
		if err == nil {
			if diff := cmp.Diff(slow, out, cmpopts.EquateNaNs()); diff != "" {
				t.Fatalf("buffered and byte-at-a-time decodes differ (-slow +fast):\n%s", diff)
			}
		}
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
