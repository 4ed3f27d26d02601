package endpoints_test

import (
	"errors"
	"fmt"

	"github.com/goto3/goto3/endpoints"
)

// exampleRules is a small rule set in the rules language: a custom
// endpoint when one is given, else a regional host in the region's
// partition.
const exampleRules = `{
  "version": "1.0",
  "parameters": {
    "Region":   {"type": "string", "builtIn": "AWS::Region", "required": true},
    "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
     "endpoint": {"url": {"ref": "Endpoint"}}, "type": "endpoint"},
    {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"},
                    {"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, false]}],
     "endpoint": {"url": "https://example.{Region}.{p#dnsSuffix}",
                  "properties": {"authSchemes": [{"name": "sigv4", "signingName": "example", "signingRegion": "{Region}"}]}},
     "type": "endpoint"},
    {"conditions": [], "error": "Invalid region: region was not a valid DNS name.", "type": "error"}
  ]
}`

func Example() {
	rs, err := endpoints.Load([]byte(exampleRules))
	if err != nil {
		fmt.Println(err)
		return
	}
	// One value per parameter, in the order of Parameters (sorted by
	// name): Endpoint, Region. Generated service packages bind their
	// typed parameter structs to these positions.
	ep, err := rs.Resolve([]endpoints.Value{{}, endpoints.String("eu-west-1")})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := ep.AuthSchemes[0]
	fmt.Println(ep.URL)
	fmt.Println(a.Name, a.SigningName, a.SigningRegion)
	// Output:
	// https://example.eu-west-1.amazonaws.com
	// sigv4 example eu-west-1
}

// Parameters by name, for tools and tests: a custom endpoint.
func ExampleRuleSet_Values() {
	rs, _ := endpoints.Load([]byte(exampleRules))
	vals, err := rs.Values(map[string]any{"Region": "us-east-1", "Endpoint": "http://127.0.0.1:9000"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ep, err := rs.Resolve(vals)
	fmt.Println(ep.URL, err)
	// Output: http://127.0.0.1:9000 <nil>
}

func ExampleRuleError() {
	rs, _ := endpoints.Load([]byte(exampleRules))
	_, err := rs.Resolve([]endpoints.Value{{}, endpoints.String("a b")})
	err = fmt.Errorf("operation ListThings: %w", err)
	var re *endpoints.RuleError
	if errors.As(err, &re) {
		fmt.Println(err)
	}
	// Output: operation ListThings: Invalid region: region was not a valid DNS name.
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
