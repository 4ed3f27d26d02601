package testpeer_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/testing/testpeer"
)

// A test asks for a peer and gets its endpoint and credentials; the peer is
// skipped with an install hint when missing (a failure under CI=true).
func ExampleVersitygw() {
	test := func(t *testing.T) {
		srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
		bucket := testpeer.BucketName(t) // unique on the shared instance
		t.Logf("create %s at %s in %s as %s", bucket, srv.URL, srv.Region, srv.AccessKeyID)
	}
	_ = test
}

func ExampleGoFakeS3() {
	test := func(t *testing.T) {
		srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{AutoBucket: true})
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	_ = test
}
