package endpoints_test

import (
	"errors"
	"fmt"

	"github.com/goto3/goto3/endpoints"
)

func Example() {
	region, bucket := "us-west-2", "mybucket"
	ep, err := endpoints.S3().Resolve(&endpoints.Params{Region: &region, Bucket: &bucket})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := ep.AuthSchemes[0]
	fmt.Println(ep.URL)
	fmt.Println(a.Name, a.SigningName, a.SigningRegion, a.DisableDoubleEncoding)
	// Output:
	// https://mybucket.s3.us-west-2.amazonaws.com
	// sigv4 s3 us-west-2 true
}

// A custom endpoint such as a local MinIO server, with path-style
// addressing, filled from the client's built-in settings.
func ExampleRuleSet_SetBuiltIn() {
	rs := endpoints.S3()
	var p endpoints.Params
	for name, v := range map[string]any{
		"AWS::Region":             "us-east-1",
		"SDK::Endpoint":           "http://127.0.0.1:9000",
		"AWS::S3::ForcePathStyle": true,
	} {
		if _, err := rs.SetBuiltIn(&p, name, v); err != nil {
			fmt.Println(err)
		}
	}
	bucket := "photos"
	p.Bucket = &bucket
	ep, err := rs.Resolve(&p)
	fmt.Println(ep.URL, err)
	// Output: http://127.0.0.1:9000/photos <nil>
}

func ExampleRuleError() {
	region := "a b"
	_, err := endpoints.S3().Resolve(&endpoints.Params{Region: &region})
	err = fmt.Errorf("operation ListBuckets: %w", err)
	var re *endpoints.RuleError
	if errors.As(err, &re) {
		fmt.Println(err)
	}
	// Output: operation ListBuckets: Invalid region: region was not a valid DNS name.
}

func ExampleParseARN() {
	a, err := endpoints.ParseARN("arn:aws:s3:us-west-2:123456789012:accesspoint/myendpoint")
	fmt.Println(a.Service, a.Region, a.AccountID, a.ResourceID(), err)
	// Output: s3 us-west-2 123456789012 [accesspoint myendpoint] <nil>
}

func ExampleLookupPartition() {
	p := endpoints.LookupPartition("cn-north-1")
	fmt.Println(p.ID, p.DNSSuffix, p.DualStackDNSSuffix)
	// Output: aws-cn amazonaws.com.cn api.amazonwebservices.com.cn
}
