package elbv2_test

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/elbv2"
)

func motoClient(t *testing.T) (*elbv2.Client, *testpeer.Server) {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := elbv2.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// noWait makes a waiter poll without sleeping.
func noWait[In any](w *goto3.Waiter[In]) *goto3.Waiter[In] {
	w.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return w
}

// defaultSubnets returns the VPC and two subnets (in two zones) of moto's
// default VPC, through a plain EC2 DescribeSubnets Query call (moto checks
// no signature; the EC2 client is not needed for this).
func defaultSubnets(t *testing.T, srv *testpeer.Server) (vpc string, subnets []string) {
	t.Helper()
	form := url.Values{"Action": {"DescribeSubnets"}, "Version": {"2016-11-15"}, "Filter.1.Name": {"default-for-az"}, "Filter.1.Value.1": {"true"}}
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", fmt.Sprintf("AWS4-HMAC-SHA256 Credential=%s/20260101/%s/ec2/aws4_request, SignedHeaders=host, Signature=0", srv.AccessKeyID, srv.Region))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out struct {
		Subnets []struct {
			ID   string `xml:"subnetId"`
			VPC  string `xml:"vpcId"`
			Zone string `xml:"availabilityZone"`
		} `xml:"subnetSet>item"`
	}
	if err := xml.Unmarshal(body, &out); err != nil || len(out.Subnets) < 2 {
		t.Fatalf("DescribeSubnets: %v %s", err, body)
	}
	return out.Subnets[0].VPC, []string{out.Subnets[0].ID, out.Subnets[1].ID}
}

// TestMotoLoadBalancers creates three application load balancers in the
// default VPC and waits for one with LoadBalancerAvailable, lists them two
// per page with the DescribeLoadBalancers paginator, creates a target
// group with IP targets and a listener forwarding to it, refuses a second
// target group of the same name (DuplicateTargetGroupName, modelled),
// and reads a missing one (LoadBalancerNotFound, modelled) before
// deleting everything and waiting with LoadBalancersDeleted.
func TestMotoLoadBalancers(t *testing.T) {
	c, srv := motoClient(t)
	ctx := context.Background()
	vpc, subnets := defaultSubnets(t, srv)
	base := testpeer.BucketName(t)
	if len(base) > 26 {
		base = base[:26] // load balancer names have at most 32 characters
	}
	base = strings.TrimRight(base, "-")
	var arns, names []string
	for i := range 3 {
		name := fmt.Sprintf("%s-%d", base, i)
		out, err := c.CreateLoadBalancer(ctx, &elbv2.CreateLoadBalancerInput{Name: name, Subnets: subnets, Tags: []elbv2.Tag{{Key: "team", Value: goto3.Ptr("goto3")}}})
		if err != nil {
			t.Fatal(err)
		}
		lb := out.LoadBalancers[0]
		if *lb.LoadBalancerName != name || *lb.VpcId != vpc || lb.DNSName == nil {
			t.Fatalf("CreateLoadBalancer returned %+v", lb)
		}
		arns = append(arns, *lb.LoadBalancerArn)
		names = append(names, name)
	}
	if err := noWait(c.LoadBalancerAvailableWaiter()).Wait(ctx, &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: arns[:1]}); err != nil {
		t.Fatalf("LoadBalancerAvailable: %v", err)
	}

	var sizes []int
	var got []string
	for page, err := range c.DescribeLoadBalancersPages(ctx, &elbv2.DescribeLoadBalancersInput{Names: names, PageSize: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.LoadBalancers))
		for _, lb := range page.LoadBalancers {
			got = append(got, *lb.LoadBalancerName)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, names) || !slices.Equal(sizes, []int{2, 1}) {
		t.Errorf("pages of %v with %v, want [2 1] with %v", sizes, got, names)
	}

	tg, err := c.CreateTargetGroup(ctx, &elbv2.CreateTargetGroupInput{Name: base + "-tg", Protocol: goto3.Ptr(elbv2.ProtocolEnumHttp), Port: goto3.Ptr[int32](80),
		VpcId: &vpc, TargetType: goto3.Ptr(elbv2.TargetTypeEnumIp), HealthCheckPath: goto3.Ptr("/health")})
	if err != nil {
		t.Fatal(err)
	}
	tgARN := *tg.TargetGroups[0].TargetGroupArn
	if _, err := c.RegisterTargets(ctx, &elbv2.RegisterTargetsInput{TargetGroupArn: tgARN, Targets: []elbv2.TargetDescription{{Id: "172.31.0.10", Port: goto3.Ptr[int32](8080)}, {Id: "172.31.0.11"}}}); err != nil {
		t.Fatal(err)
	}
	health, err := c.DescribeTargetHealth(ctx, &elbv2.DescribeTargetHealthInput{TargetGroupArn: tgARN})
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, d := range health.TargetHealthDescriptions {
		targets = append(targets, d.Target.Id)
	}
	slices.Sort(targets)
	if !slices.Equal(targets, []string{"172.31.0.10", "172.31.0.11"}) {
		t.Errorf("targets %v", targets)
	}
	ln, err := c.CreateListener(ctx, &elbv2.CreateListenerInput{LoadBalancerArn: arns[0], Protocol: goto3.Ptr(elbv2.ProtocolEnumHttp), Port: goto3.Ptr[int32](80),
		DefaultActions: []elbv2.Action{{Type: elbv2.ActionTypeEnumForward, TargetGroupArn: &tgARN}}})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := c.DescribeListeners(ctx, &elbv2.DescribeListenersInput{LoadBalancerArn: &arns[0]})
	if err != nil {
		t.Fatal(err)
	}
	if len(ls.Listeners) != 1 || *ls.Listeners[0].ListenerArn != *ln.Listeners[0].ListenerArn || *ls.Listeners[0].DefaultActions[0].TargetGroupArn != tgARN {
		t.Errorf("listeners %+v", ls.Listeners)
	}

	_, err = c.CreateTargetGroup(ctx, &elbv2.CreateTargetGroupInput{Name: base + "-tg", Protocol: goto3.Ptr(elbv2.ProtocolEnumHttp), Port: goto3.Ptr[int32](81), VpcId: &vpc})
	var dup *elbv2.DuplicateTargetGroupNameException
	if !errors.As(err, &dup) || goto3.ErrorCode(err) != "DuplicateTargetGroupName" {
		t.Errorf("a second target group named %s-tg: got %v, want DuplicateTargetGroupName", base, err)
	}
	_, err = c.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{Names: []string{base + "-missing"}})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "LoadBalancerNotFound" || api.StatusCode != 400 {
		t.Fatalf("got %v, want LoadBalancerNotFound (400)", err)
	}
	var modeled *elbv2.LoadBalancerNotFoundException
	if !errors.As(err, &modeled) {
		t.Errorf("got %v, want *elbv2.LoadBalancerNotFoundException", err)
	}

	if _, err := c.DeleteListener(ctx, &elbv2.DeleteListenerInput{ListenerArn: *ln.Listeners[0].ListenerArn}); err != nil {
		t.Fatal(err)
	}
	for _, arn := range arns {
		if _, err := c.DeleteLoadBalancer(ctx, &elbv2.DeleteLoadBalancerInput{LoadBalancerArn: arn}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.DeleteTargetGroup(ctx, &elbv2.DeleteTargetGroupInput{TargetGroupArn: tgARN}); err != nil {
		t.Fatal(err)
	}
	if err := noWait(c.LoadBalancersDeletedWaiter()).Wait(ctx, &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: arns}); err != nil {
		t.Fatalf("LoadBalancersDeleted: %v", err)
	}
}
