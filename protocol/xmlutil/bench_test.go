package xmlutil_test

import (
	"encoding/xml"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/testing/cputime"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// go test ./protocol/xmlutil -run '^$' -bench DecodeListObjects -benchtime=200x
func BenchmarkDecodeListObjects1000(b *testing.B) {
	doc := listObjectsDoc(1000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		var out listOutput
		if err := xmlutil.Decode(strings.NewReader(doc), listOutputShape, reflect.ValueOf(&out), xmlutil.DecodeOptions{}); err != nil {
			b.Fatal(err)
		}
		if len(out.Contents) != 1000 {
			b.Fatalf("got %d keys", len(out.Contents))
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}

// The same document through encoding/xml into a plain tagged struct, for
// scale: the ratio of the two holds on a loaded machine where absolute
// figures do not.
func BenchmarkDecodeListObjects1000EncodingXML(b *testing.B) {
	type xobject struct {
		Key          *string    `xml:"Key"`
		LastModified *time.Time `xml:"LastModified"`
		ETag         *string    `xml:"ETag"`
		Size         *int64     `xml:"Size"`
		StorageClass *string    `xml:"StorageClass"`
		Owner        *struct {
			DisplayName *string `xml:"DisplayName"`
			ID          *string `xml:"ID"`
		} `xml:"Owner"`
	}
	type xresult struct {
		Name     *string   `xml:"Name"`
		KeyCount *int32    `xml:"KeyCount"`
		Contents []xobject `xml:"Contents"`
	}
	doc := listObjectsDoc(1000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		var out xresult
		if err := xml.NewDecoder(strings.NewReader(doc)).Decode(&out); err != nil {
			b.Fatal(err)
		}
		if len(out.Contents) != 1000 {
			b.Fatalf("got %d keys", len(out.Contents))
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}
