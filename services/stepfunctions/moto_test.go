package stepfunctions_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/stepfunctions"
)

// Step Functions against moto: create and describe a state machine, start
// executions and describe them, the ListExecutions and ListStateMachines
// paginators, stopping an execution, and the modelled errors. moto does not
// run the machine unless configured to (an execution stays RUNNING until
// stopped), and StartSyncExecution and TestState go to a "sync-" host that
// a local server does not have (customizations_test.go checks the host).

const definition = `{"Comment":"goto3","StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}`

const role = "arn:aws:iam::123456789012:role/goto3-sfn"

func motoClient(t *testing.T) *stepfunctions.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := stepfunctions.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMotoStateMachineExecutions(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	name := testpeer.BucketName(t)
	sm, err := c.CreateStateMachine(ctx, &stepfunctions.CreateStateMachineInput{
		Name: name, Definition: definition, RoleArn: role, Type: goto3.Ptr(stepfunctions.StateMachineTypeStandard),
		Tags: []stepfunctions.Tag{{Key: goto3.Ptr("team"), Value: goto3.Ptr("goto3")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(sm.StateMachineArn, ":stateMachine:"+name) || sm.CreationDate.IsZero() {
		t.Fatalf("CreateStateMachine: %+v", sm)
	}
	desc, err := c.DescribeStateMachine(ctx, &stepfunctions.DescribeStateMachineInput{StateMachineArn: sm.StateMachineArn})
	if err != nil {
		t.Fatal(err)
	}
	if desc.Name != name || desc.Definition != definition || desc.RoleArn != role || desc.Type != stepfunctions.StateMachineTypeStandard {
		t.Errorf("DescribeStateMachine: %+v", desc)
	}

	var arns []string
	for i := range 5 {
		ex, err := c.StartExecution(ctx, &stepfunctions.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: goto3.Ptr(fmt.Sprint("run-", i)), Input: goto3.Ptr(fmt.Sprintf(`{"n":%d}`, i))})
		if err != nil {
			t.Fatal(err)
		}
		if ex.StartDate.IsZero() {
			t.Errorf("StartExecution: %+v", ex)
		}
		arns = append(arns, ex.ExecutionArn)
	}
	de, err := c.DescribeExecution(ctx, &stepfunctions.DescribeExecutionInput{ExecutionArn: arns[2]})
	if err != nil {
		t.Fatal(err)
	}
	if de.Status != stepfunctions.ExecutionStatusRunning || de.StateMachineArn != sm.StateMachineArn || *de.Name != "run-2" || *de.Input != `{"n":2}` {
		t.Errorf("DescribeExecution: %+v", de)
	}

	var listed []string
	pages := 0
	for page, err := range c.ListExecutionsPages(ctx, &stepfunctions.ListExecutionsInput{StateMachineArn: &sm.StateMachineArn, MaxResults: goto3.Ptr(int32(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, e := range page.Executions {
			listed = append(listed, e.ExecutionArn)
		}
	}
	slices.Sort(listed)
	if want := slices.Sorted(slices.Values(arns)); !slices.Equal(listed, want) || pages != 3 {
		t.Errorf("%d pages of %v, want 3 of %v", pages, listed, want)
	}

	if _, err := c.StopExecution(ctx, &stepfunctions.StopExecutionInput{ExecutionArn: arns[0], Error: goto3.Ptr("Cancelled"), Cause: goto3.Ptr("test")}); err != nil {
		t.Fatal(err)
	}
	de, err = c.DescribeExecution(ctx, &stepfunctions.DescribeExecutionInput{ExecutionArn: arns[0]})
	if err != nil || de.Status != stepfunctions.ExecutionStatusAborted || de.StopDate == nil {
		t.Errorf("stopped execution: %+v, %v", de, err)
	}
	var aborted []string
	for e, err := range c.ListExecutionsItems(ctx, &stepfunctions.ListExecutionsInput{StateMachineArn: &sm.StateMachineArn, StatusFilter: goto3.Ptr(stepfunctions.ExecutionStatusAborted)}) {
		if err != nil {
			t.Fatal(err)
		}
		aborted = append(aborted, e.Name)
	}
	if !slices.Equal(aborted, []string{"run-0"}) {
		t.Errorf("aborted executions %v", aborted)
	}

	// Errors.
	_, err = c.DescribeExecution(ctx, &stepfunctions.DescribeExecutionInput{ExecutionArn: sm.StateMachineArn[:strings.LastIndex(sm.StateMachineArn, ":stateMachine:")] + ":execution:" + name + ":nope"})
	var ede *stepfunctions.ExecutionDoesNotExist
	if !errors.As(err, &ede) || goto3.ErrorCode(err) != "ExecutionDoesNotExist" {
		t.Errorf("got %v, want ExecutionDoesNotExist", err)
	}
	// moto 5.2.1 answers a CreateStateMachine of an existing name with
	// another definition by returning the existing machine, where Step
	// Functions raises StateMachineAlreadyExists: not checked. Starting a
	// running execution's name again with another input is refused.
	_, err = c.StartExecution(ctx, &stepfunctions.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: goto3.Ptr("run-1"), Input: goto3.Ptr(`{"other":true}`)})
	var exists *stepfunctions.ExecutionAlreadyExists
	if !errors.As(err, &exists) || goto3.ErrorCode(err) != "ExecutionAlreadyExists" {
		t.Errorf("got %v, want ExecutionAlreadyExists", err)
	}
	if _, err := c.DeleteStateMachine(ctx, &stepfunctions.DeleteStateMachineInput{StateMachineArn: sm.StateMachineArn}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeStateMachine(ctx, &stepfunctions.DescribeStateMachineInput{StateMachineArn: sm.StateMachineArn})
	var smne *stepfunctions.StateMachineDoesNotExist
	if !errors.As(err, &smne) {
		t.Fatalf("got %v, want *stepfunctions.StateMachineDoesNotExist", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "StateMachineDoesNotExist" || api.StatusCode != 400 || api.Message == "" {
		t.Errorf("APIError %+v", api)
	}
}

// TestMotoListStateMachinesPages creates five machines and finds them all
// through the paginator, two per page (other tests' machines may be
// listed too).
func TestMotoListStateMachinesPages(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	prefix := testpeer.BucketName(t)
	var want []string
	for i := range 5 {
		name := fmt.Sprintf("%s-%d", prefix, i)
		if _, err := c.CreateStateMachine(ctx, &stepfunctions.CreateStateMachineInput{Name: name, Definition: definition, RoleArn: role}); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	var got []string
	pages := 0
	for page, err := range c.ListStateMachinesPages(ctx, &stepfunctions.ListStateMachinesInput{MaxResults: goto3.Ptr(int32(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, m := range page.StateMachines {
			if strings.HasPrefix(m.Name, prefix+"-") {
				got = append(got, m.Name)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) || pages < 3 {
		t.Errorf("%d pages with %v, want at least 3 with %v", pages, got, want)
	}
}
