package ec2query_test

import (
	"io"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/ec2query"
)

type filter struct {
	Name   *string
	Values []string
}

type describeInput struct {
	DryRun      *bool
	InstanceIds []string
	Filters     []filter
	label       *string
	Renamed     *string
	Token       *string
}

var (
	strShape    = &protocol.Shape{Name: "String", Type: protocol.TypeString}
	boolShape   = &protocol.Shape{Name: "Boolean", Type: protocol.TypeBoolean}
	idList      = &protocol.Shape{Name: "InstanceIdStringList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: strShape, LocationName: "InstanceId"}}
	valueList   = &protocol.Shape{Name: "ValueStringList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: strShape, LocationName: "item"}}
	filterShape = &protocol.Shape{Name: "Filter", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[filter](),
		Members: []protocol.Member{
			{Name: "Name", Field: 0, Shape: strShape},
			{Name: "Values", Field: 1, Shape: valueList, LocationName: "Value"},
		}}
	filterList = &protocol.Shape{Name: "FilterList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: filterShape, LocationName: "Filter"}}
	inShape    = &protocol.Shape{Name: "DescribeInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[describeInput](),
		Members: []protocol.Member{
			{Name: "DryRun", Field: 0, Shape: boolShape, LocationName: "dryRun"},
			{Name: "InstanceIds", Field: 1, Shape: idList, LocationName: "InstanceId"},
			{Name: "Filters", Field: 2, Shape: filterList, LocationName: "Filter"},
			{Name: "label", Field: 3, Shape: strShape},
			{Name: "Renamed", Field: 4, Shape: strShape, QueryName: "Q", LocationName: "ignored"},
			{Name: "Token", Field: 5, Shape: strShape, IdempotencyToken: true, LocationName: "clientToken"},
		}}
	op = &protocol.Operation{Service: &protocol.Service{APIVersion: "2016-11-15", Protocol: "ec2"}, Name: "DescribeInstances", Input: inShape}
)

func ptr[T any](v T) *T { return &v }

func TestMarshalRequestBody(t *testing.T) {
	const head = "Action=DescribeInstances&Version=2016-11-15"
	const tok = "&ClientToken=tok"
	tests := []struct {
		name string
		in   *describeInput
		want string
	}{
		{"nil input", nil, head + tok},
		{"capitalised locationName", &describeInput{DryRun: ptr(true)}, head + "&DryRun=true" + tok},
		{"flattened lists", &describeInput{InstanceIds: []string{"i-1", "i-2"}}, head + "&InstanceId.1=i-1&InstanceId.2=i-2" + tok},
		{"empty list sends nothing", &describeInput{InstanceIds: []string{}}, head + tok},
		{"nested lists", &describeInput{Filters: []filter{{Name: ptr("tag:Name"), Values: []string{"a b", "c"}}}},
			head + "&Filter.1.Name=tag%3AName&Filter.1.Value.1=a+b&Filter.1.Value.2=c" + tok},
		{"capitalised member name", &describeInput{label: ptr("x")}, head + "&Label=x" + tok},
		{"queryName wins", &describeInput{Renamed: ptr("y")}, head + "&Q=y" + tok},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, _ := url.Parse("https://ec2.us-east-1.amazonaws.com")
			req := &http.Request{URL: u, Header: http.Header{}}
			var in any
			if tt.in != nil {
				in = tt.in
			}
			err := ec2query.MarshalRequest(req, op, in, protocol.MarshalOptions{NewIdempotencyToken: func() string { return "tok" }})
			if err != nil {
				t.Fatalf("MarshalRequest: %v", err)
			}
			b, _ := io.ReadAll(req.Body)
			if got := string(b); got != tt.want {
				t.Errorf("body:\n got %s\nwant %s", got, tt.want)
			}
			if got, want := req.URL.Path, "/"; got != want {
				t.Errorf("got path %q, want %q", got, want)
			}
		})
	}
}
