package faultserver_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/goto3/goto3/internal/testing/faultserver"
)

// A part that fails once with 500 and then succeeds: the client's retry is
// visible in the records.
func ExampleServer() {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	// In a test: s := faultserver.Start(t, opts), which listens and closes
	// at cleanup. Here New plus httptest does the same by hand.
	s := faultserver.New(faultserver.Options{
		Now:     func() time.Time { return now },
		Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{
			{Op: faultserver.OpPutObject, Times: 1, Action: faultserver.InternalError()},
		},
	})
	ts := httptest.NewServer(s)
	defer ts.Close()
	for range 2 {
		req, _ := http.NewRequest(http.MethodPut, ts.URL+"/bkt/key", strings.NewReader("data"))
		s.Sign(req, []byte("data"), now)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("X-Amz-Request-Id"))
	}
	for _, r := range s.Requests() {
		fmt.Println(r.Op, r.Attempt, r.Status, r.ErrorCode, r.Fault)
	}
	// Output:
	// 500 FS00000000000001
	// 200 FS00000000000002
	// PutObject 1 500 InternalError error
	// PutObject 2 200
}
