package ec2_test

import (
	"fmt"

	"github.com/goto3/goto3/services/ec2"
)

// EC2 filters are lists of structures held by value.
func Example() {
	name := "domain"
	in := &ec2.DescribeAddressesInput{
		Filters: []ec2.Filter{{Name: &name, Values: []string{"vpc"}}},
	}
	fmt.Println(*in.Filters[0].Name, in.Filters[0].Values)
	// Output: domain [vpc]
}

// Only the operations listed in internal/codegen/ec2-operations.txt are
// generated.
func ExampleOperationSchemas() {
	ops := ec2.OperationSchemas()
	fmt.Println(len(ops), ops[0].Name, ops[0].Service.Protocol)
	// Output: 33 AllocateAddress ec2
}
