package cloudformation_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/cloudformation"
)

func motoClient(t *testing.T) *cloudformation.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := cloudformation.New(srv.Config())
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

// A tiny template: one SNS topic named by a parameter, its ARN an output.
const template = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "goto3 test stack",
  "Parameters": {"TopicName": {"Type": "String"}},
  "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "TopicName"}}}},
  "Outputs": {"TopicArn": {"Value": {"Ref": "Topic"}}}
}`

// TestMotoStack creates a stack from a tiny template, waits with the
// StackCreateComplete waiter, reads its outputs, resources and template
// (the same text: goto3 does not decode it, see GetTemplateOutput), lists
// it with the DescribeStacks and ListStacks paginators, refuses a second
// stack of the same name (AlreadyExistsException, modelled), deletes it and
// waits with StackDeleteComplete; a missing stack is a ValidationError
// (which the model does not define).
func TestMotoStack(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	name := testpeer.BucketName(t)
	topic := name + "-topic"
	params := []cloudformation.Parameter{{ParameterKey: goto3.Ptr("TopicName"), ParameterValue: &topic}}
	cs, err := c.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: name, TemplateBody: goto3.Ptr(template), Parameters: params,
		Tags: []cloudformation.Tag{{Key: "team", Value: "goto3"}}})
	if err != nil {
		t.Fatal(err)
	}
	id := *cs.StackId
	if err := noWait(c.StackCreateCompleteWaiter()).Wait(ctx, &cloudformation.DescribeStacksInput{StackName: &name}); err != nil {
		t.Fatalf("StackCreateComplete: %v", err)
	}

	ds, err := c.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: &name})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Stacks) != 1 || *ds.Stacks[0].StackId != id || ds.Stacks[0].StackStatus != cloudformation.StackStatusCreateComplete {
		t.Fatalf("DescribeStacks: %+v", ds.Stacks)
	}
	st := ds.Stacks[0]
	if len(st.Outputs) != 1 || *st.Outputs[0].OutputKey != "TopicArn" || !strings.HasSuffix(*st.Outputs[0].OutputValue, ":"+topic) {
		t.Errorf("outputs %+v", st.Outputs)
	}
	if *st.Description != "goto3 test stack" || len(st.Tags) != 1 || st.CreationTime.IsZero() {
		t.Errorf("stack %+v", st)
	}

	var resources []string
	for r, err := range c.ListStackResourcesItems(ctx, &cloudformation.ListStackResourcesInput{StackName: name}) {
		if err != nil {
			t.Fatal(err)
		}
		resources = append(resources, r.LogicalResourceId+" "+r.ResourceType)
	}
	if !slices.Equal(resources, []string{"Topic AWS::SNS::Topic"}) {
		t.Errorf("resources %v", resources)
	}

	gt, err := c.GetTemplate(ctx, &cloudformation.GetTemplateInput{StackName: &name})
	if err != nil {
		t.Fatal(err)
	}
	if gt.TemplateBody == nil || *gt.TemplateBody != template {
		t.Errorf("GetTemplate: got %v, want the template's text", gt.TemplateBody)
	}

	found := false
	for s, err := range c.DescribeStacksItems(ctx, &cloudformation.DescribeStacksInput{}) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || *s.StackId == id
	}
	if !found {
		t.Error("DescribeStacks pages lack the stack")
	}
	found = false
	for s, err := range c.ListStacksItems(ctx, &cloudformation.ListStacksInput{StackStatusFilter: []cloudformation.StackStatus{cloudformation.StackStatusCreateComplete}}) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || *s.StackId == id
	}
	if !found {
		t.Error("ListStacks pages lack the stack")
	}

	_, err = c.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: name, TemplateBody: goto3.Ptr(template), Parameters: params})
	var exists *cloudformation.AlreadyExistsException
	if !errors.As(err, &exists) || goto3.ErrorCode(err) != "AlreadyExistsException" {
		t.Errorf("a second CreateStack: got %v, want AlreadyExistsException", err)
	}

	if _, err := c.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: name}); err != nil {
		t.Fatal(err)
	}
	if err := noWait(c.StackDeleteCompleteWaiter()).Wait(ctx, &cloudformation.DescribeStacksInput{StackName: &id}); err != nil {
		t.Fatalf("StackDeleteComplete: %v", err)
	}

	missing := name + "-missing"
	_, err = c.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: &missing})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "ValidationError" || api.StatusCode != 400 || !strings.Contains(api.Message, "does not exist") {
		t.Errorf("got %v, want ValidationError: ... does not exist", err)
	}
}
