package stubber_test

import (
	"errors"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/ec2"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/stubber"
)

func objects(keys ...string) []s3.Object {
	var l []s3.Object
	for _, k := range keys {
		l = append(l, s3.Object{Key: goto3.Ptr(k), Size: goto3.Ptr(int64(len(k)))})
	}
	return l
}

// TestPaginator: each page is a queued response, its input carrying the
// previous page's token.
func TestPaginator(t *testing.T) {
	st := stubber.New()
	st.AddResponse("ListObjectsV2", &s3.ListObjectsV2Input{Bucket: "b", Prefix: goto3.Ptr("logs/")},
		&s3.ListObjectsV2Output{Contents: objects("logs/1", "logs/2"), IsTruncated: goto3.Ptr(true), NextContinuationToken: goto3.Ptr("t1")})
	st.AddResponse("ListObjectsV2", &s3.ListObjectsV2Input{Bucket: "b", Prefix: goto3.Ptr("logs/"), ContinuationToken: goto3.Ptr("t1")},
		&s3.ListObjectsV2Output{Contents: objects("logs/3"), IsTruncated: goto3.Ptr(false)})
	c := newS3(t, st)
	var keys []string
	for obj, err := range c.ListObjectsV2Items(ctx, &s3.ListObjectsV2Input{Bucket: "b", Prefix: goto3.Ptr("logs/")}) {
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, *obj.Key)
	}
	if len(keys) != 3 || keys[2] != "logs/3" {
		t.Errorf("got %q", keys)
	}
	if err := st.AssertNoPending(); err != nil {
		t.Error(err)
	}

	// MaxItems and a resume token over stubbed pages; search.
	st.AddResponse("ListObjectsV2", &s3.ListObjectsV2Input{Bucket: "b", MaxKeys: goto3.Ptr(int32(2))},
		&s3.ListObjectsV2Output{Contents: objects("a", "bb"), IsTruncated: goto3.Ptr(true), NextContinuationToken: goto3.Ptr("t1")})
	p := c.ListObjectsV2Paginator(&s3.ListObjectsV2Input{Bucket: "b"})
	p.MaxItems, p.PageSize = 1, 2
	var n int
	for _, err := range p.Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 || p.ResumeToken() == "" {
		t.Errorf("got %d items and resume token %q", n, p.ResumeToken())
	}
	st.AddResponse("ListObjectsV2", nil, &s3.ListObjectsV2Output{Contents: objects("a", "bb", "ccc")})
	var found []any
	for v, err := range c.ListObjectsV2Paginator(&s3.ListObjectsV2Input{Bucket: "b"}).Search(ctx, "Contents[?Size > `1`].Key") {
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, v)
	}
	if len(found) != 2 || found[1] != "ccc" {
		t.Errorf("got %v", found)
	}
	if err := st.AssertNoPending(); err != nil {
		t.Error(err)
	}
}

// TestPaginatorMapToken: DynamoDB's key token is compared deeply.
func TestPaginatorMapToken(t *testing.T) {
	st := stubber.New()
	last := map[string]dynamodb.AttributeValue{"pk": str("c#1"), "sk": str("o#2")}
	in := &dynamodb.QueryInput{TableName: "orders", KeyConditionExpression: goto3.Ptr("pk = :pk"),
		ExpressionAttributeValues: map[string]dynamodb.AttributeValue{":pk": str("c#1")}}
	st.AddResponse("Query", in, &dynamodb.QueryOutput{Items: []map[string]dynamodb.AttributeValue{{"sk": str("o#1")}, {"sk": str("o#2")}}, LastEvaluatedKey: last})
	in2 := *in
	in2.ExclusiveStartKey = map[string]dynamodb.AttributeValue{"pk": str("c#1"), "sk": str("o#2")}
	st.AddResponse("Query", &in2, &dynamodb.QueryOutput{Items: []map[string]dynamodb.AttributeValue{{"sk": str("o#3")}}})
	var got []string
	for item, err := range newDynamoDB(t, st).QueryItems(ctx, in) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *item["sk"].S)
	}
	if len(got) != 3 {
		t.Errorf("got %q", got)
	}
}

func TestWaiters(t *testing.T) {
	start := time.Now()
	t.Run("s3 ObjectExists", func(t *testing.T) {
		st := stubber.New()
		in := &s3.HeadObjectInput{Bucket: "b", Key: "k"}
		notFound := &goto3.APIError{Code: "NotFound", StatusCode: 404}
		st.AddError("HeadObject", in, notFound)
		st.AddError("HeadObject", in, notFound)
		st.AddResponse("HeadObject", in, &s3.HeadObjectOutput{})
		if err := newS3(t, st).WaitUntilObjectExists(ctx, in); err != nil {
			t.Fatal(err)
		}
		if err := st.AssertNoPending(); err != nil {
			t.Error(err)
		}
	})
	t.Run("s3 timeout", func(t *testing.T) {
		st := stubber.New()
		for range 3 {
			st.AddError("HeadBucket", nil, &goto3.APIError{Code: "NotFound", StatusCode: 404})
		}
		w := newS3(t, st).BucketExistsWaiter()
		w.MaxAttempts = 3
		err := w.Wait(ctx, &s3.HeadBucketInput{Bucket: "b"})
		var te *goto3.WaiterTimeoutError
		if !errors.As(err, &te) || te.Attempts != 3 || te.Elapsed < 10*time.Second {
			t.Errorf("got %v, want a timeout after 3 attempts and 10 s or more of the wait's clock", err)
		}
	})
	t.Run("ec2 InstanceRunning", func(t *testing.T) {
		st := stubber.New()
		in := &ec2.DescribeInstancesInput{InstanceIds: []string{"i-1"}}
		state := func(s ec2.InstanceStateName) *ec2.DescribeInstancesOutput {
			return &ec2.DescribeInstancesOutput{Reservations: []ec2.Reservation{{Instances: []ec2.Instance{{InstanceId: goto3.Ptr("i-1"), State: &ec2.InstanceState{Name: &s}}}}}}
		}
		st.AddError("DescribeInstances", in, &goto3.APIError{Code: "InvalidInstanceID.NotFound", Message: "The instance ID 'i-1' does not exist"})
		st.AddResponse("DescribeInstances", in, state(ec2.InstanceStateNamePending))
		st.AddResponse("DescribeInstances", in, state(ec2.InstanceStateNameRunning))
		c, err := ec2.New(st.Config())
		if err != nil {
			t.Fatal(err)
		}
		if err := c.WaitUntilInstanceRunning(ctx, in); err != nil {
			t.Fatal(err)
		}
		st.AddResponse("DescribeInstances", in, state(ec2.InstanceStateNameTerminated))
		err = c.WaitUntilInstanceRunning(ctx, in)
		var fe *goto3.WaiterFailureError
		if !errors.As(err, &fe) || fe.Attempts != 1 {
			t.Errorf("got %v, want a failure at once", err)
		}
	})
	t.Run("dynamodb TableExists", func(t *testing.T) {
		st := stubber.New()
		st.AddError("DescribeTable", nil, &goto3.APIError{Code: "ResourceNotFoundException", Message: "Requested resource not found"})
		st.AddResponse("DescribeTable", nil, &dynamodb.DescribeTableOutput{Table: &dynamodb.TableDescription{TableStatus: goto3.Ptr(dynamodb.TableStatusCreating)}})
		st.AddResponse("DescribeTable", nil, &dynamodb.DescribeTableOutput{Table: &dynamodb.TableDescription{TableStatus: goto3.Ptr(dynamodb.TableStatusActive)}})
		if err := newDynamoDB(t, st).WaitUntilTableExists(ctx, &dynamodb.DescribeTableInput{TableName: "t"}); err != nil {
			t.Fatal(err)
		}
	})
	// The model's delays (5 s, 15 s, 20 s) took no time.
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the waits took %v", d)
	}
}
