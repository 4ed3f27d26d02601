package rds_test

import (
	"context"
	"fmt"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/rds"
)

// An IAM authentication token is the password of a database user mapped to
// IAM (for MySQL, CREATE USER ... IDENTIFIED WITH AWSAuthenticationPlugin);
// connect over TLS within 15 minutes. A client's GenerateDBAuthToken does the
// same with its own credentials and region.
func ExampleBuildAuthToken() {
	creds := credentials.NewStatic("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "")
	token, err := rds.BuildAuthToken(context.Background(), "mydb.abcdefghijkl.us-east-1.rds.amazonaws.com:3306", "us-east-1", "iam_user", creds,
		func(o *rds.AuthTokenOptions) {
			o.Now = func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) }
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(token)
	// Output:
	// mydb.abcdefghijkl.us-east-1.rds.amazonaws.com:3306/?Action=connect&DBUser=iam_user&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261207%2Fus-east-1%2Frds-db%2Faws4_request&X-Amz-Date=20261207T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=84efdbd08e42fb8f63e7eb77b086e40feb7dcd86ccb12739515f3d3afe5ecbc3
}
