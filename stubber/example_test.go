package stubber_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/stubber"
)

// readSetting is code under test: it reads an object, "default" when the
// key does not exist.
func readSetting(ctx context.Context, c *s3.Client, key string) (string, error) {
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "settings", Key: key})
	var nsk *s3.NoSuchKey
	if errors.As(err, &nsk) {
		return "default", nil
	}
	if err != nil {
		return "", err
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	return string(b), err
}

// Stubbing S3: a GetObject answered with a body, one failing with NoSuchKey
// as S3 would, and a HeadObject of a missing key (a 404 without a body).
func Example() {
	st := stubber.New()
	st.AddResponse("GetObject", &s3.GetObjectInput{Bucket: "settings", Key: "color"},
		&s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader("blue"))})
	st.AddError("GetObject", &s3.GetObjectInput{Bucket: "settings", Key: "size"},
		&goto3.APIError{Code: "NoSuchKey", Message: "The specified key does not exist.", StatusCode: 404})
	st.AddError("HeadObject", &s3.HeadObjectInput{Bucket: "settings", Key: "size"},
		&goto3.APIError{StatusCode: 404})

	client, err := s3.New(st.Config()) // or func(o *s3.Options) { o.Stubber = st }
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	fmt.Println(readSetting(ctx, client, "color"))
	fmt.Println(readSetting(ctx, client, "size"))
	_, err = client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: "settings", Key: "size"})
	fmt.Println(err)
	fmt.Println("code:", goto3.ErrorCode(err))
	fmt.Println("pending:", st.AssertNoPending())
	// Output:
	// blue <nil>
	// default <nil>
	// s3: HeadObject: An error occurred (404) when calling the HeadObject operation: Not Found (status 404)
	// code: 404
	// pending: <nil>
}

// Stubbing DynamoDB: a GetItem, and a PutItem whose condition fails with
// the modelled error, its Item (ReturnValuesOnConditionCheckFailure)
// included.
func Example_dynamoDB() {
	st := stubber.New()
	key := map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr("user#1")}}
	st.AddResponse("GetItem", &dynamodb.GetItemInput{TableName: "users", Key: key},
		&dynamodb.GetItemOutput{Item: map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr("user#1")}, "name": {S: goto3.Ptr("Ann")}}})
	st.AddError("PutItem", nil, &goto3.APIError{
		Message: "The conditional request failed",
		Modeled: &dynamodb.ConditionalCheckFailedException{Item: map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr("user#1")}}},
	})

	db, err := dynamodb.New(st.Config())
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	got, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: "users", Key: key})
	if err != nil {
		panic(err)
	}
	fmt.Println("name:", *got.Item["name"].S)

	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: "users", Item: key, ConditionExpression: goto3.Ptr("attribute_not_exists(pk)")})
	var ccf *dynamodb.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		fmt.Println("exists:", *ccf.Item["pk"].S, "-", *ccf.Message)
	}
	var api *goto3.APIError
	if errors.As(err, &api) {
		fmt.Println(api.Code, api.StatusCode)
	}
	// Output:
	// name: Ann
	// exists: user#1 - The conditional request failed
	// ConditionalCheckFailedException 400
}

// A paginator over two stubbed pages: each page is one queued call, whose
// input carries the previous page's token.
func Example_paginator() {
	st := stubber.New()
	page := func(token *string, keys ...string) *s3.ListObjectsV2Output {
		out := &s3.ListObjectsV2Output{IsTruncated: goto3.Ptr(token != nil), NextContinuationToken: token}
		for _, k := range keys {
			out.Contents = append(out.Contents, s3.Object{Key: goto3.Ptr(k)})
		}
		return out
	}
	st.AddResponse("ListObjectsV2", &s3.ListObjectsV2Input{Bucket: "logs"}, page(goto3.Ptr("token-1"), "a.log", "b.log"))
	st.AddResponse("ListObjectsV2", &s3.ListObjectsV2Input{Bucket: "logs", ContinuationToken: goto3.Ptr("token-1")}, page(nil, "c.log"))

	client, err := s3.New(st.Config())
	if err != nil {
		panic(err)
	}
	for obj, err := range client.ListObjectsV2Items(context.Background(), &s3.ListObjectsV2Input{Bucket: "logs"}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(*obj.Key)
	}
	fmt.Println("pending:", st.Pending())
	// Output:
	// a.log
	// b.log
	// c.log
	// pending: 0
}

// A waiter polls the stubber without sleeping: two 404s, then the object
// exists.
func Example_waiter() {
	st := stubber.New()
	in := &s3.HeadObjectInput{Bucket: "b", Key: "report.csv"}
	st.AddError("HeadObject", in, &goto3.APIError{StatusCode: 404})
	st.AddError("HeadObject", in, &goto3.APIError{StatusCode: 404})
	st.AddResponse("HeadObject", in, &s3.HeadObjectOutput{ContentLength: goto3.Ptr(int64(42))})

	client, err := s3.New(st.Config())
	if err != nil {
		panic(err)
	}
	err = client.WaitUntilObjectExists(context.Background(), in) // the model's 5 s delays pass at once
	fmt.Println(err, st.Pending())
	// Output:
	// <nil> 0
}

// A call that is not the expected one fails with what differs; what was
// never called is reported by AssertNoPending.
func ExampleStubber_AssertNoPending() {
	st := stubber.New()
	st.AddResponse("GetObject", &s3.GetObjectInput{Bucket: "b", Key: "a.txt"}, nil)
	st.AddResponse("DeleteObject", nil, nil)

	client, err := s3.New(st.Config())
	if err != nil {
		panic(err)
	}
	_, err = client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: "b", Key: "b.txt"})
	fmt.Println(err)
	fmt.Println(st.AssertNoPending())
	// Output:
	// s3: GetObject: stubber: the input of GetObject differs from expected call #1 GetObject (s3):
	// 	Key: got "b.txt", want "a.txt"
	// stubber: 2 expected calls were not made: #1 GetObject (s3), #2 DeleteObject; 1 call was refused:
	// 	s3: GetObject: stubber: the input of GetObject differs from expected call #1 GetObject (s3):
	// 		Key: got "b.txt", want "a.txt"
}

// Ignore compares all but some members: botocore's stub.ANY.
func ExampleIgnore() {
	st := stubber.New()
	st.AddResponse("PutObject", stubber.Ignore(&s3.PutObjectInput{Bucket: "b", Key: "upload.bin"}, "Body", "ContentLength"),
		&s3.PutObjectOutput{ETag: goto3.Ptr(`"9b2cf535f27731c974343645a3985328"`)})

	client, err := s3.New(st.Config())
	if err != nil {
		panic(err)
	}
	out, err := client.PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: "b", Key: "upload.bin", Body: strings.NewReader("any content"), ContentLength: goto3.Ptr(int64(11)),
	})
	fmt.Println(*out.ETag, err)
	// Output:
	// "9b2cf535f27731c974343645a3985328" <nil>
}

// Concurrent code calls in an order of its own: InAnyOrder lets each call
// take the pending expectation its input matches.
func ExampleInAnyOrder() {
	st := stubber.New(stubber.InAnyOrder)
	for _, k := range []string{"a", "b", "c"} {
		st.AddResponse("DeleteObject", &s3.DeleteObjectInput{Bucket: "b", Key: k}, nil)
	}
	client, err := s3.New(st.Config())
	if err != nil {
		panic(err)
	}
	done := make(chan error)
	for _, k := range []string{"c", "a", "b"} {
		go func() {
			_, err := client.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: "b", Key: k})
			done <- err
		}()
	}
	for range 3 {
		if err := <-done; err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(st.AssertNoPending())
	// Output:
	// <nil>
}
