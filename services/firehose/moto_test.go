package firehose_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/firehose"
	"github.com/goto3/goto3/services/s3"
)

// Firehose against moto: a DirectPut delivery stream to an S3 bucket,
// PutRecord and PutRecordBatch with binary data (moto writes each call's
// records to an object at once, where Firehose buffers; the objects hold
// exactly the bytes sent), describe, list and delete, and the modelled
// ResourceNotFoundException and ResourceInUseException.

func motoClients(t *testing.T) (*firehose.Client, *s3.Client) {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := firehose.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	s, err := s3.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

func TestMotoDeliveryStreamToS3(t *testing.T) {
	c, s := motoClients(t)
	ctx := context.Background()
	name := testpeer.BucketName(t)
	if _, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: name}); err != nil {
		t.Fatal(err)
	}
	created, err := c.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
		DeliveryStreamName: name, DeliveryStreamType: goto3.Ptr(firehose.DeliveryStreamTypeDirectPut),
		ExtendedS3DestinationConfiguration: &firehose.ExtendedS3DestinationConfiguration{
			RoleARN: "arn:aws:iam::123456789012:role/firehose", BucketARN: "arn:aws:s3:::" + name, Prefix: goto3.Ptr("records/"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.DeliveryStreamARN == nil {
		t.Fatal("no ARN")
	}
	desc, err := c.DescribeDeliveryStream(ctx, &firehose.DescribeDeliveryStreamInput{DeliveryStreamName: name})
	if err != nil {
		t.Fatal(err)
	}
	d := desc.DeliveryStreamDescription
	if d == nil || d.DeliveryStreamARN != *created.DeliveryStreamARN || d.DeliveryStreamStatus != firehose.DeliveryStreamStatusActive ||
		d.DeliveryStreamType != firehose.DeliveryStreamTypeDirectPut || len(d.Destinations) != 1 || d.CreateTimestamp == nil {
		t.Fatalf("DescribeDeliveryStream: %+v", d)
	}

	one := []byte("first record \x00\xff\n")
	rec, err := c.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: name, Record: &firehose.Record{Data: one}})
	if err != nil || rec.RecordId == "" {
		t.Fatalf("PutRecord: %+v, %v", rec, err)
	}
	var batch []firehose.Record
	var joined []byte
	for i := range 5 {
		b := []byte(fmt.Sprintf(`{"n":%d,"bin":"%s"}`+"\n", i, []byte{byte(0x80 + i)}))
		batch = append(batch, firehose.Record{Data: b})
		joined = append(joined, b...)
	}
	out, err := c.PutRecordBatch(ctx, &firehose.PutRecordBatchInput{DeliveryStreamName: name, Records: batch})
	if err != nil {
		t.Fatal(err)
	}
	if out.FailedPutCount != 0 || len(out.RequestResponses) != 5 || out.RequestResponses[0].RecordId == nil {
		t.Fatalf("PutRecordBatch: %+v", out)
	}

	// What reached the bucket: one object per call.
	var objects [][]byte
	for o, err := range s.ListObjectsV2Items(ctx, &s3.ListObjectsV2Input{Bucket: name, Prefix: goto3.Ptr("records/")}) {
		if err != nil {
			t.Fatal(err)
		}
		g, err := s.GetObject(ctx, &s3.GetObjectInput{Bucket: name, Key: *o.Key})
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(g.Body)
		g.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		objects = append(objects, b)
	}
	if len(objects) != 2 || !slices.ContainsFunc(objects, func(b []byte) bool { return bytes.Equal(b, one) }) ||
		!slices.ContainsFunc(objects, func(b []byte) bool { return bytes.Equal(b, joined) }) {
		t.Errorf("objects %q, want %q and %q", objects, one, joined)
	}

	list, err := c.ListDeliveryStreams(ctx, &firehose.ListDeliveryStreamsInput{Limit: goto3.Ptr(int32(100))})
	if err != nil || !slices.Contains(list.DeliveryStreamNames, name) {
		t.Errorf("ListDeliveryStreams: %+v, %v", list, err)
	}

	_, err = c.CreateDeliveryStream(ctx, &firehose.CreateDeliveryStreamInput{
		DeliveryStreamName: name,
		ExtendedS3DestinationConfiguration: &firehose.ExtendedS3DestinationConfiguration{
			RoleARN: "arn:aws:iam::123456789012:role/firehose", BucketARN: "arn:aws:s3:::" + name,
		},
	})
	var inUse *firehose.ResourceInUseException
	if !errors.As(err, &inUse) || goto3.ErrorCode(err) != "ResourceInUseException" {
		t.Errorf("got %v, want ResourceInUseException", err)
	}
	if _, err := c.DeleteDeliveryStream(ctx, &firehose.DeleteDeliveryStreamInput{DeliveryStreamName: name}); err != nil {
		t.Fatal(err)
	}
	_, err = c.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: name, Record: &firehose.Record{Data: one}})
	var nf *firehose.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("got %v, want *firehose.ResourceNotFoundException", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "ResourceNotFoundException" || api.StatusCode != 400 {
		t.Errorf("APIError %+v", api)
	}
}
