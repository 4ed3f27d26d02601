package ec2_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/ec2query"
	"github.com/goto3/goto3/services/ec2"
)

// ec2Op returns the schema of an EC2 operation.
func ec2Op(tb testing.TB, name string) *protocol.Operation {
	tb.Helper()
	for _, op := range ec2.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	tb.Fatalf("no EC2 operation %s", name)
	return nil
}

// BenchmarkMarshalDescribeInstances serializes DescribeInstances with two
// filters and three instance ids.
func BenchmarkMarshalDescribeInstances(b *testing.B) {
	op := ec2Op(b, "DescribeInstances")
	in := &ec2.DescribeInstancesInput{
		InstanceIds: []string{"i-0123456789abcdef0", "i-0fedcba9876543210", "i-00aa11bb22cc33dd4"},
		Filters: []ec2.Filter{
			{Name: goto3.Ptr("instance-state-name"), Values: []string{"running", "stopped"}},
			{Name: goto3.Ptr("tag:Environment"), Values: []string{"production"}},
		},
		MaxResults: goto3.Ptr(int32(100)),
	}
	u, _ := url.Parse("https://ec2.us-east-1.amazonaws.com")
	b.ReportAllocs()
	var n int64
	for b.Loop() {
		uc := *u
		req := &http.Request{URL: &uc, Header: http.Header{}}
		if err := ec2query.MarshalRequest(req, op, in, protocol.MarshalOptions{}); err != nil {
			b.Fatal(err)
		}
		n = req.ContentLength
	}
	b.SetBytes(n)
}

const instanceItem = `
        <item>
          <instanceId>i-%017x</instanceId>
          <imageId>ami-0abcdef1234567890</imageId>
          <instanceState><code>16</code><name>running</name></instanceState>
          <privateDnsName>ip-10-0-0-%d.ec2.internal</privateDnsName>
          <dnsName>ec2-203-0-113-%d.compute-1.amazonaws.com</dnsName>
          <reason/>
          <keyName>my-key-pair</keyName>
          <amiLaunchIndex>0</amiLaunchIndex>
          <productCodes/>
          <instanceType>t3.micro</instanceType>
          <launchTime>2024-05-01T12:34:56.000Z</launchTime>
          <placement><availabilityZone>us-east-1a</availabilityZone><groupName/><tenancy>default</tenancy></placement>
          <monitoring><state>disabled</state></monitoring>
          <subnetId>subnet-0123456789abcdef0</subnetId>
          <vpcId>vpc-0123456789abcdef0</vpcId>
          <privateIpAddress>10.0.0.%d</privateIpAddress>
          <ipAddress>203.0.113.%d</ipAddress>
          <sourceDestCheck>true</sourceDestCheck>
          <groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>web</groupName></item></groupSet>
          <architecture>x86_64</architecture>
          <rootDeviceType>ebs</rootDeviceType>
          <rootDeviceName>/dev/xvda</rootDeviceName>
          <blockDeviceMapping>
            <item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-0123456789abcdef0</volumeId><status>attached</status><attachTime>2024-05-01T12:34:57.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item>
          </blockDeviceMapping>
          <virtualizationType>hvm</virtualizationType>
          <clientToken/>
          <tagSet>
            <item><key>Name</key><value>web-%d</value></item>
            <item><key>Environment</key><value>production</value></item>
          </tagSet>
          <hypervisor>xen</hypervisor>
          <networkInterfaceSet>
            <item>
              <networkInterfaceId>eni-0123456789abcdef0</networkInterfaceId>
              <subnetId>subnet-0123456789abcdef0</subnetId>
              <vpcId>vpc-0123456789abcdef0</vpcId>
              <ownerId>123456789012</ownerId>
              <status>in-use</status>
              <macAddress>02:00:00:00:00:01</macAddress>
              <privateIpAddress>10.0.0.%d</privateIpAddress>
              <sourceDestCheck>true</sourceDestCheck>
              <groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>web</groupName></item></groupSet>
              <attachment><attachmentId>eni-attach-0123456789abcdef0</attachmentId><deviceIndex>0</deviceIndex><status>attached</status><attachTime>2024-05-01T12:34:56.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></attachment>
              <privateIpAddressesSet><item><privateIpAddress>10.0.0.%d</privateIpAddress><primary>true</primary></item></privateIpAddressesSet>
              <interfaceType>interface</interfaceType>
            </item>
          </networkInterfaceSet>
          <ebsOptimized>false</ebsOptimized>
          <enaSupport>true</enaSupport>
          <cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>
          <metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint></metadataOptions>
        </item>`

// describeInstancesBody is a DescribeInstances page: n reservations of one
// instance each, shaped like the service's documented example.
func describeInstancesBody(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
  <reservationSet>`)
	for i := range n {
		fmt.Fprintf(&sb, `
    <item>
      <reservationId>r-%017x</reservationId>
      <ownerId>123456789012</ownerId>
      <groupSet/>
      <instancesSet>`, i)
		fmt.Fprintf(&sb, instanceItem, i, i, i, i, i, i, i, i)
		sb.WriteString(`
      </instancesSet>
    </item>`)
	}
	sb.WriteString(`
  </reservationSet>
</DescribeInstancesResponse>
`)
	return []byte(sb.String())
}

// BenchmarkUnmarshalDescribeInstances decodes a page of 25 instances.
func BenchmarkUnmarshalDescribeInstances(b *testing.B) {
	op := ec2Op(b, "DescribeInstances")
	body := describeInstancesBody(25)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var out ec2.DescribeInstancesOutput
		resp := &http.Response{StatusCode: 200, ContentLength: int64(len(body)), Body: io.NopCloser(bytes.NewReader(body))}
		if err := ec2query.UnmarshalResponse(resp, op, &out); err != nil {
			b.Fatal(err)
		}
		if len(out.Reservations) != 25 {
			b.Fatalf("got %d reservations, want 25", len(out.Reservations))
		}
	}
}

// BenchmarkUnmarshalError decodes an EC2 error document.
func BenchmarkUnmarshalError(b *testing.B) {
	op := ec2Op(b, "DescribeInstances")
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1a2b3c4d' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>`)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		resp := &http.Response{StatusCode: 400, ContentLength: int64(len(body)), Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		if e := ec2query.UnmarshalError(resp, op); e.Code != "InvalidInstanceID.NotFound" {
			b.Fatalf("got code %q", e.Code)
		}
	}
}
