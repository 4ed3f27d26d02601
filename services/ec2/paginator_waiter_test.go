package ec2_test

import (
	"github.com/goto3/goto3"

	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/ec2"
)

func pwPtr[T any](v T) *T { return &v }

// TestMotoInstanceRunning starts instances with RunInstances, waits for
// them with the InstanceRunning waiter, lists them with the
// DescribeInstances paginator, and waits for InstanceTerminated.
func TestMotoInstanceRunning(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := newFromOptions(ec2.Options{
		Region:      srv.Region,
		Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, ""),
		EndpointURL: srv.URL,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	images, err := c.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"amazon"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, srv.Log())
	}
	if len(images.Images) == 0 {
		t.Fatal("moto has no amazon images")
	}
	// Seven reservations of one instance each, so that listing them five
	// per page takes two pages.
	var ids []string
	for range 7 {
		run, err := c.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: images.Images[0].ImageId, MinCount: 1, MaxCount: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range run.Instances {
			ids = append(ids, *in.InstanceId)
		}
	}
	if len(ids) != 7 {
		t.Fatalf("got %d instances, want 7", len(ids))
	}
	var sleeps []time.Duration
	fast := func(w *goto3.Waiter[ec2.DescribeInstancesInput]) *goto3.Waiter[ec2.DescribeInstancesInput] {
		w.Rand = func() float64 { return 0 }
		w.Sleep = func(ctx context.Context, d time.Duration) error {
			sleeps = append(sleeps, d)
			return ctx.Err()
		}
		return w
	}
	if err := fast(c.InstanceRunningWaiter()).Wait(ctx, &ec2.DescribeInstancesInput{InstanceIds: ids}); err != nil {
		t.Fatalf("InstanceRunning: %v", err)
	}
	for _, d := range sleeps {
		if d != 15*time.Second {
			t.Errorf("got a delay of %v, want the model's 15s", d)
		}
	}

	// Five reservations per page: the paginator follows NextToken.
	var got []string
	pages := 0
	in := &ec2.DescribeInstancesInput{MaxResults: pwPtr[int32](5), Filters: []ec2.Filter{{Name: pwPtr("instance-id"), Values: ids}}}
	for page, err := range c.DescribeInstancesPages(ctx, in) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range page.Reservations {
			for _, in := range r.Instances {
				got = append(got, *in.InstanceId)
			}
		}
	}
	if pages != 2 {
		t.Errorf("got %d pages, want 2", pages)
	}
	n := 0
	for _, err := range c.DescribeInstancesItems(ctx, in) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 7 {
		t.Errorf("got %d reservations from DescribeInstancesItems, want 7", n)
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(ids))
	if !slices.Equal(got, want) {
		t.Errorf("got instances %v, want %v", got, want)
	}

	if _, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids}); err != nil {
		t.Fatal(err)
	}
	// A terminated instance makes InstanceRunning fail at once.
	err = fast(c.InstanceRunningWaiter()).Wait(ctx, &ec2.DescribeInstancesInput{InstanceIds: ids})
	var fe *goto3.WaiterFailureError
	if !errors.As(err, &fe) || fe.Attempts != 1 {
		t.Errorf("InstanceRunning after terminate: got %v, want a WaiterFailureError on the first attempt", err)
	}
	if err := fast(c.InstanceTerminatedWaiter()).Wait(ctx, &ec2.DescribeInstancesInput{InstanceIds: ids}); err != nil {
		t.Errorf("InstanceTerminated: %v", err)
	}
	// An unknown instance id is an error the InstanceExists waiter retries.
	sleeps = nil
	ew := fast(c.InstanceExistsWaiter())
	ew.MaxAttempts = 2
	err = ew.Wait(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"i-0123456789abcdef0"}})
	var te *goto3.WaiterTimeoutError
	if !errors.As(err, &te) || len(sleeps) != 1 {
		t.Errorf("InstanceExists for an unknown id: got %v after %d sleeps, want a WaiterTimeoutError after 1", err, len(sleeps))
	}
}
