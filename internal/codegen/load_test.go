package codegen_test

import (
	"path/filepath"
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
