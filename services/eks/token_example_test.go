package eks_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/eks"
	"github.com/goto3/goto3/services/sts"
)

// A token for a cluster's Kubernetes API, as "aws eks get-token" prints it
// in an ExecCredential for kubectl. With a session's Config the
// credentials and region are the profile's (eks.NewTokenGenerator(sess.Config())).
func ExampleTokenGenerator_Token() {
	cfg := goto3.Config{Region: "eu-west-1", Credentials: credentials.NewStatic("AKIDEXAMPLE", "SECRET", "")}
	g, err := eks.NewTokenGenerator(cfg, func(o *sts.Options) {
		o.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	})
	if err != nil {
		panic(err)
	}
	tok, err := g.Token(context.Background(), "my-cluster")
	if err != nil {
		panic(err)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(tok.Value, eks.TokenPrefix))
	u, _ := url.Parse(string(raw))
	fmt.Println(u.Host, u.Query().Get("Action"), u.Query().Get("X-Amz-Expires"), u.Query().Get("X-Amz-SignedHeaders"))

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(map[string]any{
		"kind":       "ExecCredential",
		"apiVersion": "client.authentication.k8s.io/v1beta1",
		"spec":       map[string]any{},
		"status": map[string]any{
			"expirationTimestamp": tok.Expiration.UTC().Format(time.RFC3339),
			"token":               tok.Value[:len(eks.TokenPrefix)+8] + "...",
		},
	})
	// Output:
	// sts.eu-west-1.amazonaws.com GetCallerIdentity 60 host;x-k8s-aws-id
	// {
	//   "apiVersion": "client.authentication.k8s.io/v1beta1",
	//   "kind": "ExecCredential",
	//   "spec": {},
	//   "status": {
	//     "expirationTimestamp": "2026-01-02T03:18:05Z",
	//     "token": "k8s-aws-v1.aHR0cHM6..."
	//   }
	// }
}
