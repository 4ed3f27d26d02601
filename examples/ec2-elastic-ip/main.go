// Command ec2-elastic-ip walks an Elastic IP through its lifecycle: run an
// instance, allocate an address, find it with a filter, associate it with
// the instance, disassociate it, release it, and terminate the instance.
//
//	go run ./examples/ec2-elastic-ip -endpoint-url http://127.0.0.1:5000 -region us-east-1
//
// Against AWS this starts (and then terminates) a real t3.micro instance
// and allocates a real address: pass -image-id with an AMI of the region
// and -dry-run to check permissions without doing either.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/ec2"
)

func main() {
	var common cli.Flags
	common.Register(flag.CommandLine)
	imageID := flag.String("image-id", "", "AMI to run (default: the first available image owned by amazon)")
	dryRun := flag.Bool("dry-run", false, "only check permissions (AllocateAddress with DryRun)")
	flag.Parse()
	if err := run(context.Background(), common, *imageID, *dryRun); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, common cli.Flags, imageID string, dryRun bool) (err error) {
	sess, err := common.Session()
	if err != nil {
		return err
	}
	client, err := ec2.New(sess.Config())
	if err != nil {
		return err
	}
	vpc := ec2.DomainTypeVpc

	if dryRun {
		// EC2 answers a permitted dry run with the error DryRunOperation.
		_, err := client.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: &vpc, DryRun: ptr(true)})
		if goto3.ErrorCode(err) == "DryRunOperation" {
			fmt.Println("dry run: AllocateAddress would succeed")
			return nil
		}
		return err
	}

	if imageID == "" {
		imgs, err := client.DescribeImages(ctx, &ec2.DescribeImagesInput{
			Owners:  []string{"amazon"},
			Filters: []ec2.Filter{{Name: ptr("state"), Values: []string{"available"}}},
		})
		if err != nil {
			return err
		}
		if len(imgs.Images) == 0 || imgs.Images[0].ImageId == nil {
			return errors.New("no image found: pass -image-id")
		}
		imageID = *imgs.Images[0].ImageId
	}

	// An instance to attach the address to.
	ri, err := client.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: &imageID, InstanceType: ptr(ec2.InstanceTypeT3Micro), MinCount: 1, MaxCount: 1,
	})
	if err != nil {
		return err
	}
	if len(ri.Instances) != 1 || ri.Instances[0].InstanceId == nil {
		return errors.New("RunInstances returned no instance")
	}
	instanceID := *ri.Instances[0].InstanceId
	fmt.Println("ran instance", instanceID)
	defer func() {
		_, terr := client.TerminateInstances(context.WithoutCancel(ctx), &ec2.TerminateInstancesInput{InstanceIds: []string{instanceID}})
		if terr == nil {
			fmt.Println("terminated instance", instanceID)
		}
		err = errors.Join(err, terr)
	}()

	// 1. Allocate.
	alloc, err := client.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: &vpc})
	if err != nil {
		return err
	}
	allocID, ip := *alloc.AllocationId, *alloc.PublicIp
	fmt.Println("allocated", ip, "as", allocID)
	released := false
	defer func() {
		if !released {
			_, rerr := client.ReleaseAddress(context.WithoutCancel(ctx), &ec2.ReleaseAddressInput{AllocationId: &allocID})
			err = errors.Join(err, rerr)
		}
	}()

	// 2. Describe with a filter.
	addr, err := describe(ctx, client, allocID)
	if err != nil {
		return err
	}
	fmt.Printf("described %s: domain %s, associated: %v\n", ip, deref(addr.Domain), addr.AssociationId != nil)

	// 3. Associate with the instance.
	as, err := client.AssociateAddress(ctx, &ec2.AssociateAddressInput{AllocationId: &allocID, InstanceId: &instanceID})
	if err != nil {
		return err
	}
	assocID := deref(as.AssociationId)
	fmt.Println("associated", ip, "with", instanceID, "as", assocID)
	if addr, err = describe(ctx, client, allocID); err != nil {
		return err
	}
	fmt.Println("described", ip+": instance", deref(addr.InstanceId))

	// 4. Disassociate.
	if _, err := client.DisassociateAddress(ctx, &ec2.DisassociateAddressInput{AssociationId: &assocID}); err != nil {
		return err
	}
	if addr, err = describe(ctx, client, allocID); err != nil {
		return err
	}
	fmt.Printf("disassociated %s: associated: %v\n", ip, addr.AssociationId != nil)

	// 5. Release; a second release fails with an API error.
	if _, err := client.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: &allocID}); err != nil {
		return err
	}
	released = true
	fmt.Println("released", allocID)
	_, err = client.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: &allocID})
	fmt.Println("releasing again fails with code", goto3.ErrorCode(err))
	return nil
}

// describe finds one address by allocation id with a filter (boto3's
// describe_addresses(Filters=[{"Name": "allocation-id", "Values": [id]}])).
func describe(ctx context.Context, client *ec2.Client, allocID string) (*ec2.Address, error) {
	out, err := client.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{
		Filters: []ec2.Filter{{Name: ptr("allocation-id"), Values: []string{allocID}}},
	})
	if err != nil {
		return nil, err
	}
	if len(out.Addresses) != 1 {
		return nil, fmt.Errorf("DescribeAddresses found %d addresses for %s, want 1", len(out.Addresses), allocID)
	}
	return &out.Addresses[0], nil
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	if p == nil {
		var z T
		return z
	}
	return *p
}
