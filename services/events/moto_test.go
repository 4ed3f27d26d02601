package events_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/events"
	"github.com/goto3/goto3/services/sqs"
)

// EventBridge against moto: an event bus, a rule with an event pattern
// whose target is an SQS queue, PutEvents (the matching event reaches the
// queue, the other does not), the ListRules and ListTargetsByRule
// paginators, and the modelled ResourceNotFoundException. The global
// endpoints of PutEvents' EndpointId cannot be reached on moto (a host name
// per endpoint); customizations_test.go covers them.

func motoClients(t *testing.T) (*events.Client, *sqs.Client) {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := events.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	q, err := sqs.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c, q
}

func TestMotoPutEventsToQueue(t *testing.T) {
	c, q := motoClients(t)
	ctx := context.Background()
	name := testpeer.BucketName(t)
	if _, err := c.CreateEventBus(ctx, &events.CreateEventBusInput{Name: name}); err != nil {
		t.Fatal(err)
	}
	queue, err := q.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: name})
	if err != nil {
		t.Fatal(err)
	}
	qa, err := q.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: *queue.QueueUrl, AttributeNames: []sqs.QueueAttributeName{sqs.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatal(err)
	}
	rule, err := c.PutRule(ctx, &events.PutRuleInput{
		Name: "orders", EventBusName: &name,
		EventPattern: goto3.Ptr(`{"source":["goto3.orders"],"detail-type":["OrderPlaced"]}`),
		State:        goto3.Ptr(events.RuleStateEnabled), Description: goto3.Ptr("orders to the queue"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if rule.RuleArn == nil {
		t.Fatal("PutRule returned no ARN")
	}
	tg, err := c.PutTargets(ctx, &events.PutTargetsInput{Rule: "orders", EventBusName: &name, Targets: []events.Target{{Id: "queue", Arn: qa.Attributes["QueueArn"]}}})
	if err != nil || tg.FailedEntryCount == nil || *tg.FailedEntryCount != 0 {
		t.Fatalf("PutTargets: %+v, %v", tg, err)
	}
	desc, err := c.DescribeRule(ctx, &events.DescribeRuleInput{Name: "orders", EventBusName: &name})
	if err != nil {
		t.Fatal(err)
	}
	if *desc.Arn != *rule.RuleArn || *desc.State != events.RuleStateEnabled || *desc.EventBusName != name {
		t.Errorf("DescribeRule: %+v", desc)
	}

	when := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	out, err := c.PutEvents(ctx, &events.PutEventsInput{Entries: []events.PutEventsRequestEntry{
		{Source: goto3.Ptr("goto3.orders"), DetailType: goto3.Ptr("OrderPlaced"), Detail: goto3.Ptr(`{"id":42,"note":"ü"}`), EventBusName: &name, Time: &when, Resources: []string{"arn:aws:x:::order/42"}},
		{Source: goto3.Ptr("goto3.other"), DetailType: goto3.Ptr("Ignored"), Detail: goto3.Ptr(`{}`), EventBusName: &name},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if *out.FailedEntryCount != 0 || len(out.Entries) != 2 || out.Entries[0].EventId == nil {
		t.Fatalf("PutEvents: %+v", out)
	}

	msgs, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: *queue.QueueUrl, MaxNumberOfMessages: goto3.Ptr(int32(10)), WaitTimeSeconds: goto3.Ptr(int32(1))})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs.Messages) != 1 {
		t.Fatalf("the queue got %d messages, want the one matching event", len(msgs.Messages))
	}
	var ev struct {
		ID         string `json:"id"`
		Source     string `json:"source"`
		DetailType string `json:"detail-type"`
		Time       string `json:"time"`
		Resources  []string
		Detail     struct {
			ID   int    `json:"id"`
			Note string `json:"note"`
		} `json:"detail"`
	}
	if err := json.Unmarshal([]byte(*msgs.Messages[0].Body), &ev); err != nil {
		t.Fatal(err)
	}
	if ev.ID != *out.Entries[0].EventId || ev.Source != "goto3.orders" || ev.DetailType != "OrderPlaced" || ev.Detail.ID != 42 || ev.Detail.Note != "ü" ||
		ev.Time != "2026-03-04T05:06:07Z" || !slices.Equal(ev.Resources, []string{"arn:aws:x:::order/42"}) {
		t.Errorf("delivered event %s", *msgs.Messages[0].Body)
	}

	_, err = c.DescribeRule(ctx, &events.DescribeRuleInput{Name: "no-such-rule", EventBusName: &name})
	var nf *events.ResourceNotFoundException
	if !errors.As(err, &nf) || goto3.ErrorCode(err) != "ResourceNotFoundException" {
		t.Errorf("got %v, want ResourceNotFoundException", err)
	}
}

// TestMotoListRulesPages: seven rules, listed two per page; the targets of
// one, two per page.
func TestMotoListRulesPages(t *testing.T) {
	c, _ := motoClients(t)
	ctx := context.Background()
	bus := testpeer.BucketName(t)
	if _, err := c.CreateEventBus(ctx, &events.CreateEventBusInput{Name: bus}); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 7 {
		name := fmt.Sprintf("rule-%d", i)
		if _, err := c.PutRule(ctx, &events.PutRuleInput{Name: name, EventBusName: &bus, EventPattern: goto3.Ptr(fmt.Sprintf(`{"source":["s%d"]}`, i))}); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	var got []string
	pages := 0
	for page, err := range c.ListRulesPages(ctx, &events.ListRulesInput{EventBusName: &bus, Limit: goto3.Ptr(int32(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range page.Rules {
			got = append(got, *r.Name)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) || pages != 4 {
		t.Errorf("%d pages of %v, want 4 of %v", pages, got, want)
	}

	var targets []events.Target
	for i := range 5 {
		targets = append(targets, events.Target{Id: fmt.Sprint("t", i), Arn: fmt.Sprintf("arn:aws:sqs:us-east-1:123456789012:q%d", i)})
	}
	if _, err := c.PutTargets(ctx, &events.PutTargetsInput{Rule: "rule-0", EventBusName: &bus, Targets: targets}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for tg, err := range c.ListTargetsByRuleItems(ctx, &events.ListTargetsByRuleInput{Rule: "rule-0", EventBusName: &bus, Limit: goto3.Ptr(int32(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tg.Id)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"t0", "t1", "t2", "t3", "t4"}) {
		t.Errorf("targets %v", ids)
	}
}
