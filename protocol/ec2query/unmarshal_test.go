package ec2query_test

import (
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/ec2query"
)

type address struct {
	PublicIp     *string
	AllocationId *string
	Tags         []tag
}

type tag struct {
	Key   *string
	Value *string
}

type describeAddressesOutput struct {
	Addresses []address

	ResultMetadata protocol.ResponseMetadata
}

var (
	tagShape = &protocol.Shape{Name: "Tag", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[tag](),
		Members: []protocol.Member{
			{Name: "Key", Field: 0, Shape: strShape, LocationName: "key"},
			{Name: "Value", Field: 1, Shape: strShape, LocationName: "value"},
		}}
	tagList   = &protocol.Shape{Name: "TagList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: tagShape, LocationName: "item"}}
	addrShape = &protocol.Shape{Name: "Address", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[address](),
		Members: []protocol.Member{
			{Name: "PublicIp", Field: 0, Shape: strShape, LocationName: "publicIp"},
			{Name: "AllocationId", Field: 1, Shape: strShape, LocationName: "allocationId"},
			{Name: "Tags", Field: 2, Shape: tagList, LocationName: "tagSet"},
		}}
	addrList  = &protocol.Shape{Name: "AddressList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: addrShape, LocationName: "item"}}
	outShape2 = &protocol.Shape{Name: "DescribeAddressesResult", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[describeAddressesOutput](),
		Members: []protocol.Member{{Name: "Addresses", Field: 0, Shape: addrList, LocationName: "addressesSet"}}}
	addrOp = &protocol.Operation{Service: op.Service, Name: "DescribeAddresses", Output: outShape2}
)

func TestUnmarshalResponse(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?>
<DescribeAddressesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
   <requestId>f7de5e98-491a-4c19-a92d-908d6EXAMPLE</requestId>
   <addressesSet>
      <item>
         <publicIp>203.0.113.41</publicIp>
         <allocationId>eipalloc-08229861</allocationId>
         <tagSet><item><key>Name</key><value>web</value></item></tagSet>
      </item>
      <item><publicIp>198.51.100.2</publicIp></item>
   </addressesSet>
</DescribeAddressesResponse>`
	resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
	var got describeAddressesOutput
	if err := ec2query.UnmarshalResponse(resp, addrOp, &got); err != nil {
		t.Fatal(err)
	}
	want := describeAddressesOutput{Addresses: []address{
		{PublicIp: ptr("203.0.113.41"), AllocationId: ptr("eipalloc-08229861"), Tags: []tag{{Key: ptr("Name"), Value: ptr("web")}}},
		{PublicIp: ptr("198.51.100.2")},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}

func TestUnmarshalError(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidAllocationID.NotFound</Code><Message>The allocation ID 'eipalloc-1' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>`
	resp := &http.Response{StatusCode: 400, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
	got := ec2query.UnmarshalError(resp, addrOp)
	want := &protocol.ResponseError{StatusCode: 400, Code: "InvalidAllocationID.NotFound", Message: "The allocation ID 'eipalloc-1' does not exist",
		RequestID: "ea966190-f9aa-478e-9ede-example", Header: http.Header{}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("error mismatch (-want +got):\n%s", diff)
	}
}
