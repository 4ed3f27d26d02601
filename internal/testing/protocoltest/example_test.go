package protocoltest_test

import (
	"fmt"
	"reflect"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/internal/testing/protocoltest/query/output"
)

// A conformance runner looks up a case, builds values and compares results
// in the JSON form of the test file.
func Example() {
	suites, err := protocoltest.Load("../../../testdata/protocols/output/query.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	s := suites[0]
	c := s.Cases[0]
	e, ok := output.Lookup(0, c.ID)
	if !ok {
		fmt.Println("no such case")
		return
	}
	// A codec would fill this value from c.Response; here BuildValue makes
	// it from the expected result.
	v, err := protocoltest.BuildValue(e.Operation.Output, c.Result)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s %T\n", c.ID, e.Operation.ResultWrapper, e.New())
	fmt.Println(protocoltest.ToJSON(e.Operation.Output, v))
	fmt.Println(reflect.DeepEqual(protocoltest.ToJSON(e.Operation.Output, v), c.Result))
	_, skip := s.Ignored(c.ID)
	fmt.Println("ignored:", skip)
	// Output:
	// AwsQueryDateTimeWithNegativeOffset DatetimeOffsetsResult *output.S00DatetimeOffsetsOutput
	// map[datetime:1.576540098e+09]
	// true
	// ignored: false
}
