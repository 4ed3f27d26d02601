package jmespath_test

import (
	"strconv"
	"testing"

	"github.com/goto3/goto3/internal/jmespath"
)

// BenchmarkSearch evaluates compiled expressions typical of waiters and
// paginators over generated-style Go structs (by reflection).
func BenchmarkSearch(b *testing.B) {
	out := fixture()
	for i := range 1000 {
		out.Contents = append(out.Contents, object{Key: ptr("k" + strconv.Itoa(i)), Size: ptr(int64(i))})
	}
	for _, expr := range []string{
		"NextMarker || Contents[-1].Key",
		"Contents[?Size > `100`].Key",
		"Reservations[].Instances[].InstanceId",
		"length(Reservations[].Instances[?State.Name != 'running'][]) == `0`",
		"sort_by(Contents[?Size], &Size)[-1].Key",
	} {
		e := jmespath.MustCompile(expr)
		b.Run(expr, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Search(out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	for _, expr := range []string{
		"NextMarker || Contents[-1].Key",
		"Reservations[].Instances[].InstanceId",
		"Contents[?Size > `100`].Key",
	} {
		b.Run(expr, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jmespath.Compile(expr); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
