package protocoltest_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/internal/testing/protocoltest"
	ec2in "github.com/goto3/goto3/internal/testing/protocoltest/ec2/input"
	ec2out "github.com/goto3/goto3/internal/testing/protocoltest/ec2/output"
	queryin "github.com/goto3/goto3/internal/testing/protocoltest/query/input"
	queryout "github.com/goto3/goto3/internal/testing/protocoltest/query/output"
	restxmlin "github.com/goto3/goto3/internal/testing/protocoltest/restxml/input"
	restxmlout "github.com/goto3/goto3/internal/testing/protocoltest/restxml/output"
)

type lookupFunc func(suite int, id string) (protocoltest.Entry, bool)

var files = []struct {
	path   string
	lookup lookupFunc
}{
	{"input/ec2.json", ec2in.Lookup},
	{"input/query.json", queryin.Lookup},
	{"input/rest-xml.json", restxmlin.Lookup},
	{"output/ec2.json", ec2out.Lookup},
	{"output/query.json", queryout.Lookup},
	{"output/rest-xml.json", restxmlout.Lookup},
}

// TestRoundTrip builds every case's params (input files) or result
// (output files) into the generated Go type with BuildValue and turns it
// back with ToJSON: the two must agree, which checks the generated types,
// the schema's member names and field indexes, and both helpers.
func TestRoundTrip(t *testing.T) {
	for _, f := range files {
		t.Run(f.path, func(t *testing.T) {
			suites, err := protocoltest.Load(filepath.Join("..", "..", "..", "testdata", "protocols", f.path))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for i, s := range suites {
				for _, c := range s.Cases {
					t.Run(c.ID, func(t *testing.T) {
						e, ok := f.lookup(i, c.ID)
						if !ok {
							t.Fatalf("Lookup(%d, %q) found nothing", i, c.ID)
						}
						var given struct{ Name string }
						if err := json.Unmarshal(c.Given, &given); err != nil {
							t.Fatal(err)
						}
						if e.Operation.Name != given.Name {
							t.Errorf("got operation %s, want %s", e.Operation.Name, given.Name)
						}
						shape, want := e.Operation.Input, c.Params
						if s.Direction == "output" {
							shape, want = e.Operation.Output, c.Result
							if c.Error != nil || c.ErrorCode != "" {
								return
							}
						}
						want = normalize(want)
						v, err := protocoltest.BuildValue(shape, want)
						if err != nil {
							t.Fatalf("BuildValue: %v", err)
						}
						if shape == nil {
							if v.IsValid() {
								t.Errorf("got a value %v for an operation without shape", v)
							}
							return
						}
						if nv := e.New(); nv == nil || v.Type() != reflectType(nv) {
							t.Errorf("got New() %T, want %s", nv, v.Type())
						}
						got := protocoltest.ToJSON(shape, v)
						if want == nil {
							want = map[string]any{}
						}
						if diff := cmp.Diff(want, got); diff != "" {
							t.Errorf("ToJSON(BuildValue(x)) != x (-want +got):\n%s", diff)
						}
						n++
					})
				}
			}
			if n == 0 {
				t.Error("no case was checked")
			}
		})
	}
}
