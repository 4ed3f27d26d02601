package discardserver_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/goto3/goto3/internal/testing/discardserver"
)

func Example() {
	s := discardserver.New(discardserver.Options{ObjectSize: func(bucket, key string) int64 { return 1000 }})
	ts := httptest.NewServer(s) // in a test: discardserver.Start(t, opts)
	defer ts.Close()

	req, _ := http.NewRequest(http.MethodPut, ts.URL+"/bkt/key", strings.NewReader(strings.Repeat("x", 4096)))
	resp, _ := http.DefaultClient.Do(req)
	resp.Body.Close()

	req, _ = http.NewRequest(http.MethodGet, ts.URL+"/bkt/key", nil)
	req.Header.Set("Range", "bytes=10-19")
	resp, _ = http.DefaultClient.Do(req)
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	want := make([]byte, 10)
	discardserver.Data(10, want)

	st := s.Stats()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Range"), string(got) == string(want))
	fmt.Println(st.PutObjects, st.BodyBytesIn, st.BodyBytesOut)
	// Output:
	// 206 bytes 10-19/1000 true
	// 1 4096 10
}
