package sns_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/sns"
)

func motoClient(t *testing.T) *sns.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := sns.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMotoTopicsAndPublish: a topic with attributes and tags, an HTTP
// subscription to a local server that receives what Publish sends, the
// subscription listed, a publish with message attributes, and a missing
// topic: NotFound, modelled.
func TestMotoTopicsAndPublish(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()

	var mu sync.Mutex
	var delivered []map[string]any
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err == nil {
			mu.Lock()
			delivered = append(delivered, m)
			mu.Unlock()
		}
	}))
	defer hook.Close()

	name := testpeer.BucketName(t)
	ct, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: name, Attributes: map[string]string{"DisplayName": "goto3 & co"}, Tags: []sns.Tag{{Key: "team", Value: "goto3"}}})
	if err != nil {
		t.Fatal(err)
	}
	arn := *ct.TopicArn
	if !strings.HasSuffix(arn, ":"+name) {
		t.Fatalf("topic ARN %s", arn)
	}
	attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: arn})
	if err != nil {
		t.Fatal(err)
	}
	if attrs.Attributes["DisplayName"] != "goto3 & co" || attrs.Attributes["TopicArn"] != arn {
		t.Errorf("attributes %v", attrs.Attributes)
	}

	sub, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: arn, Protocol: "http", Endpoint: &hook.URL, ReturnSubscriptionArn: goto3.Ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	var subs []string
	for s, err := range c.ListSubscriptionsByTopicItems(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: arn}) {
		if err != nil {
			t.Fatal(err)
		}
		if *s.Endpoint != hook.URL || *s.Protocol != "http" {
			t.Errorf("subscription %+v", s)
		}
		subs = append(subs, *s.SubscriptionArn)
	}
	if !slices.Equal(subs, []string{*sub.SubscriptionArn}) {
		t.Errorf("subscriptions %v, want [%s]", subs, *sub.SubscriptionArn)
	}

	pub, err := c.Publish(ctx, &sns.PublishInput{
		TopicArn: &arn,
		Subject:  goto3.Ptr("greeting"),
		Message:  "héllo <world> & \"friends\"",
		MessageAttributes: map[string]sns.MessageAttributeValue{
			"kind":  {DataType: "String", StringValue: goto3.Ptr("test")},
			"count": {DataType: "Number", StringValue: goto3.Ptr("3")},
			"raw":   {DataType: "Binary", BinaryValue: []byte{0, 1, 2, 0xff}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if pub.MessageId == nil || *pub.MessageId == "" {
		t.Error("Publish returned no MessageId")
	}
	mu.Lock()
	got := delivered
	mu.Unlock()
	var notes []map[string]any
	for _, m := range got {
		if m["Type"] == "Notification" {
			notes = append(notes, m)
		}
	}
	if len(notes) != 1 || notes[0]["Message"] != "héllo <world> & \"friends\"" || notes[0]["Subject"] != "greeting" || notes[0]["MessageId"] != *pub.MessageId {
		t.Errorf("the HTTP endpoint received %v, want the one notification published", got)
	}

	if _, err := c.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: *sub.SubscriptionArn}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: arn}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: arn})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "NotFound" || api.StatusCode != 404 {
		t.Fatalf("got %v, want NotFound (404)", err)
	}
	var modeled *sns.NotFoundException
	if !errors.As(err, &modeled) {
		t.Errorf("got %v, want *sns.NotFoundException", err)
	}
}

// TestMotoListTopicsPages creates 105 topics and lists them with the
// ListTopics paginator: moto answers 100 per page with a NextToken, so the
// paginator follows it to a second page (more if other tests' topics
// are there).
func TestMotoListTopicsPages(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	want := map[string]bool{}
	for range 105 {
		out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: testpeer.BucketName(t)})
		if err != nil {
			t.Fatal(err)
		}
		want[*out.TopicArn] = true
	}
	pages, seen := 0, 0
	for page, err := range c.ListTopicsPages(ctx, &sns.ListTopicsInput{}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, tp := range page.Topics {
			if want[*tp.TopicArn] {
				seen++
			}
		}
	}
	if pages < 2 || seen != 105 {
		t.Errorf("got %d pages with %d of the 105 topics, want at least 2 pages with all", pages, seen)
	}
}
