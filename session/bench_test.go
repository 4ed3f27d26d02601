package session_test

import (
	"testing"

	"github.com/goto3/goto3/session"
)

func BenchmarkNewSession(b *testing.B) {
	dir := b.TempDir()
	opts := func(o *session.Options) {
		o.LookupEnv = func(k string) (string, bool) {
			switch k {
			case "AWS_CONFIG_FILE":
				return "../testdata/session/bench_config", true
			case "AWS_SHARED_CREDENTIALS_FILE":
				return dir + "/none", true
			}
			return "", false
		}
		o.HomeDir = dir
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := session.New(opts)
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Config().ServiceEndpointURL("S3")
	}
}
