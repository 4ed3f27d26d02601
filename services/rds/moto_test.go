package rds_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/rds"
)

func motoClient(t *testing.T, optFns ...func(*rds.Options)) *rds.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := rds.New(srv.Config(), optFns...)
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

// TestMotoDBInstances creates three PostgreSQL instances, waits with the
// DBInstanceAvailable waiter, lists them two per page with the
// DescribeDBInstances paginator (a filter keeps other tests' instances
// out), snapshots one and copies the snapshot with SourceRegion (the
// request carries a PreSignedUrl and no SourceRegion; moto ignores the
// URL), reads a missing instance (DBInstanceNotFound, modelled), and
// deletes them, waiting with DBInstanceDeleted.
func TestMotoDBInstances(t *testing.T) {
	var copyBody url.Values
	c := motoClient(t, func(o *rds.Options) {
		o.Hooks.BeforeSend = func(_ context.Context, r *http.Request) error {
			if r.Body == nil || r.GetBody == nil {
				return nil
			}
			rc, err := r.GetBody()
			if err != nil {
				return err
			}
			b, _ := io.ReadAll(rc)
			if v, _ := url.ParseQuery(string(b)); v.Get("Action") == "CopyDBSnapshot" {
				copyBody = v
			}
			return nil
		}
	})
	ctx := context.Background()
	base := testpeer.BucketName(t)
	var ids []string
	for i := range 3 {
		id := base + "-" + string(rune('a'+i))
		out, err := c.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{
			DBInstanceIdentifier: id, DBInstanceClass: "db.t3.micro", Engine: "postgres",
			AllocatedStorage: goto3.Ptr[int32](20), MasterUsername: goto3.Ptr("postgres"), MasterUserPassword: goto3.Ptr("correct-horse-battery"),
			Tags: []rds.Tag{{Key: goto3.Ptr("team"), Value: goto3.Ptr("goto3")}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if *out.DBInstance.DBInstanceIdentifier != id || *out.DBInstance.Engine != "postgres" {
			t.Fatalf("CreateDBInstance returned %+v", out.DBInstance)
		}
		ids = append(ids, id)
	}
	if err := noWait(c.DBInstanceAvailableWaiter()).Wait(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: &ids[0]}); err != nil {
		t.Fatalf("DBInstanceAvailable: %v", err)
	}

	filter := []rds.Filter{{Name: "db-instance-id", Values: ids}}
	var sizes []int
	var got []string
	for page, err := range c.DescribeDBInstancesPages(ctx, &rds.DescribeDBInstancesInput{Filters: filter, MaxRecords: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.DBInstances))
		for _, db := range page.DBInstances {
			got = append(got, *db.DBInstanceIdentifier)
			if *db.DBInstanceStatus != "available" || db.Endpoint == nil || *db.Endpoint.Port != 5432 {
				t.Errorf("instance %s: status %v, endpoint %+v", *db.DBInstanceIdentifier, *db.DBInstanceStatus, db.Endpoint)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, ids) || !slices.Equal(sizes, []int{2, 1}) {
		t.Errorf("pages of %v with %v, want [2 1] with %v", sizes, got, ids)
	}

	snap, err := c.CreateDBSnapshot(ctx, &rds.CreateDBSnapshotInput{DBInstanceIdentifier: ids[0], DBSnapshotIdentifier: base + "-snap"})
	if err != nil {
		t.Fatal(err)
	}
	if err := noWait(c.DBSnapshotAvailableWaiter()).Wait(ctx, &rds.DescribeDBSnapshotsInput{DBSnapshotIdentifier: snap.DBSnapshot.DBSnapshotIdentifier}); err != nil {
		t.Fatalf("DBSnapshotAvailable: %v", err)
	}
	cp, err := c.CopyDBSnapshot(ctx, &rds.CopyDBSnapshotInput{
		SourceDBSnapshotIdentifier: *snap.DBSnapshot.DBSnapshotArn, TargetDBSnapshotIdentifier: base + "-copy", SourceRegion: goto3.Ptr("us-west-2"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if *cp.DBSnapshot.DBSnapshotIdentifier != base+"-copy" {
		t.Errorf("CopyDBSnapshot returned %+v", cp.DBSnapshot)
	}
	// With a custom endpoint the URL goes to it, as botocore's (which
	// swaps the region in the URL, here absent), signed for us-west-2.
	if psu := copyBody.Get("PreSignedUrl"); !strings.Contains(psu, "/?Action=CopyDBSnapshot&") || !strings.Contains(psu, "&DestinationRegion=us-east-1&") ||
		!strings.Contains(psu, "%2Fus-west-2%2Frds%2Faws4_request&") || copyBody.Has("SourceRegion") || copyBody.Has("DestinationRegion") {
		t.Errorf("CopyDBSnapshot sent %v", copyBody)
	}

	missing := base + "-missing"
	_, err = c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: &missing})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "DBInstanceNotFound" || api.StatusCode != 404 {
		t.Fatalf("got %v, want DBInstanceNotFound (404)", err)
	}
	var modeled *rds.DBInstanceNotFoundFault
	if !errors.As(err, &modeled) {
		t.Errorf("got %v, want *rds.DBInstanceNotFoundFault", err)
	}

	for _, id := range ids {
		if _, err := c.DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: id, SkipFinalSnapshot: goto3.Ptr(true)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := noWait(c.DBInstanceDeletedWaiter()).Wait(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: &ids[0]}); err != nil {
		t.Fatalf("DBInstanceDeleted: %v", err)
	}
}
