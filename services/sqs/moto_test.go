package sqs_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/sqs"
)

// The SQS flow against moto: queues, send/receive/delete, their batch
// forms with message attributes, the MD5 digests of what was sent, the
// ListQueues paginator, and the query-compatible QueueDoesNotExist error.

func motoClient(t *testing.T) *sqs.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := sqs.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func md5Hex(b []byte) string {
	s := md5.Sum(b)
	return hex.EncodeToString(s[:])
}

// md5OfAttributes is SQS's MD5OfMessageAttributes: the MD5 of, for each
// attribute in name order, the name, the data type (each as a 4-byte
// big-endian length and the bytes), a transport byte (1 string, 2 binary)
// and the value (length and bytes). List values are not in the service's
// use and are left out.
func md5OfAttributes(attrs map[string]sqs.MessageAttributeValue) string {
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	put := func(p []byte) {
		b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(p))))
		b.Write(p)
	}
	for _, n := range names {
		v := attrs[n]
		put([]byte(n))
		put([]byte(v.DataType))
		if v.BinaryValue != nil {
			b.WriteByte(2)
			put(v.BinaryValue)
		} else {
			b.WriteByte(1)
			put([]byte(*v.StringValue))
		}
	}
	return md5Hex(b.Bytes())
}

func attributes(i int) map[string]sqs.MessageAttributeValue {
	return map[string]sqs.MessageAttributeValue{
		"color":   {DataType: "String", StringValue: goto3.Ptr(fmt.Sprintf("blue-%d ü", i))},
		"count":   {DataType: "Number", StringValue: goto3.Ptr(fmt.Sprint(i * 7))},
		"payload": {DataType: "Binary", BinaryValue: []byte{0, 1, 2, 0xff, byte(i)}},
		"trace":   {DataType: "String.custom", StringValue: goto3.Ptr("t-" + fmt.Sprint(i))},
	}
}

func TestMotoSendReceiveDelete(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	name := testpeer.BucketName(t)
	cq, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: name, Attributes: map[string]string{"VisibilityTimeout": "30"}})
	if err != nil {
		t.Fatal(err)
	}
	q := *cq.QueueUrl
	t.Cleanup(func() { c.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: q}) })
	got, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: name})
	if err != nil || *got.QueueUrl != q {
		t.Fatalf("GetQueueUrl %v, %v; want %s", got, err, q)
	}

	// One message with every kind of attribute: moto's digests of what it
	// received must be those of what was meant to be sent.
	body := "héllo {\"json\": true} <xml/> & \u2603"
	attrs := attributes(0)
	sent, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: q, MessageBody: body, MessageAttributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	if *sent.MD5OfMessageBody != md5Hex([]byte(body)) {
		t.Errorf("MD5OfMessageBody %s, want %s", *sent.MD5OfMessageBody, md5Hex([]byte(body)))
	}
	if sent.MD5OfMessageAttributes == nil || *sent.MD5OfMessageAttributes != md5OfAttributes(attrs) {
		t.Errorf("MD5OfMessageAttributes %v, want %s", sent.MD5OfMessageAttributes, md5OfAttributes(attrs))
	}

	// Nine more in one batch.
	var entries []sqs.SendMessageBatchRequestEntry
	for i := 1; i <= 9; i++ {
		entries = append(entries, sqs.SendMessageBatchRequestEntry{Id: fmt.Sprintf("m%d", i), MessageBody: fmt.Sprintf("message %d", i), MessageAttributes: attributes(i)})
	}
	batch, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: q, Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	if len(batch.Successful) != 9 || len(batch.Failed) != 0 {
		t.Fatalf("SendMessageBatch: %d sent, %d failed", len(batch.Successful), len(batch.Failed))
	}
	for _, s := range batch.Successful {
		var i int
		fmt.Sscanf(s.Id, "m%d", &i)
		if s.MD5OfMessageBody != md5Hex([]byte(fmt.Sprintf("message %d", i))) {
			t.Errorf("%s: MD5OfMessageBody %s", s.Id, s.MD5OfMessageBody)
		}
		if s.MD5OfMessageAttributes == nil || *s.MD5OfMessageAttributes != md5OfAttributes(attributes(i)) {
			t.Errorf("%s: MD5OfMessageAttributes %v, want %s", s.Id, s.MD5OfMessageAttributes, md5OfAttributes(attributes(i)))
		}
	}

	// Receive all ten, with their attributes.
	received := map[string]sqs.Message{}
	for len(received) < 10 {
		out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl: q, MaxNumberOfMessages: goto3.Ptr(int32(10)), MessageAttributeNames: []string{"All"},
			MessageSystemAttributeNames: []sqs.MessageSystemAttributeName{sqs.MessageSystemAttributeNameAll}, WaitTimeSeconds: goto3.Ptr(int32(1)),
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Messages) == 0 {
			t.Fatalf("received %d of 10 messages", len(received))
		}
		for _, m := range out.Messages {
			received[*m.Body] = m
		}
	}
	m := received[body]
	if *m.MD5OfBody != md5Hex([]byte(body)) || m.MD5OfMessageAttributes == nil || *m.MD5OfMessageAttributes != md5OfAttributes(attrs) {
		t.Errorf("received digests %v %v", *m.MD5OfBody, m.MD5OfMessageAttributes)
	}
	if len(m.MessageAttributes) != 4 || !bytes.Equal(m.MessageAttributes["payload"].BinaryValue, attrs["payload"].BinaryValue) ||
		*m.MessageAttributes["color"].StringValue != *attrs["color"].StringValue || m.MessageAttributes["trace"].DataType != "String.custom" {
		t.Errorf("received attributes %+v", m.MessageAttributes)
	}
	if m.Attributes["ApproximateReceiveCount"] != "1" || m.Attributes["SentTimestamp"] == "" {
		t.Errorf("system attributes %v", m.Attributes)
	}

	// Delete one, the rest in a batch with one bad receipt handle.
	if _, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: q, ReceiptHandle: *m.ReceiptHandle}); err != nil {
		t.Fatal(err)
	}
	delete(received, body)
	var dels []sqs.DeleteMessageBatchRequestEntry
	for _, m := range received {
		dels = append(dels, sqs.DeleteMessageBatchRequestEntry{Id: fmt.Sprintf("d%d", len(dels)), ReceiptHandle: *m.ReceiptHandle})
	}
	dels = append(dels, sqs.DeleteMessageBatchRequestEntry{Id: "bad", ReceiptHandle: "not-a-receipt-handle"})
	dout, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: q, Entries: dels})
	if err != nil {
		t.Fatal(err)
	}
	if len(dout.Successful) != 9 || len(dout.Failed) != 1 || dout.Failed[0].Id != "bad" || dout.Failed[0].Code == "" || !dout.Failed[0].SenderFault {
		t.Errorf("DeleteMessageBatch: %d deleted, failed %+v", len(dout.Successful), dout.Failed)
	}
	attrsOut, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q, AttributeNames: []sqs.QueueAttributeName{sqs.QueueAttributeNameAll}})
	if err != nil {
		t.Fatal(err)
	}
	if attrsOut.Attributes["ApproximateNumberOfMessages"] != "0" || attrsOut.Attributes["ApproximateNumberOfMessagesNotVisible"] != "0" || attrsOut.Attributes["VisibilityTimeout"] != "30" {
		t.Errorf("queue attributes %v", attrsOut.Attributes)
	}
}

// TestMotoListQueuesPages lists seven queues through the ListQueues
// paginator, asking for two per page. moto 5.2.1 ignores MaxResults and
// NextToken (sqs/responses.py list_queues) and answers all seven in one
// page, so the paginator's NextToken loop is not exercised here; the other
// services' moto tests page for real.
func TestMotoListQueuesPages(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	prefix := testpeer.BucketName(t)
	var want []string
	for i := range 7 {
		out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: fmt.Sprintf("%s-%d", prefix, i)})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, *out.QueueUrl)
	}
	var got []string
	pages := 0
	for page, err := range c.ListQueuesPages(ctx, &sqs.ListQueuesInput{QueueNamePrefix: &prefix, MaxResults: goto3.Ptr(int32(2))}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		got = append(got, page.QueueUrls...)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) || pages != 1 {
		t.Errorf("%d pages of %v, want moto's 1 page of %v", pages, got, want)
	}
	var items []string
	for u, err := range c.ListQueuesItems(ctx, &sqs.ListQueuesInput{QueueNamePrefix: &prefix, MaxResults: goto3.Ptr(int32(3))}) {
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, u)
	}
	if len(items) != 7 {
		t.Errorf("ListQueuesItems: %v", items)
	}
}

// TestMotoQueueDoesNotExist: moto answers as SQS does, "__type"
// QueueDoesNotExist with x-amzn-query-error
// AWS.SimpleQueueService.NonExistentQueue;Sender.
func TestMotoQueueDoesNotExist(t *testing.T) {
	c := motoClient(t)
	_, err := c.GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: "no-such-queue-" + testpeer.BucketName(t)})
	var qdne *sqs.QueueDoesNotExist
	if !errors.As(err, &qdne) {
		t.Fatalf("got %v, want *sqs.QueueDoesNotExist", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "AWS.SimpleQueueService.NonExistentQueue" || api.StatusCode != 400 {
		t.Errorf("got %+v, want code AWS.SimpleQueueService.NonExistentQueue", api)
	}
	if goto3.ErrorCode(err) != "AWS.SimpleQueueService.NonExistentQueue" || !strings.Contains(err.Error(), "GetQueueUrl") {
		t.Errorf("error %v", err)
	}
}
