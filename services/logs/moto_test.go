package logs_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/logs"
)

// TestMotoEvents is CloudWatch Logs's everyday flow against moto: a log
// group and two streams, events put in each, read back with GetLogEvents,
// found across streams with FilterLogEvents three per page (its
// paginator, then a filter pattern), the group listed by the
// DescribeLogGroups paginator, and the modelled errors
// ResourceAlreadyExistsException and ResourceNotFoundException.
func TestMotoEvents(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := logs.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	group := "/goto3/" + testpeer.BucketName(t)
	if _, err := c.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: group}); err != nil {
		t.Fatalf("%v\n%s", err, srv.Log())
	}
	t.Cleanup(func() { c.DeleteLogGroup(context.Background(), &logs.DeleteLogGroupInput{LogGroupName: group}) })

	_, err = c.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: group})
	var exists *logs.ResourceAlreadyExistsException
	if !errors.As(err, &exists) || goto3.ErrorCode(err) != "ResourceAlreadyExistsException" {
		t.Errorf("second CreateLogGroup: got %v, want *logs.ResourceAlreadyExistsException", err)
	}

	now := time.Now().UnixMilli()
	for s, stream := range []string{"app-1", "app-2"} {
		if _, err := c.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: group, LogStreamName: stream}); err != nil {
			t.Fatal(err)
		}
		var evs []logs.InputLogEvent
		for i := range 4 {
			level := "INFO"
			if i == 3 {
				level = "ERROR"
			}
			evs = append(evs, logs.InputLogEvent{Timestamp: now + int64(s*10+i), Message: fmt.Sprintf("%s %s event %d", level, stream, i)})
		}
		if _, err := c.PutLogEvents(ctx, &logs.PutLogEventsInput{LogGroupName: group, LogStreamName: stream, LogEvents: evs}); err != nil {
			t.Fatal(err)
		}
	}

	got, err := c.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: &group, LogStreamName: "app-1", StartFromHead: goto3.Ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range got.Events {
		msgs = append(msgs, *e.Message)
	}
	if want := []string{"INFO app-1 event 0", "INFO app-1 event 1", "INFO app-1 event 2", "ERROR app-1 event 3"}; !slices.Equal(msgs, want) {
		t.Errorf("GetLogEvents: got %q, want %q", msgs, want)
	}
	if got.NextForwardToken == nil {
		t.Error("GetLogEvents: no NextForwardToken")
	}

	pages, msgs := 0, nil
	for page, err := range c.FilterLogEventsPages(ctx, &logs.FilterLogEventsInput{LogGroupName: &group, Limit: goto3.Ptr[int32](3)}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, e := range page.Events {
			msgs = append(msgs, *e.Message)
		}
	}
	if len(msgs) != 8 || pages != 3 {
		t.Errorf("FilterLogEvents: got %d events in %d pages, want 8 in 3: %q", len(msgs), pages, msgs)
	}
	msgs = nil
	for e, err := range c.FilterLogEventsItems(ctx, &logs.FilterLogEventsInput{LogGroupName: &group, FilterPattern: goto3.Ptr("ERROR")}) {
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, *e.Message)
	}
	slices.Sort(msgs)
	if want := []string{"ERROR app-1 event 3", "ERROR app-2 event 3"}; !slices.Equal(msgs, want) {
		t.Errorf("FilterLogEvents ERROR: got %q, want %q", msgs, want)
	}

	found := false
	for g, err := range c.DescribeLogGroupsItems(ctx, &logs.DescribeLogGroupsInput{LogGroupNamePrefix: goto3.Ptr("/goto3/")}) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || g.LogGroupName != nil && *g.LogGroupName == group
	}
	if !found {
		t.Errorf("DescribeLogGroups: %s not listed", group)
	}

	_, err = c.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: goto3.Ptr(group + "-missing"), LogStreamName: "app-1"})
	var nf *logs.ResourceNotFoundException
	var api *goto3.APIError
	if !errors.As(err, &nf) || !errors.As(err, &api) || api.Code != "ResourceNotFoundException" || api.StatusCode != 400 {
		t.Errorf("got %v, want *logs.ResourceNotFoundException (400)", err)
	}
}
