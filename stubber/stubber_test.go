package stubber_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/bedrockruntime"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/sns"
	"github.com/goto3/goto3/services/sqs"
	"github.com/goto3/goto3/stubber"
)

var ctx = context.Background()

func newS3(t *testing.T, st *stubber.Stubber) *s3.Client {
	t.Helper()
	c, err := s3.New(st.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newDynamoDB(t *testing.T, st *stubber.Stubber) *dynamodb.Client {
	t.Helper()
	c, err := dynamodb.New(st.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func str(s string) dynamodb.AttributeValue { return dynamodb.AttributeValue{S: &s} }

// stubErr returns the *stubber.Error inside err, failing the test when there
// is none.
func stubErr(t *testing.T, err error) *stubber.Error {
	t.Helper()
	var se *stubber.Error
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want a *stubber.Error", err)
	}
	var oe *goto3.OperationError
	if !errors.As(err, &oe) {
		t.Errorf("got %T, want it inside a *goto3.OperationError", err)
	}
	return se
}

func TestOrdered(t *testing.T) {
	st := stubber.New()
	modified := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	st.AddResponse("HeadObject", &s3.HeadObjectInput{Bucket: "b", Key: "a.txt"},
		&s3.HeadObjectOutput{ContentLength: goto3.Ptr(int64(5)), LastModified: &modified})
	st.AddResponse("GetObject", &s3.GetObjectInput{Bucket: "b", Key: "a.txt", Range: goto3.Ptr("bytes=0-1")},
		&s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader("he")), ContentRange: goto3.Ptr("bytes 0-1/5")})
	st.AddResponse("DeleteObject", nil, nil)
	c := newS3(t, st)

	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: "b", Key: "a.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if *head.ContentLength != 5 || !head.LastModified.Equal(modified) {
		t.Errorf("got %d bytes modified %v, want 5 at %v", *head.ContentLength, head.LastModified, modified)
	}
	if md := head.ResultMetadata; md.StatusCode != 200 || md.Attempts != 1 {
		t.Errorf("got status %d after %d attempts, want 200 after 1", md.StatusCode, md.Attempts)
	}
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: "a.txt", Range: goto3.Ptr("bytes=0-1")})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(get.Body)
	get.Body.Close()
	if string(b) != "he" || *get.ContentRange != "bytes 0-1/5" {
		t.Errorf("got %q, %s", b, *get.ContentRange)
	}
	if st.Pending() != 1 {
		t.Errorf("got %d pending, want 1", st.Pending())
	}
	err = st.AssertNoPending()
	if err == nil || err.Error() != "stubber: 1 expected call was not made: #3 DeleteObject" {
		t.Errorf("AssertNoPending: got %v", err)
	}
	out, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: "b", Key: "whatever"})
	if err != nil || out == nil {
		t.Fatalf("got %v, %v", out, err)
	}
	if err := st.AssertNoPending(); err != nil {
		t.Error(err)
	}
	if r := st.Refused(); len(r) != 0 {
		t.Errorf("got refused calls %v", r)
	}
}

func TestUnexpectedAndWrongOperation(t *testing.T) {
	st := stubber.New()
	c := newS3(t, st)
	_, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "b"})
	se := stubErr(t, err)
	if se.Kind != stubber.Unexpected || se.Operation != "HeadBucket" {
		t.Errorf("got kind %v for %s", se.Kind, se.Operation)
	}
	want := "s3: HeadBucket: stubber: unexpected call of HeadBucket: no call is expected (it was not queued, or was made more times than queued)"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}

	st.AddResponse("ListBuckets", nil, &s3.ListBucketsOutput{})
	_, err = c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "b"})
	if se := stubErr(t, err); se.Kind != stubber.WrongOperation {
		t.Errorf("got kind %v", se.Kind)
	}
	want = "s3: HeadBucket: stubber: operation mismatch: called S3 HeadBucket, the next expected call is #1 ListBuckets (s3)"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	// Refused calls took nothing.
	if _, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
		t.Fatal(err)
	}
	if r := st.Refused(); len(r) != 2 || r[0].Error() != "s3: HeadBucket: stubber: unexpected call of HeadBucket: no call is expected (it was not queued, or was made more times than queued)" {
		t.Errorf("got refused %v", r)
	}
}

func TestInputDiff(t *testing.T) {
	st := stubber.New()
	modified := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	st.AddResponse("PutObject", &s3.PutObjectInput{
		Bucket:                    "b",
		Key:                       "a.txt",
		Body:                      strings.NewReader("hello"),
		ContentType:               goto3.Ptr("text/plain"),
		Metadata:                  map[string]string{"owner": "ann", "team": "x"},
		ACL:                       goto3.Ptr(s3.ObjectCannedACLPrivate),
		ObjectLockRetainUntilDate: &modified,
	}, &s3.PutObjectOutput{ETag: goto3.Ptr(`"e"`)})
	c := newS3(t, st)

	body := strings.NewReader("hellO")
	_, err := c.PutObject(ctx, &s3.PutObjectInput{
		Bucket:                    "b",
		Key:                       "b.txt",
		Body:                      body,
		Metadata:                  map[string]string{"owner": "bob", "extra": "1"},
		ACL:                       goto3.Ptr(s3.ObjectCannedACLPublicRead),
		ObjectLockRetainUntilDate: goto3.Ptr(modified.In(time.FixedZone("x", 3600))), // the same instant
	})
	se := stubErr(t, err)
	if se.Kind != stubber.InputMismatch {
		t.Errorf("got kind %v", se.Kind)
	}
	want := `s3: PutObject: stubber: the input of PutObject differs from expected call #1 PutObject (s3):
	ACL: got "public-read", want "private"
	Body: got *strings.Reader reading []byte("hellO"), want *strings.Reader reading []byte("hello")
	ContentType: got nil, want "text/plain"
	Key: got "b.txt", want "a.txt"
	Metadata["extra"]: got "1", want (none)
	Metadata["owner"]: got "bob", want "ann"
	Metadata["team"]: got (none), want "x"`
	if err.Error() != want {
		t.Errorf("got:\n%s\nwant:\n%s", err, want)
	}
	if n, _ := body.Seek(0, io.SeekCurrent); n != 0 {
		t.Errorf("the caller's body was left at %d, want 0", n)
	}
	// Still queued: the right call takes it.
	out, err := c.PutObject(ctx, &s3.PutObjectInput{
		Bucket: "b", Key: "a.txt", Body: strings.NewReader("hello"), ContentType: goto3.Ptr("text/plain"),
		Metadata: map[string]string{"owner": "ann", "team": "x"}, ACL: goto3.Ptr(s3.ObjectCannedACLPrivate),
		ObjectLockRetainUntilDate: goto3.Ptr(modified.In(time.FixedZone("x", 3600))),
	})
	if err != nil || *out.ETag != `"e"` {
		t.Fatalf("got %v, %v", out, err)
	}
}

func TestInputDiffNested(t *testing.T) {
	st := stubber.New()
	st.AddResponse("PutItem", &dynamodb.PutItemInput{TableName: "orders", Item: map[string]dynamodb.AttributeValue{
		"pk":    str("c#1"),
		"lines": {L: []dynamodb.AttributeValue{str("a"), {N: goto3.Ptr("2")}}},
		"bin":   {B: []byte{0, 1, 2}},
		"tags":  {SS: []string{}},
	}}, nil)
	db := newDynamoDB(t, st)
	_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: "orders", Item: map[string]dynamodb.AttributeValue{
		"pk":    str("c#1"),
		"lines": {L: []dynamodb.AttributeValue{str("a"), {N: goto3.Ptr("3")}, {NULL: goto3.Ptr(true)}}},
		"bin":   {B: []byte{0, 1, 3}},
		"tags":  {SS: nil, NS: []string{"1"}},
	}})
	want := `dynamodb: PutItem: stubber: the input of PutItem differs from expected call #1 PutItem (dynamodb):
	Item["bin"].B: got 0x000103, want 0x000102
	Item["lines"].L[1].N: got "3", want "2"
	Item["lines"].L[2]: got {NULL: true}, want (none)
	Item["tags"].SS: got nil, want []
	Item["tags"].NS: got ["1"], want nil`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
}

func TestMatchers(t *testing.T) {
	st := stubber.New()
	st.AddResponse("PutObject", stubber.Ignore(&s3.PutObjectInput{Bucket: "b", Key: "k"}, "Body", "ContentLength"), nil)
	st.AddResponse("PutObject", stubber.Match(func(in *s3.PutObjectInput) error {
		if !strings.HasPrefix(in.Key, "logs/") {
			return fmt.Errorf("key %q is not under logs/", in.Key)
		}
		return nil
	}), nil)
	st.AddResponse("PutObject", stubber.Any, nil)
	c := newS3(t, st)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k", Body: strings.NewReader("x"), ContentLength: goto3.Ptr(int64(1))}); err != nil {
		t.Fatal(err)
	}
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k"})
	if want := `s3: PutObject: stubber: the input of PutObject differs from expected call #2 PutObject:
	key "k" is not under logs/`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	for _, k := range []string{"logs/1", "anything"} {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: k}); err != nil {
			t.Fatal(err)
		}
	}

	// A matcher of another type, and a reader that cannot seek.
	st.AddResponse("PutObject", stubber.Match(func(in *s3.GetObjectInput) error { return nil }), nil)
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k"})
	if err == nil || !strings.Contains(err.Error(), "the input is *s3.PutObjectInput, the matcher takes *s3.GetObjectInput") {
		t.Errorf("got %v", err)
	}
	if err := st.AssertNoPending(); err == nil || !strings.Contains(err.Error(), "2 calls were refused") {
		t.Errorf("got %v", err)
	}

	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), `has no member "Bdy"`) {
			t.Errorf("got panic %v", r)
		}
	}()
	stubber.Ignore(&s3.PutObjectInput{}, "Bdy")
}

func TestReaders(t *testing.T) {
	st := stubber.New()
	r := io.NopCloser(strings.NewReader("x")) // cannot seek: compared by identity
	st.AddResponse("PutObject", &s3.PutObjectInput{Bucket: "b", Key: "k", Body: r, ContentLength: goto3.Ptr(int64(1))}, nil)
	c := newS3(t, st)
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k", Body: io.NopCloser(strings.NewReader("x")), ContentLength: goto3.Ptr(int64(1))})
	if err == nil || !strings.Contains(err.Error(), "Body: got io.nopCloserWriterTo, want io.nopCloserWriterTo (a reader that cannot seek is compared by identity: use Ignore or Match)") {
		t.Errorf("got %v", err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k", Body: r, ContentLength: goto3.Ptr(int64(1))}); err != nil {
		t.Error(err)
	}
}

// TestValidatedFirst: an invalid input fails as it does without a stubber,
// taking nothing.
func TestValidatedFirst(t *testing.T) {
	st := stubber.New()
	st.AddResponse("GetObject", nil, nil)
	c := newS3(t, st)
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Key: "k"})
	var ve *goto3.ValidationError
	if !errors.As(err, &ve) || ve.Member != "Bucket" {
		t.Errorf("got %v, want a validation error of Bucket", err)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: "not/valid", Key: "k"}) // S3's own check
	if !errors.As(err, &ve) {
		t.Errorf("got %v, want a validation error", err)
	}
	if st.Pending() != 1 || len(st.Refused()) != 0 {
		t.Errorf("got %d pending and %d refused, want 1 and 0", st.Pending(), len(st.Refused()))
	}
}

func TestInvalidResponse(t *testing.T) {
	tests := []struct {
		name string
		add  func(st *stubber.Stubber)
		call func(c *s3.Client) error
		want string
	}{
		{
			name: "required member",
			add: func(st *stubber.Stubber) {
				st.AddResponse("GetObjectTagging", nil, &s3.GetObjectTaggingOutput{VersionId: goto3.Ptr("v")})
			},
			call: func(c *s3.Client) error {
				_, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: "b", Key: "k"})
				return err
			},
			want: "s3: GetObjectTagging: stubber: expected call #1 GetObjectTagging (s3): the response does not fit GetObjectTagging's output shape: TagSet: missing required member",
		},
		{
			name: "nested required member",
			add: func(st *stubber.Stubber) {
				st.AddResponse("GetObjectTagging", nil, &s3.GetObjectTaggingOutput{TagSet: []s3.Tag{{Key: "a", Value: "1"}, {Key: "b"}}})
			},
			call: func(c *s3.Client) error {
				_, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: "b", Key: "k"})
				return err
			},
			want: "s3: GetObjectTagging: stubber: expected call #1 GetObjectTagging (s3): the response does not fit GetObjectTagging's output shape: TagSet[1].Value: missing required member",
		},
		{
			name: "modelled error of another service",
			add: func(st *stubber.Stubber) {
				st.AddError("GetObject", nil, &goto3.APIError{Code: "NoSuchKey", Modeled: &dynamodb.ResourceNotFoundException{}})
			},
			call: func(c *s3.Client) error {
				_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: "k"})
				return err
			},
			want: "s3: GetObject: stubber: operation mismatch: called S3 GetObject, the next expected call is #1 GetObject (dynamodb)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := stubber.New()
			tt.add(st)
			err := tt.call(newS3(t, st))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
			if st.Pending() != 1 {
				t.Errorf("got %d pending, want the refused call's expectation kept", st.Pending())
			}
		})
	}
}

func TestUnion(t *testing.T) {
	st := stubber.New()
	out := &bedrockruntime.ConverseOutput{
		Output:     &bedrockruntime.ConverseOutput_2{},
		StopReason: bedrockruntime.StopReasonEndTurn,
		Usage:      &bedrockruntime.TokenUsage{InputTokens: 1, OutputTokens: 1, TotalTokens: 2},
		Metrics:    &bedrockruntime.ConverseMetrics{LatencyMs: 5},
	}
	st.AddResponse("Converse", nil, out)
	brt, err := bedrockruntime.New(st.Config())
	if err != nil {
		t.Fatal(err)
	}
	in := &bedrockruntime.ConverseInput{ModelId: "m", Messages: []bedrockruntime.Message{{Role: bedrockruntime.ConversationRoleUser, Content: []bedrockruntime.ContentBlock{{Text: goto3.Ptr("hi")}}}}}
	_, err = brt.Converse(ctx, in)
	want := "bedrockruntime: Converse: stubber: expected call #1 Converse (bedrockruntime): the response does not fit Converse's output shape: Output: a union (ConverseOutput_2) has exactly one member set, not 0"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	out.Output.Message = &bedrockruntime.Message{Role: bedrockruntime.ConversationRoleAssistant, Content: []bedrockruntime.ContentBlock{{Text: goto3.Ptr("hello")}}}
	got, err := brt.Converse(ctx, in)
	if err != nil || *got.Output.Message.Content[0].Text != "hello" {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestAnyOrder(t *testing.T) {
	st := stubber.New(stubber.InAnyOrder)
	for _, k := range []string{"a", "b", "c"} {
		st.AddResponse("GetItem", &dynamodb.GetItemInput{TableName: "t", Key: map[string]dynamodb.AttributeValue{"pk": str(k)}},
			&dynamodb.GetItemOutput{Item: map[string]dynamodb.AttributeValue{"pk": str(k), "v": str("value of " + k)}})
	}
	st.AddResponse("PutItem", nil, nil)
	db := newDynamoDB(t, st)
	for _, k := range []string{"c", "a", "b"} {
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: "t", Key: map[string]dynamodb.AttributeValue{"pk": str(k)}})
		if err != nil {
			t.Fatal(err)
		}
		if got := *out.Item["v"].S; got != "value of "+k {
			t.Errorf("got %q for %s", got, k)
		}
	}
	st.AddResponse("GetItem", &dynamodb.GetItemInput{TableName: "t", Key: map[string]dynamodb.AttributeValue{"pk": str("d")}}, nil)
	st.AddResponse("GetItem", &dynamodb.GetItemInput{TableName: "u", Key: map[string]dynamodb.AttributeValue{"pk": str("e")}}, nil)
	_, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: "t", Key: map[string]dynamodb.AttributeValue{"pk": str("e")}})
	want := `dynamodb: GetItem: stubber: the input of GetItem matches no pending expected call of it:
#5 GetItem (dynamodb):
	Key["pk"].S: got "e", want "d"
#6 GetItem (dynamodb):
	TableName: got "t", want "u"`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
	_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: "t", Key: map[string]dynamodb.AttributeValue{"pk": str("e")}})
	want = "dynamodb: DeleteItem: stubber: unexpected call of DynamoDB DeleteItem: no pending expected call is one (pending: #4 PutItem, #5 GetItem (dynamodb), #6 GetItem (dynamodb))"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestConcurrent sends from many goroutines through clients of two
// services sharing one Stubber, in any order; run with -race.
func TestConcurrent(t *testing.T) {
	st := stubber.New(stubber.InAnyOrder)
	const n = 40
	for i := range n {
		body := fmt.Sprint("message ", i)
		st.AddResponse("SendMessage", &sqs.SendMessageInput{QueueUrl: "https://sqs.us-east-1.amazonaws.com/1/q", MessageBody: body},
			&sqs.SendMessageOutput{MessageId: goto3.Ptr(fmt.Sprint("id-", i))})
		st.AddResponse("PutItem", &dynamodb.PutItemInput{TableName: "t", Item: map[string]dynamodb.AttributeValue{"pk": str(body)}}, nil)
	}
	q, err := sqs.New(st.Config())
	if err != nil {
		t.Fatal(err)
	}
	db := newDynamoDB(t, st)
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			out, err := q.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: "https://sqs.us-east-1.amazonaws.com/1/q", MessageBody: fmt.Sprint("message ", i)})
			if err == nil && *out.MessageId != fmt.Sprint("id-", i) {
				err = fmt.Errorf("got message id %s for %d", *out.MessageId, i)
			}
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: "t", Item: map[string]dynamodb.AttributeValue{"pk": str(fmt.Sprint("message ", i))}})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if err := st.AssertNoPending(); err != nil {
		t.Error(err)
	}
}

// TestServicesShareAStubber: the expectation's types tell apart operations
// of the same name in two services.
func TestServicesShareAStubber(t *testing.T) {
	st := stubber.New(stubber.InAnyOrder)
	st.AddResponse("TagResource", &sns.TagResourceInput{ResourceArn: "arn", Tags: []sns.Tag{{Key: "k", Value: "v"}}}, nil)
	topics, err := sns.New(st.Config())
	if err != nil {
		t.Fatal(err)
	}
	db := newDynamoDB(t, st)
	_, err = db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: "arn", Tags: []dynamodb.Tag{{Key: "k", Value: "v"}}})
	if se := stubErr(t, err); se.Kind != stubber.Unexpected {
		t.Errorf("got %v", err)
	}
	if _, err := topics.TagResource(ctx, &sns.TagResourceInput{ResourceArn: "arn", Tags: []sns.Tag{{Key: "k", Value: "v"}}}); err != nil {
		t.Fatal(err)
	}

	// In order, the call of the other service is told what it got.
	st = stubber.New()
	st.AddResponse("TagResource", &sns.TagResourceInput{ResourceArn: "arn"}, nil)
	_, err = newDynamoDB(t, st).TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: "arn", Tags: []dynamodb.Tag{}})
	want := "dynamodb: TagResource: stubber: operation mismatch: called DynamoDB TagResource, the next expected call is #1 TagResource (sns)"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestNonAPIError: any other error is returned as it is.
func TestNonAPIError(t *testing.T) {
	st := stubber.New()
	st.AddError("HeadObject", nil, context.DeadlineExceeded)
	_, err := newS3(t, st).HeadObject(ctx, &s3.HeadObjectInput{Bucket: "b", Key: "k"})
	var oe *goto3.OperationError
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &oe) {
		t.Errorf("got %v", err)
	}
}

// TestPerCallOptions: a call's options keep the stubber, or set one.
func TestPerCallOptions(t *testing.T) {
	st := stubber.New()
	st.AddResponse("ListBuckets", nil, &s3.ListBucketsOutput{Buckets: []s3.Bucket{{Name: goto3.Ptr("b")}}})
	c := newS3(t, st)
	out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}, func(o *s3.Options) { o.Region = "eu-west-1" })
	if err != nil || len(out.Buckets) != 1 {
		t.Fatalf("got %v, %v", out, err)
	}

	other := stubber.New()
	other.AddResponse("ListBuckets", nil, nil)
	if _, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}, func(o *s3.Options) { o.Stubber = other }); err != nil || other.Pending() != 0 {
		t.Errorf("got %v with %d pending", err, other.Pending())
	}
}

// TestPresign: presigning is not stubbed, as in botocore.
func TestPresign(t *testing.T) {
	st := stubber.New()
	c := newS3(t, st)
	p, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: "amzn-s3-demo-bucket", Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.URL, "https://amzn-s3-demo-bucket.s3.amazonaws.com/k?") || !strings.Contains(p.URL, "X-Amz-Signature=") {
		t.Errorf("got %s", p.URL)
	}
	if len(st.Refused()) != 0 {
		t.Errorf("got refused calls %v", st.Refused())
	}
}

// TestStreams: a nil streaming body is an empty one, as a real answer's.
func TestStreams(t *testing.T) {
	st := stubber.New()
	st.AddResponse("GetObject", nil, &s3.GetObjectOutput{ContentLength: goto3.Ptr(int64(0))})
	out, err := newS3(t, st).GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(out.Body); err != nil || len(b) != 0 {
		t.Errorf("got %q, %v", b, err)
	}
	out.Body.Close()
}

type fakeT struct {
	cleanups []func()
	errs     []string
	fatals   []string
}

func (f *fakeT) Helper()           {}
func (f *fakeT) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeT) Errorf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, args...))
}

// TestQueueChecks: an expectation whose types are not the operation's is
// refused when it is queued, with a panic, or with NewT a fatal test error.
func TestQueueChecks(t *testing.T) {
	tests := []struct {
		name string
		add  func(st *stubber.Stubber)
		kind stubber.Kind
		want string
	}{
		{"another operation's output", func(st *stubber.Stubber) { st.AddResponse("GetObject", nil, &s3.PutObjectOutput{}) },
			stubber.InvalidResponse, `stubber: AddResponse("GetObject"): the response is *s3.PutObjectOutput, GetObject returns *s3.GetObjectOutput`},
		{"output not a pointer", func(st *stubber.Stubber) { st.AddResponse("GetObject", nil, s3.GetObjectOutput{}) },
			stubber.InvalidResponse, `stubber: AddResponse("GetObject"): the response is a s3.GetObjectOutput, not a pointer to the operation's output struct (*GetObjectOutput)`},
		{"an error as a response", func(st *stubber.Stubber) { st.AddResponse("GetObject", nil, &goto3.APIError{Code: "NoSuchKey"}) },
			stubber.InvalidResponse, `stubber: AddResponse("GetObject"): the response is a *goto3.APIError, an error: AddError queues an error`},
		{"another operation's input", func(st *stubber.Stubber) { st.AddResponse("GetObject", &s3.HeadObjectInput{Bucket: "b"}, nil) },
			stubber.InvalidInput, `stubber: AddResponse("GetObject"): the expected input is *s3.HeadObjectInput, GetObject takes *s3.GetObjectInput`},
		{"input not a pointer", func(st *stubber.Stubber) { st.AddError("GetObject", s3.GetObjectInput{}, context.Canceled) },
			stubber.InvalidInput, `stubber: AddError("GetObject"): the expected input is a s3.GetObjectInput, not a pointer to the operation's input struct (*GetObjectInput), nil or a Matcher`},
		{"two services", func(st *stubber.Stubber) {
			st.AddResponse("TagResource", &sns.TagResourceInput{}, &dynamodb.TagResourceOutput{})
		}, stubber.InvalidResponse, `stubber: AddResponse("TagResource"): sns.TagResourceInput and dynamodb.TagResourceOutput are types of two services`},
		{"modelled error of another service", func(st *stubber.Stubber) {
			st.AddError("GetObject", &s3.GetObjectInput{}, &goto3.APIError{Modeled: &dynamodb.ResourceNotFoundException{}})
		}, stubber.InvalidResponse, `stubber: AddError("GetObject"): s3.GetObjectInput and dynamodb.ResourceNotFoundException are types of two services`},
		{"nil modelled error", func(st *stubber.Stubber) {
			st.AddError("GetObject", nil, &goto3.APIError{Modeled: (*s3.NoSuchKey)(nil)})
		}, stubber.InvalidResponse, `stubber: AddError("GetObject"): Modeled is a nil *s3.NoSuchKey`},
		{"nil error", func(st *stubber.Stubber) { st.AddError("GetObject", nil, nil) },
			stubber.InvalidResponse, `stubber: AddError("GetObject"): a nil error`},
		{"no operation", func(st *stubber.Stubber) { st.AddResponse("", nil, nil) },
			stubber.InvalidResponse, `stubber: AddResponse without an operation name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := stubber.New()
			func() {
				defer func() {
					se, ok := recover().(*stubber.Error)
					if !ok || se.Kind != tt.kind || se.Error() != tt.want {
						t.Errorf("got panic %v\nwant %s (%v)", se, tt.want, tt.kind)
					}
				}()
				tt.add(st)
			}()
			ft := &fakeT{}
			st = stubber.NewT(ft)
			tt.add(st)
			if len(ft.fatals) != 1 || ft.fatals[0] != tt.want {
				t.Errorf("NewT: got fatal errors %q, want %q", ft.fatals, tt.want)
			}
			if st.Pending() != 0 {
				t.Errorf("got %d pending, want none queued", st.Pending())
			}
		})
	}
}

func TestNewT(t *testing.T) {
	ft := &fakeT{}
	st := stubber.NewT(ft)
	st.AddResponse("ListBuckets", nil, nil)
	st.AddResponse("HeadBucket", nil, nil)
	c := newS3(t, st)
	_, _ = c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "b"}) // refused: swallowed by the code under test
	if _, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range ft.cleanups {
		f()
	}
	want := "stubber: 1 expected call was not made: #2 HeadBucket; 1 call was refused:\n\ts3: HeadBucket: stubber: operation mismatch: called S3 HeadBucket, the next expected call is #1 ListBuckets"
	if len(ft.errs) != 1 || ft.errs[0] != want {
		t.Errorf("got %q\nwant %q", ft.errs, want)
	}

	// Nothing pending, but a call was refused.
	ft = &fakeT{}
	st = stubber.NewT(ft)
	_, _ = newS3(t, st).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "b"})
	for _, f := range ft.cleanups {
		f()
	}
	if len(ft.errs) != 1 || !strings.HasPrefix(ft.errs[0], "stubber: 1 call was refused:\n\ts3: HeadBucket: stubber: unexpected call") {
		t.Errorf("got %q", ft.errs)
	}

	// All well.
	ft = &fakeT{}
	stubber.NewT(ft)
	for _, f := range ft.cleanups {
		f()
	}
	if len(ft.errs) != 0 {
		t.Errorf("got %q", ft.errs)
	}
}

// TestZeroValue: the zero Stubber works, in order, given through Options.
func TestZeroValue(t *testing.T) {
	var st stubber.Stubber
	st.AddResponse("ListBuckets", nil, nil)
	c, err := s3.New(goto3.Config{Region: "us-west-2"}, func(o *s3.Options) { o.Stubber = &st })
	if err != nil {
		t.Fatal(err)
	}
	// No credentials are needed.
	if _, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
		t.Fatal(err)
	}
}
