package xmlutil_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/goto3/goto3/protocol/xmlutil"
)

// go test ./protocol/xmlutil -run '^$' -bench DecodeListObjects -benchtime=200x
func BenchmarkDecodeListObjects1000(b *testing.B) {
	doc := listObjectsDoc(1000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		var out listOutput
		if err := xmlutil.Decode(strings.NewReader(doc), listOutputShape, reflect.ValueOf(&out), xmlutil.DecodeOptions{}); err != nil {
			b.Fatal(err)
		}
		if len(out.Contents) != 1000 {
			b.Fatalf("got %d keys", len(out.Contents))
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}
