package autoscaling_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/autoscaling"
)

func motoClient(t *testing.T) *autoscaling.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := autoscaling.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMotoLaunchConfigurationsAndGroups: a launch configuration whose
// UserData is given as raw text (the client base64-encodes it; moto
// refuses user data that is not base64, and answers it base64-encoded, as
// AWS does), three groups listed two per page with the
// DescribeAutoScalingGroups paginator, an update, and a launch
// configuration without an image (ValidationError, which the model does not
// define; moto raises none of the model's errors on this path, not even
// AlreadyExists for a second launch configuration of the same name, which
// AWS refuses and the test accepts either way).
func TestMotoLaunchConfigurationsAndGroups(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	base := testpeer.BucketName(t)
	lc := base + "-lc"
	userData := "#!/bin/bash\necho 'héllo' > /tmp/hello\n"
	if _, err := c.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{
		LaunchConfigurationName: lc, ImageId: goto3.Ptr("ami-12c6146b"), InstanceType: goto3.Ptr("t3.micro"), UserData: &userData,
	}); err != nil {
		t.Fatal(err)
	}
	var found *autoscaling.LaunchConfiguration
	for l, err := range c.DescribeLaunchConfigurationsItems(ctx, &autoscaling.DescribeLaunchConfigurationsInput{LaunchConfigurationNames: []string{lc}}) {
		if err != nil {
			t.Fatal(err)
		}
		found = &l
	}
	if found == nil || found.UserData == nil {
		t.Fatalf("DescribeLaunchConfigurations: %+v", found)
	}
	if raw, err := base64.StdEncoding.DecodeString(*found.UserData); err != nil || string(raw) != userData {
		t.Errorf("moto returns UserData %q (%v), want the base64 of %q", *found.UserData, err, userData)
	}

	// AWS refuses a second launch configuration of the same name with
	// AlreadyExists; moto 5.2.1 accepts it. Either way no other error.
	_, err := c.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{
		LaunchConfigurationName: lc, ImageId: goto3.Ptr("ami-12c6146b"), InstanceType: goto3.Ptr("t3.micro"), UserData: &userData,
	})
	var exists *autoscaling.AlreadyExistsFault
	if err != nil && (!errors.As(err, &exists) || goto3.ErrorCode(err) != "AlreadyExists") {
		t.Errorf("a second launch configuration named %s: got %v, want AlreadyExists or (moto) nothing", lc, err)
	}

	var names []string
	for i := range 3 {
		name := fmt.Sprintf("%s-%d", base, i)
		if _, err := c.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{
			AutoScalingGroupName: name, LaunchConfigurationName: &lc, MinSize: 0, MaxSize: 2, DesiredCapacity: goto3.Ptr[int32](0),
			AvailabilityZones: []string{"us-east-1a", "us-east-1b"},
			Tags:              []autoscaling.Tag{{Key: "team", Value: goto3.Ptr("goto3"), PropagateAtLaunch: goto3.Ptr(true)}},
		}); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	if _, err := c.UpdateAutoScalingGroup(ctx, &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: names[0], MaxSize: goto3.Ptr[int32](5)}); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	var got []string
	for page, err := range c.DescribeAutoScalingGroupsPages(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: names, MaxRecords: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.AutoScalingGroups))
		for _, g := range page.AutoScalingGroups {
			got = append(got, g.AutoScalingGroupName)
			if g.AutoScalingGroupName == names[0] && g.MaxSize != 5 {
				t.Errorf("%s has MaxSize %d after the update, want 5", g.AutoScalingGroupName, g.MaxSize)
			}
			if *g.LaunchConfigurationName != lc || len(g.AvailabilityZones) != 2 {
				t.Errorf("group %+v", g)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, names) || !slices.Equal(sizes, []int{2, 1}) {
		t.Errorf("pages of %v with %v, want [2 1] with %v", sizes, got, names)
	}

	// A launch configuration with neither an instance nor an image: moto's
	// ValidationError. (A group naming a missing launch configuration makes
	// moto 5.2.1 fail with a 500, which goto3 retries and reports.)
	_, err = c.CreateLaunchConfiguration(ctx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: base + "-bad"})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "ValidationError" || api.StatusCode != 400 || api.Message == "" {
		t.Errorf("a launch configuration without an image: got %v, want ValidationError", err)
	}

	for _, n := range names {
		if _, err := c.DeleteAutoScalingGroup(ctx, &autoscaling.DeleteAutoScalingGroupInput{AutoScalingGroupName: n, ForceDelete: goto3.Ptr(true)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.DeleteLaunchConfiguration(ctx, &autoscaling.DeleteLaunchConfigurationInput{LaunchConfigurationName: lc}); err != nil {
		t.Fatal(err)
	}
}
