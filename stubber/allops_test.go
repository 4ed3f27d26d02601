package stubber_test

import (
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/acm"
	"github.com/goto3/goto3/services/apigateway"
	"github.com/goto3/goto3/services/athena"
	"github.com/goto3/goto3/services/autoscaling"
	"github.com/goto3/goto3/services/bedrock"
	"github.com/goto3/goto3/services/bedrockruntime"
	"github.com/goto3/goto3/services/cloudformation"
	"github.com/goto3/goto3/services/cloudfront"
	"github.com/goto3/goto3/services/cloudwatch"
	"github.com/goto3/goto3/services/cognitoidp"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/ec2"
	"github.com/goto3/goto3/services/ecr"
	"github.com/goto3/goto3/services/ecs"
	"github.com/goto3/goto3/services/eks"
	"github.com/goto3/goto3/services/elbv2"
	"github.com/goto3/goto3/services/events"
	"github.com/goto3/goto3/services/firehose"
	"github.com/goto3/goto3/services/glue"
	"github.com/goto3/goto3/services/iam"
	"github.com/goto3/goto3/services/kinesis"
	"github.com/goto3/goto3/services/kms"
	"github.com/goto3/goto3/services/lambda"
	"github.com/goto3/goto3/services/logs"
	"github.com/goto3/goto3/services/rds"
	"github.com/goto3/goto3/services/route53"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/secretsmanager"
	"github.com/goto3/goto3/services/ses"
	"github.com/goto3/goto3/services/sesv2"
	"github.com/goto3/goto3/services/sns"
	"github.com/goto3/goto3/services/sqs"
	"github.com/goto3/goto3/services/ssm"
	"github.com/goto3/goto3/services/stepfunctions"
	"github.com/goto3/goto3/services/sts"
	"github.com/goto3/goto3/stubber"
)

// everyService makes a client of each generated service.
var everyService = []struct {
	name string
	new  func(goto3.Config) (any, error)
}{
	{"acm", func(c goto3.Config) (any, error) { return acm.New(c) }},
	{"apigateway", func(c goto3.Config) (any, error) { return apigateway.New(c) }},
	{"athena", func(c goto3.Config) (any, error) { return athena.New(c) }},
	{"autoscaling", func(c goto3.Config) (any, error) { return autoscaling.New(c) }},
	{"bedrock", func(c goto3.Config) (any, error) { return bedrock.New(c) }},
	{"bedrockruntime", func(c goto3.Config) (any, error) { return bedrockruntime.New(c) }},
	{"cloudformation", func(c goto3.Config) (any, error) { return cloudformation.New(c) }},
	{"cloudfront", func(c goto3.Config) (any, error) { return cloudfront.New(c) }},
	{"cloudwatch", func(c goto3.Config) (any, error) { return cloudwatch.New(c) }},
	{"cognitoidp", func(c goto3.Config) (any, error) { return cognitoidp.New(c) }},
	{"dynamodb", func(c goto3.Config) (any, error) { return dynamodb.New(c) }},
	{"ec2", func(c goto3.Config) (any, error) { return ec2.New(c) }},
	{"ecr", func(c goto3.Config) (any, error) { return ecr.New(c) }},
	{"ecs", func(c goto3.Config) (any, error) { return ecs.New(c) }},
	{"eks", func(c goto3.Config) (any, error) { return eks.New(c) }},
	{"elbv2", func(c goto3.Config) (any, error) { return elbv2.New(c) }},
	{"events", func(c goto3.Config) (any, error) { return events.New(c) }},
	{"firehose", func(c goto3.Config) (any, error) { return firehose.New(c) }},
	{"glue", func(c goto3.Config) (any, error) { return glue.New(c) }},
	{"iam", func(c goto3.Config) (any, error) { return iam.New(c) }},
	{"kinesis", func(c goto3.Config) (any, error) { return kinesis.New(c) }},
	{"kms", func(c goto3.Config) (any, error) { return kms.New(c) }},
	{"lambda", func(c goto3.Config) (any, error) { return lambda.New(c) }},
	{"logs", func(c goto3.Config) (any, error) { return logs.New(c) }},
	{"rds", func(c goto3.Config) (any, error) { return rds.New(c) }},
	{"route53", func(c goto3.Config) (any, error) { return route53.New(c) }},
	{"s3", func(c goto3.Config) (any, error) { return s3.New(c) }},
	{"secretsmanager", func(c goto3.Config) (any, error) { return secretsmanager.New(c) }},
	{"ses", func(c goto3.Config) (any, error) { return ses.New(c) }},
	{"sesv2", func(c goto3.Config) (any, error) { return sesv2.New(c) }},
	{"sns", func(c goto3.Config) (any, error) { return sns.New(c) }},
	{"sqs", func(c goto3.Config) (any, error) { return sqs.New(c) }},
	{"ssm", func(c goto3.Config) (any, error) { return ssm.New(c) }},
	{"stepfunctions", func(c goto3.Config) (any, error) { return stepfunctions.New(c) }},
	{"sts", func(c goto3.Config) (any, error) { return sts.New(c) }},
}

// TestEveryOperation stubs every operation of every generated service: each
// client method's input and output types are the operation's
// (<Op>Input, <Op>Output, which AddResponse checks when queueing); an input
// filled until it passes validation (the members validation names, one at
// a time) is compared deeply with itself, answered with an empty output of
// status 200, then with a service error that surfaces as an
// *goto3.APIError of the operation inside its *goto3.OperationError.
func TestEveryOperation(t *testing.T) {
	total, answered := 0, 0
	for _, svc := range everyService {
		t.Run(svc.name, func(t *testing.T) {
			fwd := &forward{}
			client, err := svc.new(goto3.Config{Region: "us-east-1", Stubber: fwd})
			if err != nil {
				t.Fatal(err)
			}
			cv := reflect.ValueOf(client)
			ops := 0
			for i := 0; i < cv.NumMethod(); i++ {
				m := cv.Type().Method(i)
				mt := m.Type // with the receiver
				if mt.NumIn() != 4 || mt.NumOut() != 2 || !mt.IsVariadic() || mt.In(2).Kind() != reflect.Pointer || mt.Out(0).Kind() != reflect.Pointer ||
					!strings.HasSuffix(mt.Out(0).Elem().Name(), "Output") {
					continue
				}
				in, out := mt.In(2).Elem(), mt.Out(0).Elem()
				if in.Name() != m.Name+"Input" || out.Name() != m.Name+"Output" {
					t.Errorf("%s takes *%s and returns *%s, want *%sInput and *%sOutput", m.Name, in.Name(), out.Name(), m.Name, m.Name)
					continue
				}
				ops++
				fwd.st = stubber.New()
				if stubOperation(t, fwd.st, cv.Method(i), m.Name, in, out) {
					answered++
				}
			}
			if ops == 0 {
				t.Error("found no operation")
			}
			total += ops
		})
	}
	t.Logf("%d operations of %d services; %d answered, the rest refused by validation before the stubber", total, len(everyService), answered)
	if answered < total*99/100 {
		t.Errorf("only %d of %d operations got past validation", answered, total)
	}
}

// forward is a goto3.Stubber answering with st, which changes between
// operations.
type forward struct{ st *stubber.Stubber }

func (f *forward) StubCall(ctx context.Context, call *goto3.StubCall) error {
	return f.st.StubCall(ctx, call)
}

// stubOperation calls the client method call (operation op) with an input
// filled until it passes validation, stubbed with an empty output and then
// with an error; it reports whether the input got past validation.
func stubOperation(t *testing.T, st *stubber.Stubber, call reflect.Value, op string, inT, outT reflect.Type) bool {
	t.Helper()
	in := reflect.New(inT)
	invoke := func() (reflect.Value, error) {
		res := call.Call([]reflect.Value{reflect.ValueOf(ctx), in})
		err, _ := res[1].Interface().(error)
		return res[0], err
	}
	// The empty output is refused when the output shape has required
	// members or unions (as botocore's add_response refuses it): they are
	// filled as the refusals name them, one at a time.
	queued := reflect.New(outT)
	st.AddResponse(op, stubber.Any, queued.Interface())
	var lastIn, lastOut string
	for {
		out, err := invoke()
		var ve *goto3.ValidationError
		if errors.As(err, &ve) {
			if ve.Member == lastIn || !fill(in.Elem(), ve.Member) {
				t.Logf("%s: left at %v", op, err)
				if st.Pending() != 1 || len(st.Refused()) != 0 {
					t.Errorf("%s: an invalid input took an expectation, or was refused", op)
				}
				return false
			}
			lastIn = ve.Member
			continue
		}
		var se *stubber.Error
		if errors.As(err, &se) && se.Kind == stubber.InvalidResponse {
			path, ok := refusedMember(se.Detail)
			if !ok || path == lastOut || !fill(queued.Elem(), path) {
				t.Errorf("%s: cannot make a valid response: %v", op, err)
				return false
			}
			lastOut = path
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", op, err)
			return false
		}
		if md := out.Elem().FieldByName("ResultMetadata"); md.FieldByName("StatusCode").Int() != 200 {
			t.Errorf("%s: got status %d", op, md.FieldByName("StatusCode").Int())
		}
		break
	}
	st.AddError(op, in.Interface(), &goto3.APIError{Code: "StubbedFailure", Message: "stubbed", StatusCode: 500})
	_, err := invoke()
	var api *goto3.APIError
	var oe *goto3.OperationError
	if !errors.As(err, &api) || !errors.As(err, &oe) || api.Operation != op || oe.Operation != op || api.Code != "StubbedFailure" {
		t.Errorf("%s: got %v, want the stubbed APIError inside an OperationError", op, err)
	}
	if err := st.AssertNoPending(); err != nil {
		t.Errorf("%s: %v", op, err)
	}
	return true
}

// refusedMember returns the path of the member a response was refused for
// (a required member missing, or a union's first member when none is set).
func refusedMember(detail string) (string, bool) {
	_, rest, ok := strings.Cut(detail, "output shape: ")
	if !ok {
		return "", false
	}
	if path, ok := strings.CutSuffix(rest, ": missing required member"); ok {
		return path, true
	}
	if path, _, ok := strings.Cut(rest, ": a union ("); ok && strings.HasSuffix(rest, "not 0") {
		return path + ".", true // "." : its first member
	}
	return "", false
}

// fill sets the member at path (a validation error's, of model member
// names joined by dots) of the struct v to a value that is not missing,
// creating the structures on the way; false when it cannot.
func fill(v reflect.Value, path string) bool {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct || strings.Contains(p, "[") {
			return false
		}
		if p == "" && i == len(parts)-1 && i > 0 { // a union's first member
			return v.NumField() > 0 && setSome(v.Field(0))
		}
		f := v.FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, p) })
		if !f.IsValid() || !f.CanSet() {
			return false
		}
		if i < len(parts)-1 {
			v = f
			continue
		}
		return setSome(f)
	}
	return false
}

// setSome sets f to a value that is not missing.
func setSome(f reflect.Value) bool {
	switch f.Kind() {
	case reflect.String:
		f.SetString("stub-value")
	case reflect.Pointer:
		p := reflect.New(f.Type().Elem())
		if p.Elem().Kind() == reflect.String {
			p.Elem().SetString("stub-value")
		}
		f.Set(p)
	case reflect.Slice:
		if f.Type().Elem().Kind() == reflect.Uint8 {
			f.SetBytes([]byte("x"))
		} else {
			f.Set(reflect.MakeSlice(f.Type(), 0, 0))
		}
	case reflect.Map:
		f.Set(reflect.MakeMap(f.Type()))
	case reflect.Struct:
		if f.Type() != reflect.TypeFor[time.Time]() {
			return false
		}
		f.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	case reflect.Interface:
		var r io.Reader = strings.NewReader("x")
		if !reflect.TypeOf(r).AssignableTo(f.Type()) {
			return false
		}
		f.Set(reflect.ValueOf(r))
	default:
		return false
	}
	return true
}
