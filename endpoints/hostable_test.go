package endpoints_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/goto3/goto3/endpoints"
)

// hostableVectors are botocore's answers for aws.isVirtualHostableS3Bucket
// and S3 resolutions around dotted, short and IP-shaped bucket names
// (testdata/endpoints/botocore-diff/gen_hostable.py).
type hostableVectors struct {
	Botocore string `json:"botocore"`
	Hostable []struct {
		Bucket          string `json:"bucket"`
		AllowSubDomains bool   `json:"allowSubDomains"`
		VirtualHostable bool   `json:"virtualHostable"`
	} `json:"hostable"`
	Resolutions []struct {
		Params map[string]any `json:"params"`
		URL    string         `json:"url"`
		Error  string         `json:"error"`
	} `json:"resolutions"`
}

func readHostable(t *testing.T) hostableVectors {
	t.Helper()
	b, err := os.ReadFile("../testdata/endpoints/botocore-diff/hostable.json")
	if err != nil {
		t.Fatal(err)
	}
	var v hostableVectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// hostableDeviation says why goto3 answers otherwise than botocore for a
// bucket, or "": botocore checks only the whole name's minimum length,
// while the Smithy reference (and S3's own naming rules) bound it at 63.
func hostableDeviation(bucket string) string {
	if len(bucket) > 63 {
		return "longer than 63 characters: the Smithy reference's bound, which botocore does not check"
	}
	return ""
}

func TestIsVirtualHostableS3BucketBotocore(t *testing.T) {
	v := readHostable(t)
	if len(v.Hostable) < 400 {
		t.Fatalf("got %d cases, want the generated table", len(v.Hostable))
	}
	deviations := 0
	for _, c := range v.Hostable {
		want := c.VirtualHostable
		if why := hostableDeviation(c.Bucket); why != "" && want {
			want = false
			deviations++
		}
		if got := endpoints.IsVirtualHostableS3Bucket(c.Bucket, c.AllowSubDomains); got != want {
			t.Errorf("IsVirtualHostableS3Bucket(%q, %v) = %v, botocore %s says %v", c.Bucket, c.AllowSubDomains, got, v.Botocore, c.VirtualHostable)
		}
	}
	t.Logf("%d cases, %d documented deviations", len(v.Hostable), deviations)
}

func TestS3ResolutionsBotocore(t *testing.T) {
	v := readHostable(t)
	rs := ruleSet(t, "s3")
	for _, c := range v.Resolutions {
		if hostableDeviation(c.Params["Bucket"].(string)) != "" {
			continue
		}
		ep, err := rs.Resolve(values(t, rs, c.Params))
		switch {
		case c.Error != "":
			if err == nil || err.Error() != c.Error {
				t.Errorf("%v: got %q, %v; botocore says error %q", c.Params, ep.URL, err, c.Error)
			}
		case err != nil || ep.URL != c.URL:
			t.Errorf("%v: got %q, %v; botocore says %q", c.Params, ep.URL, err, c.URL)
		}
	}
}
