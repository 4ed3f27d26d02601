package codegen_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/internal/codegen"
)

// TestLoadAPI loads the three real models with their paginators and
// waiters, which the client generator builds on.
func TestLoadAPI(t *testing.T) {
	for _, tt := range []struct {
		dir                              string
		ops, shapes, paginators, waiters int
		protocol                         string
	}{
		{"s3/2006-03-01", 111, 690, 7, 4, "rest-xml"},
		{"ses/2010-12-01", 71, 316, 5, 1, "query"},
		{"ec2/2016-11-15", 765, 4014, 171, 43, "ec2"},
	} {
		t.Run(tt.dir, func(t *testing.T) {
			api, err := codegen.LoadAPI(filepath.Join("models", tt.dir))
			if err != nil {
				t.Fatal(err)
			}
			got := []int{len(api.Operations), len(api.Shapes), len(api.Paginators), len(api.Waiters)}
			want := []int{tt.ops, tt.shapes, tt.paginators, tt.waiters}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("operations, shapes, paginators, waiters (-want +got):\n%s", diff)
			}
			if api.Metadata.Protocol != tt.protocol {
				t.Errorf("got protocol %q, want %q", api.Metadata.Protocol, tt.protocol)
			}
		})
	}
	api, err := codegen.LoadAPI(filepath.Join("models", "s3", "2006-03-01"))
	if err != nil {
		t.Fatal(err)
	}
	p := api.Paginators["ListObjectsV2"]
	if p == nil {
		t.Fatal("no ListObjectsV2 paginator")
	}
	want := codegen.Paginator{InputToken: codegen.StringList{"ContinuationToken"}, OutputToken: codegen.StringList{"NextContinuationToken"},
		LimitKey: "MaxKeys", ResultKey: codegen.StringList{"Contents", "CommonPrefixes"}, MoreResults: "IsTruncated"}
	if diff := cmp.Diff(want, *p); diff != "" {
		t.Errorf("ListObjectsV2 paginator (-want +got):\n%s", diff)
	}
	w := api.Waiters["BucketExists"]
	if w == nil || w.Operation != "HeadBucket" || len(w.Acceptors) == 0 {
		t.Errorf("got BucketExists waiter %+v", w)
	}
	// Member order follows the model, which fixes Go field order.
	s := api.Shapes["Tag"]
	if diff := cmp.Diff([]string{"Key", "Value"}, s.MemberOrder); diff != "" {
		t.Errorf("Tag member order (-want +got):\n%s", diff)
	}
}

// TestMergeExtras loads RDS with its service-2.sdk-extras.json as botocore
// does: SourceRegion is added to the shapes the overlay names, after their
// own members (testdata/extras/gen_extras.py asks botocore for both).
func TestMergeExtras(t *testing.T) {
	var want struct {
		CopyDBSnapshotMessage []string
		WithSourceRegion      []string
	}
	b, err := os.ReadFile(filepath.Join("testdata", "extras", "rds-merged.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(filepath.Join("models", "rds", "*"))
	if len(dirs) == 0 {
		t.Fatal("no vendored RDS model")
	}
	api, err := codegen.LoadAPI(dirs[len(dirs)-1])
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.CopyDBSnapshotMessage, api.Shapes["CopyDBSnapshotMessage"].MemberOrder); diff != "" {
		t.Errorf("CopyDBSnapshotMessage members (-botocore +goto3):\n%s", diff)
	}
	var got []string
	for name, s := range api.Shapes {
		if s.Type == "structure" && slices.Contains(s.MemberOrder, "SourceRegion") {
			got = append(got, name)
		}
	}
	slices.Sort(got)
	if diff := cmp.Diff(want.WithSourceRegion, got); diff != "" {
		t.Errorf("shapes with SourceRegion (-botocore +goto3):\n%s", diff)
	}
}

func TestMergeExtrasOrder(t *testing.T) {
	got, err := codegen.MergeExtras([]byte(`{"b":1,"a":{"y":1,"x":[1,2]},"c":"<p>"}`),
		[]byte(`{"version":1.0,"merge":{"a":{"x":[3],"z":{"k":true}},"d":null}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"b":1,"a":{"y":1,"x":[3],"z":{"k":true}},"c":"\u003cp\u003e","d":null}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
