package cloudfront_test

import (
	"testing"

	"github.com/goto3/goto3/services/cloudfront"
)

// The benchmarks sign the URL of the Developer Guide's canned-policy
// example; SetBytes counts the bytes of the policy statement signed.
const benchURL = "https://d111111abcdef8.cloudfront.net/image.jpg?color=red&size=medium"

func benchSignURL(b *testing.B, s *cloudfront.URLSigner) {
	p, err := (&cloudfront.Policy{Resource: benchURL, DateLessThan: jan2026}).JSON()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(p)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.SignURL(benchURL, jan2026); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignURL signs one URL with a canned policy and the RSA 2048
// test key (SHA-1), what botocore's generate_presigned_url does.
func BenchmarkSignURL(b *testing.B) {
	benchSignURL(b, newSigner(b, testRSAKey(b), 0))
}

// BenchmarkSignURLECDSA signs the same URL with the ECDSA P-256 test key.
func BenchmarkSignURLECDSA(b *testing.B) {
	benchSignURL(b, newSigner(b, testECDSAKey(b), 0))
}

// BenchmarkSignURLWithPolicy signs one URL with a custom policy (wildcard
// resource, start time and IP range) and the RSA test key.
func BenchmarkSignURLWithPolicy(b *testing.B) {
	s := newSigner(b, testRSAKey(b), 0)
	p := &cloudfront.Policy{Resource: "https://d111111abcdef8.cloudfront.net/*", DateLessThan: jan2026, DateGreaterThan: dec2025, IPAddress: "192.0.2.0/24"}
	js, err := p.JSON()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(js)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.SignURLWithPolicy(benchURL, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPolicyJSON encodes a custom policy statement, without signing.
func BenchmarkPolicyJSON(b *testing.B) {
	p := &cloudfront.Policy{Resource: "https://d111111abcdef8.cloudfront.net/*", DateLessThan: jan2026, DateGreaterThan: dec2025, IPAddress: "192.0.2.0/24"}
	js, err := p.JSON()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(js)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.JSON(); err != nil {
			b.Fatal(err)
		}
	}
}
