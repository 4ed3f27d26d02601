package cloudfront_test

import (
	"crypto"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/goto3/goto3/services/cloudfront"
)

// exampleSigner returns a signer with the package's RSA test key. A real
// program reads its key from a secret store, not from a file next to the
// code.
func exampleSigner(optFns ...func(*cloudfront.URLSignerOptions)) *cloudfront.URLSigner {
	pemData, err := os.ReadFile("testdata/test_rsa2048.pem")
	if err != nil {
		panic(err)
	}
	key, err := cloudfront.ParsePrivateKey(pemData)
	if err != nil {
		panic(err)
	}
	signer, err := cloudfront.NewURLSigner("K2JCJMDEHXQW5F", key, optFns...)
	if err != nil {
		panic(err)
	}
	return signer
}

func ExampleNewURLSigner() {
	pemData, err := os.ReadFile("testdata/test_rsa2048.pem")
	if err != nil {
		panic(err)
	}
	key, err := cloudfront.ParsePrivateKey(pemData)
	if err != nil {
		panic(err)
	}
	// The ID of the public key in the distribution's trusted key group, and
	// its private key. One signer serves every request: it is safe for
	// concurrent use.
	signer, err := cloudfront.NewURLSigner("K2JCJMDEHXQW5F", key, func(o *cloudfront.URLSignerOptions) {
		o.Hash = crypto.SHA256 // the default is SHA-1, as in botocore
	})
	if err != nil {
		panic(err)
	}
	signed, err := signer.SignURL("https://d111111abcdef8.cloudfront.net/image.jpg", time.Date(2026, 1, 1, 18, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	fmt.Println(signed[:strings.Index(signed, "&Signature=")])
	fmt.Println(signed[strings.Index(signed, "&Key-Pair-Id="):])
	// Output:
	// https://d111111abcdef8.cloudfront.net/image.jpg?Expires=1767290400
	// &Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256
}

func ExampleURLSigner_SignURL() {
	signer := exampleSigner()
	// A canned policy: this URL, with its query string, until the time
	// given (botocore: generate_presigned_url(url, date_less_than=...)).
	signed, err := signer.SignURL("https://d111111abcdef8.cloudfront.net/image.jpg?size=large", time.Date(2026, 1, 1, 18, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.ReplaceAll(signed, "&", "\n  &"))
	// Output:
	// https://d111111abcdef8.cloudfront.net/image.jpg?size=large
	//   &Expires=1767290400
	//   &Signature=u93SnabaSh8Yh~s5AtnP2PCS5Opm1PXoDKNmcWhuf6Q~YU68w035uw5T3MRVqeErTs2Yr1bKVemD2CnHQD8L5YE9nr4CnyptIm3ae63kG0c1ryVWXNS-EHOvHDfdfku1CUayOvGqkpbgJF6pcoVujNtqhitGiWmzaxsgvTmMgScv9PUZi-AIXwkQv0zDdtILgJ1IoSrePr2Sii0zLDFUhZTiz8Ulzas21P6i~vJEPc9ASv4u0NTUKhitOF2jJuuFXqhxX1QA4FQtlY5B0eH06NqhoXew5Vrh9U0-AAi38KvjyBwnDZMAEBY4VUT3~7FaR0dRLZcXfgXa7wWiwV8QJA__
	//   &Key-Pair-Id=K2JCJMDEHXQW5F
}

func ExampleURLSigner_SignURLWithPolicy() {
	signer := exampleSigner()
	// A custom policy: every file under /training/, from one office
	// network, during December 2025.
	policy := &cloudfront.Policy{
		Resource:        "https://d111111abcdef8.cloudfront.net/training/*",
		DateGreaterThan: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC),
		DateLessThan:    time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		IPAddress:       "192.0.2.0/24",
	}
	signed, err := signer.SignURLWithPolicy("https://d111111abcdef8.cloudfront.net/training/orientation.pdf", policy)
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.ReplaceAll(signed, "&", "\n  &"))
	// Output:
	// https://d111111abcdef8.cloudfront.net/training/orientation.pdf?Policy=eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9kMTExMTExYWJjZGVmOC5jbG91ZGZyb250Lm5ldC90cmFpbmluZy8qIiwiQ29uZGl0aW9uIjp7IkRhdGVMZXNzVGhhbiI6eyJBV1M6RXBvY2hUaW1lIjoxNzY3MjI1NjAwfSwiSXBBZGRyZXNzIjp7IkFXUzpTb3VyY2VJcCI6IjE5Mi4wLjIuMC8yNCJ9LCJEYXRlR3JlYXRlclRoYW4iOnsiQVdTOkVwb2NoVGltZSI6MTc2NDU0NzIwMH19fV19
	//   &Signature=Rq0t-eZdmmeAeqB18zp448s5aR2ySuNcCDUP7tFHYkp4o0a3XlMtmp2rRzkg8Kixr--hj-RIk67sL8Z669w3-BMRWrewke7iXFuY11NpLWgkfiIp953XBg3T5FtO7C4UcGHOGp35DRYR4Ewwf7Ykqk7wXflCntgoiAumqPGsbt-GgoZT7dTPxA21M9YKh6jltnKl4sbisAHRdegxs06ABdDHUu7GcrlgIOG4wT9B8vOLmkKJtAkQYXbvImMKbYanDOqfpu9OS4h4s6wBdxXO8A0Q0-6FbQrvlRnILjkz84wOqUPQngqyH-CT6RBMhOAAWMi8Bg8LtmUrLMw07Z9Xkw__
	//   &Key-Pair-Id=K2JCJMDEHXQW5F
}

func ExamplePolicy_JSON() {
	policy := &cloudfront.Policy{
		Resource:        "https://d111111abcdef8.cloudfront.net/training/*",
		DateGreaterThan: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC),
		DateLessThan:    time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		IPAddress:       "192.0.2.10", // one address: written as 192.0.2.10/32
	}
	statement, err := policy.JSON()
	if err != nil {
		panic(err)
	}
	fmt.Println(string(statement))
	// Output:
	// {"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/training/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600},"IpAddress":{"AWS:SourceIp":"192.0.2.10/32"},"DateGreaterThan":{"AWS:EpochTime":1764547200}}}]}
}

func ExampleURLSigner_SignCookiesWithPolicy() {
	signer := exampleSigner()
	// A login handler of www.example.com grants the subscriber area of the
	// distribution at media.example.com for the rest of the day.
	login := func(w http.ResponseWriter, r *http.Request) {
		cookies, err := signer.SignCookiesWithPolicy(&cloudfront.Policy{
			Resource:     "https://media.example.com/subscribers/*",
			DateLessThan: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), // time.Now() plus the session length, in a real handler
		}, func(o *cloudfront.CookieOptions) {
			o.Domain = "example.com" // so that the browser sends them to media.example.com
			o.Path = "/subscribers/"
		})
		if err != nil {
			http.Error(w, "cannot sign", http.StatusInternalServerError)
			return
		}
		for _, c := range cookies {
			http.SetCookie(w, c)
		}
	}
	rec := httptest.NewRecorder()
	login(rec, httptest.NewRequest("POST", "https://www.example.com/login", nil))
	for _, h := range rec.Result().Header["Set-Cookie"] {
		name, rest, _ := strings.Cut(h, "=")
		value, attrs, _ := strings.Cut(rest, ";")
		if len(value) > 16 {
			value = value[:12] + "..."
		}
		fmt.Printf("%s=%s;%s\n", name, value, attrs)
	}
	// Output:
	// CloudFront-Policy=eyJTdGF0ZW1l...; Path=/subscribers/; Domain=example.com; HttpOnly; Secure
	// CloudFront-Signature=KbzgTTQTFdUd...; Path=/subscribers/; Domain=example.com; HttpOnly; Secure
	// CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Path=/subscribers/; Domain=example.com; HttpOnly; Secure
}
