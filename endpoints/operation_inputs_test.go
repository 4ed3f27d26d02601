package endpoints_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/goto3/goto3/endpoints"
)

// s3ContextParams is what the S3 model (service-2.json, botocore 1.43.11)
// says about the operations used by the conformance cases: input members
// bound to rule-set parameters (contextParam) and fixed parameter values
// (staticContextParams). The request pipeline reads the same from the model.
var s3ContextParams = map[string]struct {
	members map[string]string // input member -> parameter
	static  map[string]any
}{
	"GetObject":   {members: map[string]string{"Bucket": "Bucket", "Key": "Key"}},
	"ListObjects": {members: map[string]string{"Bucket": "Bucket", "Prefix": "Prefix"}},
	"CreateBucket": {
		members: map[string]string{"Bucket": "Bucket"},
		static:  map[string]any{"DisableAccessPoints": true, "UseS3ExpressControlEndpoint": true},
	},
	"ListBuckets":            {},
	"WriteGetObjectResponse": {static: map[string]any{"UseObjectLambdaEndpoint": true}},
	"ListDirectoryBuckets":   {static: map[string]any{"UseS3ExpressControlEndpoint": true}},
}

// TestS3OperationInputs resolves each S3 case again the way the client
// will: built-in values (AWS::Region, AWS::S3::ForcePathStyle,
// SDK::Endpoint, ...) mapped to parameters through the rule set's builtIn
// declarations, plus the operation's context parameters.
func TestS3OperationInputs(t *testing.T) {
	rs := endpoints.S3()
	cases := readCases(t, filepath.Join(testdataDir, "tests", "s3", "endpoint-tests-1.json"))
	n := 0
	for i, tc := range cases {
		for _, oi := range tc.OperationInputs {
			n++
			t.Run(fmt.Sprintf("s3/%d/%s", i, oi.OperationName), func(t *testing.T) {
				op, ok := s3ContextParams[oi.OperationName]
				if !ok {
					t.Fatalf("no context parameters known for %s", oi.OperationName)
				}
				var p endpoints.Params
				for name, v := range oi.BuiltInParams {
					found, err := rs.SetBuiltIn(&p, name, v)
					if err != nil {
						t.Fatalf("SetBuiltIn(%q, %v): %v", name, v, err)
					}
					if !found {
						t.Fatalf("SetBuiltIn(%q): got not found, want a parameter", name)
					}
				}
				for member, param := range op.members {
					if v, ok := oi.OperationParams[member]; ok {
						if err := p.Set(param, v); err != nil {
							t.Fatal(err)
						}
					}
				}
				for param, v := range op.static {
					if err := p.Set(param, v); err != nil {
						t.Fatal(err)
					}
				}
				check(t, rs, &p, tc)
			})
		}
	}
	if n != 215 {
		t.Errorf("got %d operation inputs, want 215", n)
	}
}

func TestSetBuiltIn(t *testing.T) {
	rs := endpoints.S3()
	var p endpoints.Params
	for _, b := range []struct {
		name string
		v    any
	}{
		{"AWS::Region", "eu-west-1"},
		{"AWS::UseFIPS", true},
		{"AWS::UseDualStack", false},
		{"SDK::Endpoint", "http://127.0.0.1:9000"},
		{"AWS::S3::ForcePathStyle", true},
		{"AWS::S3::Accelerate", false},
		{"AWS::S3::UseGlobalEndpoint", true},
		{"AWS::S3::DisableMultiRegionAccessPoints", true},
		{"AWS::S3::UseArnRegion", false},
	} {
		found, err := rs.SetBuiltIn(&p, b.name, b.v)
		if !found || err != nil {
			t.Errorf("SetBuiltIn(%q): got %v, %v; want true, nil", b.name, found, err)
		}
	}
	if p.Region == nil || *p.Region != "eu-west-1" || p.Endpoint == nil || *p.Endpoint != "http://127.0.0.1:9000" ||
		p.ForcePathStyle == nil || !*p.ForcePathStyle || p.UseArnRegion == nil || *p.UseArnRegion {
		t.Errorf("got %+v, want the built-ins in their fields", p)
	}
	if found, err := rs.SetBuiltIn(&p, "AWS::Nope", "x"); found || err != nil {
		t.Errorf("SetBuiltIn(unknown): got %v, %v; want false, nil", found, err)
	}
	if _, err := rs.SetBuiltIn(&p, "AWS::UseFIPS", "yes"); err == nil {
		t.Error("SetBuiltIn(AWS::UseFIPS, string): got nil error, want a type error")
	}
	// SES has no S3 built-ins.
	if found, _ := endpoints.SES().SetBuiltIn(&p, "AWS::S3::ForcePathStyle", true); found {
		t.Error("SES SetBuiltIn(AWS::S3::ForcePathStyle): got found, want not found")
	}
}
