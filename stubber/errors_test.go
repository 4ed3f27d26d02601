package stubber_test

import (
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/ec2"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/ses"
	"github.com/goto3/goto3/services/sqs"
	"github.com/goto3/goto3/stubber"
)

// wire is an HTTP answer a real client decodes.
type wire struct {
	status int
	header map[string]string
	body   string
}

func (w wire) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	h := http.Header{}
	for k, v := range w.header {
		h.Set(k, v)
	}
	return &http.Response{StatusCode: w.status, Header: h, Body: io.NopCloser(strings.NewReader(w.body)),
		ContentLength: int64(len(w.body)), Request: req}, nil
}

// realConfig is the Config of a client that receives answer.
func realConfig(answer wire) goto3.Config {
	return goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""),
		HTTPClient: &http.Client{Transport: answer}, RetryMaxAttempts: 1}
}

// TestErrorsAsReal: an error queued with AddError surfaces exactly as the
// same error answer of the service does through a real client, for each
// protocol: the same message, the same *goto3.APIError fields, the same
// modelled error value.
func TestErrorsAsReal(t *testing.T) {
	tests := []struct {
		name   string
		answer wire
		queued *goto3.APIError
		// call makes the operation through a client of cfg.
		call func(cfg goto3.Config) error
		// modeled is a pointer to a variable of the modelled error type,
		// nil when the code has none.
		modeled any
	}{
		{
			name: "rest-xml s3 NoSuchKey",
			answer: wire{404, map[string]string{"X-Amz-Request-Id": "R1", "X-Amz-Id-2": "H1", "Content-Type": "application/xml"},
				`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key><RequestId>R1</RequestId><HostId>H1</HostId></Error>`},
			queued: &goto3.APIError{Code: "NoSuchKey", Message: "The specified key does not exist.", StatusCode: 404, RequestID: "R1", HostID: "H1"},
			call: func(cfg goto3.Config) error {
				c, err := s3.New(cfg)
				if err == nil {
					_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: "amzn-s3-demo-bucket", Key: "k"})
				}
				return err
			},
			modeled: new(*s3.NoSuchKey),
		},
		{
			name:   "rest-xml s3 HeadObject 404 without a body",
			answer: wire{404, map[string]string{"X-Amz-Request-Id": "R1", "X-Amz-Id-2": "H1"}, ""},
			queued: &goto3.APIError{StatusCode: 404, RequestID: "R1", HostID: "H1"},
			call: func(cfg goto3.Config) error {
				c, err := s3.New(cfg)
				if err == nil {
					_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: "amzn-s3-demo-bucket", Key: "k"})
				}
				return err
			},
		},
		{
			name: "rest-xml s3 AccessDenied from another operation",
			answer: wire{403, map[string]string{"X-Amz-Request-Id": "R1"},
				`<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>`},
			queued: &goto3.APIError{Code: "AccessDenied", Message: "Access Denied", StatusCode: 403, RequestID: "R1"},
			call: func(cfg goto3.Config) error {
				c, err := s3.New(cfg)
				if err == nil {
					_, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: "amzn-s3-demo-bucket"})
				}
				return err
			},
			modeled: new(*s3.AccessDenied),
		},
		{
			name: "rest-xml s3 unmodelled",
			answer: wire{400, map[string]string{"X-Amz-Request-Id": "R1"},
				`<Error><Code>InvalidArgument</Code><Message>Invalid Argument</Message><RequestId>R1</RequestId></Error>`},
			queued: &goto3.APIError{Code: "InvalidArgument", Message: "Invalid Argument", RequestID: "R1"},
			call: func(cfg goto3.Config) error {
				c, err := s3.New(cfg)
				if err == nil {
					_, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: "amzn-s3-demo-bucket"})
				}
				return err
			},
		},
		{
			name: "json dynamodb ConditionalCheckFailedException",
			answer: wire{400, map[string]string{"X-Amzn-Requestid": "R2", "Content-Type": "application/x-amz-json-1.0"},
				`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}`},
			queued: &goto3.APIError{Code: "ConditionalCheckFailedException", Message: "The conditional request failed", StatusCode: 400, RequestID: "R2"},
			call: func(cfg goto3.Config) error {
				c, err := dynamodb.New(cfg)
				if err == nil {
					_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: "t", Item: map[string]dynamodb.AttributeValue{"pk": str("a")},
						ConditionExpression: goto3.Ptr("attribute_not_exists(pk)")})
				}
				return err
			},
			modeled: new(*dynamodb.ConditionalCheckFailedException),
		},
		{
			name: "json dynamodb modelled fields",
			answer: wire{400, map[string]string{"X-Amzn-Requestid": "R2"},
				`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"a"},"n":{"N":"1"}}}`},
			queued: &goto3.APIError{Message: "The conditional request failed", RequestID: "R2",
				Modeled: &dynamodb.ConditionalCheckFailedException{Item: map[string]dynamodb.AttributeValue{"pk": str("a"), "n": {N: goto3.Ptr("1")}}}},
			call: func(cfg goto3.Config) error {
				c, err := dynamodb.New(cfg)
				if err == nil {
					_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: "t", Item: map[string]dynamodb.AttributeValue{"pk": str("a")},
						ReturnValuesOnConditionCheckFailure: goto3.Ptr(dynamodb.ReturnValuesOnConditionCheckFailureAllOld)})
				}
				return err
			},
			modeled: new(*dynamodb.ConditionalCheckFailedException),
		},
		{
			name: "json sqs query-compatible QueueDoesNotExist",
			answer: wire{400, map[string]string{"X-Amzn-Requestid": "R3", "X-Amzn-Query-Error": "AWS.SimpleQueueService.NonExistentQueue;Sender"},
				`{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}`},
			queued: &goto3.APIError{Code: "AWS.SimpleQueueService.NonExistentQueue", Message: "The specified queue does not exist.", RequestID: "R3",
				Modeled: &sqs.QueueDoesNotExist{}},
			call: func(cfg goto3.Config) error {
				c, err := sqs.New(cfg)
				if err == nil {
					_, err = c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: "q"})
				}
				return err
			},
			modeled: new(*sqs.QueueDoesNotExist),
		},
		{
			name: "query ses TemplateDoesNotExist",
			answer: wire{400, map[string]string{"X-Amzn-Requestid": "R4"},
				`<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>TemplateDoesNotExist</Code><Message>Template t does not exist.</Message><TemplateName>t</TemplateName></Error><RequestId>R4</RequestId></ErrorResponse>`},
			queued: &goto3.APIError{Code: "TemplateDoesNotExist", Message: "Template t does not exist.", RequestID: "R4",
				Modeled: &ses.TemplateDoesNotExistException{TemplateName: goto3.Ptr("t")}},
			call: func(cfg goto3.Config) error {
				c, err := ses.New(cfg)
				if err == nil {
					_, err = c.GetTemplate(ctx, &ses.GetTemplateInput{TemplateName: "t"})
				}
				return err
			},
			modeled: new(*ses.TemplateDoesNotExistException),
		},
		{
			name: "ec2 InvalidInstanceID.NotFound",
			answer: wire{400, nil,
				`<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1' does not exist</Message></Error></Errors><RequestID>R5</RequestID></Response>`},
			queued: &goto3.APIError{Code: "InvalidInstanceID.NotFound", Message: "The instance ID 'i-1' does not exist", RequestID: "R5"},
			call: func(cfg goto3.Config) error {
				c, err := ec2.New(cfg)
				if err == nil {
					_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"i-1"}})
				}
				return err
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			real := tt.call(realConfig(tt.answer))
			st := stubber.New()
			st.AddError(operationOf(t, real), nil, tt.queued)
			stubbed := tt.call(st.Config())
			if real == nil || stubbed == nil {
				t.Fatalf("got %v and %v, want errors", real, stubbed)
			}
			if real.Error() != stubbed.Error() {
				t.Errorf("messages differ:\nreal    %s\nstubbed %s", real, stubbed)
			}
			var ra, sa *goto3.APIError
			if !errors.As(real, &ra) || !errors.As(stubbed, &sa) {
				t.Fatalf("got %T and %T, want *goto3.APIError inside both", real, stubbed)
			}
			type fields struct {
				Code, Message, RequestID, HostID, Operation string
				StatusCode, Attempts                        int
				RetriesExhausted                            bool
			}
			f := func(a *goto3.APIError) fields {
				return fields{a.Code, a.Message, a.RequestID, a.HostID, a.Operation, a.StatusCode, a.Attempts, a.RetriesExhausted}
			}
			if f(ra) != f(sa) {
				t.Errorf("APIError fields differ:\nreal    %+v\nstubbed %+v", f(ra), f(sa))
			}
			if goto3.ErrorCode(real) != goto3.ErrorCode(stubbed) {
				t.Errorf("ErrorCode: real %q, stubbed %q", goto3.ErrorCode(real), goto3.ErrorCode(stubbed))
			}
			if tt.modeled == nil {
				if ra.Modeled != nil || sa.Modeled != nil {
					t.Errorf("Modeled: real %v, stubbed %v, want none", ra.Modeled, sa.Modeled)
				}
				return
			}
			target := reflect.ValueOf(tt.modeled)
			if !errors.As(real, tt.modeled) {
				t.Fatalf("errors.As(real, %T) fails", tt.modeled)
			}
			realModeled := target.Elem().Interface()
			target.Elem().SetZero()
			if !errors.As(stubbed, tt.modeled) {
				t.Fatalf("errors.As(stubbed, %T) fails", tt.modeled)
			}
			if got := target.Elem().Interface(); !reflect.DeepEqual(got, realModeled) {
				t.Errorf("modelled errors differ:\nreal    %+v\nstubbed %+v", realModeled, got)
			}
			if err := st.AssertNoPending(); err != nil {
				t.Error(err)
			}
		})
	}
}

// operationOf returns the operation named by err's *goto3.OperationError.
func operationOf(t *testing.T, err error) string {
	t.Helper()
	var oe *goto3.OperationError
	if !errors.As(err, &oe) {
		t.Fatalf("got %v, want a *goto3.OperationError", err)
	}
	return oe.Operation
}

// TestErrorDefaults: the status and code a queued error leaves out.
func TestErrorDefaults(t *testing.T) {
	tests := []struct {
		name            string
		queued          *goto3.APIError
		wantCode        string
		wantStatus      int
		wantMsg         string
		wantMessageProp *string // the modelled error's Message
	}{
		{"code only", &goto3.APIError{Code: "InternalServerError"}, "InternalServerError", 400, "", nil},
		{"modelled status", &goto3.APIError{Code: "ResourceNotFoundException", Message: "no table"}, "ResourceNotFoundException", 400, "no table", goto3.Ptr("no table")},
		{"modelled value", &goto3.APIError{Modeled: &dynamodb.TransactionConflictException{Message: goto3.Ptr("own")}, Message: "m"}, "TransactionConflictException", 400, "m", goto3.Ptr("own")},
		{"nothing", &goto3.APIError{StatusCode: 503}, "503", 503, "Service Unavailable", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := stubber.New()
			st.AddError("DescribeTable", nil, tt.queued)
			_, err := newDynamoDB(t, st).DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: "t"})
			var api *goto3.APIError
			if !errors.As(err, &api) {
				t.Fatalf("got %v", err)
			}
			if api.Code != tt.wantCode || api.StatusCode != tt.wantStatus || api.Message != tt.wantMsg || api.Operation != "DescribeTable" || api.Attempts != 1 {
				t.Errorf("got %+v", api)
			}
			if tt.wantMessageProp != nil {
				var msg *string
				switch m := api.Modeled.(type) {
				case *dynamodb.ResourceNotFoundException:
					msg = m.Message
				case *dynamodb.TransactionConflictException:
					msg = m.Message
				}
				if msg == nil || *msg != *tt.wantMessageProp {
					t.Errorf("got modelled %#v, want its Message %q", api.Modeled, *tt.wantMessageProp)
				}
			}
		})
	}
	// The queued value is not changed by a call.
	queued := &dynamodb.ResourceNotFoundException{}
	st := stubber.New()
	st.AddError("DescribeTable", nil, &goto3.APIError{Message: "m", Modeled: queued})
	_, _ = newDynamoDB(t, st).DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: "t"})
	if queued.Message != nil {
		t.Error("the queued modelled error was changed")
	}
}
