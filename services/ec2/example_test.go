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
