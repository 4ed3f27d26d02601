package iam_test

import (
	"fmt"

	"github.com/goto3/goto3/services/iam"
)

// IAM returns policy documents URL-encoded (a GetRole answer's
// Role.AssumeRolePolicyDocument, say); boto3 hands them over decoded, and
// DecodePolicyDocument does the same.
func ExampleDecodePolicyDocument() {
	fromIAM := "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"
	fmt.Println(iam.UnquotePolicyDocument(fromIAM))
	doc, err := iam.DecodePolicyDocument(fromIAM)
	if err != nil {
		fmt.Println(err)
		return
	}
	st := doc["Statement"].([]any)[0].(map[string]any)
	fmt.Println(doc["Version"], st["Action"], st["Principal"].(map[string]any)["Service"])
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
	// 2012-10-17 sts:AssumeRole ec2.amazonaws.com
}
