package eks

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/sts"
)

// The EKS authentication token, as awscli's "aws eks get-token"
// (awscli/customizations/eks/get_token.py) makes it.
const (
	// TokenPrefix starts every token.
	TokenPrefix = "k8s-aws-v1."
	// ClusterIDHeader is the signed header naming the cluster.
	ClusterIDHeader = "x-k8s-aws-id"
	// TokenURLExpires is the X-Amz-Expires of the presigned URL (awscli's
	// URL_TIMEOUT). EKS accepts a token for 15 minutes from its signing
	// whatever it says.
	TokenURLExpires = 60 * time.Second
	// TokenLifetime is how long after its signing a token is reported to
	// expire (awscli's TOKEN_EXPIRATION_MINS), a minute before EKS stops
	// accepting it, so that a client refreshes it in time.
	TokenLifetime = 14 * time.Minute
)

// Token is an EKS authentication token: the bearer token a cluster's
// Kubernetes API server accepts for the IAM identity that signed it.
type Token struct {
	// Value is TokenPrefix followed by a presigned STS GetCallerIdentity
	// URL in base64url without padding.
	Value string
	// Expiration is TokenLifetime after the signing: awscli's
	// expirationTimestamp of the ExecCredential it prints.
	Expiration time.Time
}

// TokenGenerator makes EKS authentication tokens: presigned STS
// GetCallerIdentity URLs (GET, the header x-k8s-aws-id with the cluster's
// name signed, valid 60 seconds), as "aws eks get-token" does. The STS
// client is configured from the Config as sts.New does (region,
// credentials, the regional or legacy global STS endpoint); nothing is
// sent. A TokenGenerator is safe for concurrent use.
type TokenGenerator struct {
	presign *sts.PresignClient
}

// NewTokenGenerator returns a token generator signing with cfg's
// credentials for cfg's region; optFns change the STS client's options
// (an EndpointURL, a fixed clock for tests, say). Credentials of an
// assumed role (awscli's --role-arn) come from cfg.Credentials.
func NewTokenGenerator(cfg goto3.Config, optFns ...func(*sts.Options)) (*TokenGenerator, error) {
	c, err := sts.New(cfg, optFns...)
	if err != nil {
		return nil, err
	}
	return &TokenGenerator{presign: sts.NewPresignClient(c, func(o *sts.PresignOptions) { o.Expires = TokenURLExpires })}, nil
}

// Token returns a token for the cluster clusterName (or, for a local
// cluster on AWS Outposts, its id: awscli's --cluster-id).
func (g *TokenGenerator) Token(ctx context.Context, clusterName string) (Token, error) {
	if clusterName == "" {
		return Token{}, errors.New("eks: a token needs a cluster name or id")
	}
	pr, err := g.presign.PresignGetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}, func(o *sts.PresignOptions) {
		o.Header = http.Header{http.CanonicalHeaderKey(ClusterIDHeader): {clusterName}}
	})
	if err != nil {
		return Token{}, err
	}
	return Token{
		Value:      TokenPrefix + base64.RawURLEncoding.EncodeToString([]byte(pr.URL)),
		Expiration: pr.Expires.Add(-TokenURLExpires).Add(TokenLifetime),
	}, nil
}
