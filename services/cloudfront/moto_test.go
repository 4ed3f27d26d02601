package cloudfront_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/cloudfront"
)

func motoClient(t *testing.T) *cloudfront.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := cloudfront.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// noWait makes a waiter poll without sleeping.
func noWait[In any](w *goto3.Waiter[In]) *goto3.Waiter[In] {
	w.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return w
}

// TestMotoDistribution creates a distribution with an S3 origin, waits
// with DistributionDeployed, finds it with the ListDistributions paginator
// (moto answers one page), invalidates two paths, refuses a second distribution with the same
// caller reference (DistributionAlreadyExists, modelled), deletes it with
// its ETag and reads it again (NoSuchDistribution, modelled).
func TestMotoDistribution(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	ref := testpeer.BucketName(t)
	cfg := &cloudfront.DistributionConfig{
		CallerReference: ref,
		Comment:         "goto3 test distribution",
		Enabled:         false,
		Origins: &cloudfront.Origins{Quantity: 1, Items: []cloudfront.Origin{{
			Id: "s3", DomainName: ref + ".s3.amazonaws.com", S3OriginConfig: &cloudfront.S3OriginConfig{OriginAccessIdentity: ""},
		}}},
		DefaultCacheBehavior: &cloudfront.DefaultCacheBehavior{TargetOriginId: "s3", ViewerProtocolPolicy: cloudfront.ViewerProtocolPolicyRedirectToHttps,
			CachePolicyId: goto3.Ptr("658327ea-f89d-4fab-a63d-7e88639e58f6")},
	}
	cd, err := c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: cfg})
	if err != nil {
		t.Fatal(err)
	}
	d := cd.Distribution
	if d.Id == "" || d.DomainName == "" || cd.ETag == nil || cd.Location == nil {
		t.Fatalf("CreateDistribution returned %+v", cd)
	}
	if err := noWait(c.DistributionDeployedWaiter()).Wait(ctx, &cloudfront.GetDistributionInput{Id: d.Id}); err != nil {
		t.Fatalf("DistributionDeployed: %v", err)
	}
	gd, err := c.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: d.Id})
	if err != nil {
		t.Fatal(err)
	}
	got := gd.Distribution.DistributionConfig
	if got.CallerReference != ref || got.Comment != cfg.Comment || got.Origins.Items[0].DomainName != ref+".s3.amazonaws.com" ||
		got.DefaultCacheBehavior.ViewerProtocolPolicy != cloudfront.ViewerProtocolPolicyRedirectToHttps {
		t.Errorf("GetDistribution: %+v", got)
	}

	found := false
	for s, err := range c.ListDistributionsItems(ctx, &cloudfront.ListDistributionsInput{}) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || s.Id == d.Id
	}
	if !found {
		t.Errorf("ListDistributions lacks %s", d.Id)
	}

	inv, err := c.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{DistributionId: d.Id,
		InvalidationBatch: &cloudfront.InvalidationBatch{CallerReference: ref + "-inv", Paths: &cloudfront.Paths{Quantity: 2, Items: []string{"/index.html", "/img/*"}}}})
	if err != nil {
		t.Fatal(err)
	}
	// moto 5.2.1 answers Status "COMPLETED" where CloudFront answers
	// "Completed", the value the model's InvalidationCompleted waiter
	// matches, so that waiter never succeeds against moto: the
	// invalidation is read instead.
	gi, err := c.GetInvalidation(ctx, &cloudfront.GetInvalidationInput{DistributionId: d.Id, Id: inv.Invalidation.Id})
	if err != nil {
		t.Fatal(err)
	}
	if gi.Invalidation.Id != inv.Invalidation.Id || gi.Invalidation.InvalidationBatch.Paths.Quantity != 2 || !strings.EqualFold(gi.Invalidation.Status, "Completed") {
		t.Errorf("GetInvalidation: %+v", gi.Invalidation)
	}

	_, err = c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: cfg})
	var exists *cloudfront.DistributionAlreadyExists
	if !errors.As(err, &exists) || goto3.ErrorCode(err) != "DistributionAlreadyExists" {
		t.Errorf("a second distribution with caller reference %s: got %v, want DistributionAlreadyExists", ref, err)
	}

	if _, err := c.DeleteDistribution(ctx, &cloudfront.DeleteDistributionInput{Id: d.Id, IfMatch: gd.ETag}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetDistribution(ctx, &cloudfront.GetDistributionInput{Id: d.Id})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "NoSuchDistribution" || api.StatusCode != 404 {
		t.Fatalf("got %v, want NoSuchDistribution (404)", err)
	}
	var modeled *cloudfront.NoSuchDistribution
	if !errors.As(err, &modeled) {
		t.Errorf("got %v, want *cloudfront.NoSuchDistribution", err)
	}
}
