package jmespath_test

import (
	"errors"
	"fmt"

	"github.com/goto3/goto3/internal/jmespath"
)

func ExampleExpr_Search() {
	type Object struct{ Key *string }
	type Output struct {
		NextMarker *string
		Contents   []Object
	}
	k1, k2 := "photos/1.jpg", "photos/2.jpg"
	out := &Output{Contents: []Object{{Key: &k1}, {Key: &k2}}}

	next := jmespath.MustCompile("NextMarker || Contents[-1].Key")
	fmt.Println(next.Search(out))
	more, _ := jmespath.MustCompile("length(Contents[]) > `1`").Search(out)
	fmt.Println(more)
	_, err := jmespath.MustCompile("abs(Contents[0].Key)").Search(out)
	fmt.Println(errors.Is(err, jmespath.InvalidType))
	// Output:
	// photos/2.jpg <nil>
	// true
	// true
}
