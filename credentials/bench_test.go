package credentials_test

import (
	"context"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
)

// BenchmarkCacheRetrieve is the per-request cost of asking a session's
// cache for fresh credentials.
func BenchmarkCacheRetrieve(b *testing.B) {
	p := credentials.ProviderFunc(func(context.Context) (credentials.Credentials, error) {
		return credentials.Credentials{AccessKeyID: "A", SecretAccessKey: "S", Expires: testNow.Add(time.Hour)}, nil
	})
	c := credentials.NewCache(p, func(o *credentials.CacheOptions) { o.Now = fixedNow })
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Retrieve(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDefaultChainFromFiles resolves static keys from the test files
// with a fresh chain each time (file reading and parsing included).
func BenchmarkDefaultChainFromFiles(b *testing.B) {
	o := credentials.Options{Profile: "base", LookupEnv: envOf(nil), HomeDir: b.TempDir(),
		ConfigFile: chainConfig, CredentialsFile: chainCredentials}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := credentials.NewDefaultChain(o).Retrieve(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
