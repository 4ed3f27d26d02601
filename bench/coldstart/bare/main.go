// Command bare is the floor of ../goto3 and ../v2: one HEAD request with
// net/http alone to AWS_ENDPOINT_URL/bucket/key, no SDK.
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	req, err := http.NewRequest(http.MethodHead, os.Getenv("AWS_ENDPOINT_URL")+"/"+os.Args[1]+"/"+os.Args[2], nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	resp.Body.Close()
	fmt.Println(resp.ContentLength)
}
