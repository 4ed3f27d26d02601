package cloudwatch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/cloudwatch"
	"github.com/goto3/goto3/sigv4"
)

// CloudWatch's botocore customizations, all of them generic machinery that
// its model switches on, checked through the client:
//
//   - G21: the model lists smithy-rpc-v2-cbor, json and query; botocore
//     speaks AWS JSON 1.0 (X-Amz-Target GraniteServiceVersion20100801.*),
//     and so does goto3 (TestResolvedURLs checks the headers and body);
//   - G13: awsQueryCompatible: x-amzn-query-mode: true on every request
//     (TestResolvedURLs) and the x-amzn-query-error code on errors, which
//     CloudWatch's error shapes carry as their error codes
//     (TestQueryCompatibleError);
//   - G12: PutMetricData's requestcompression trait: a body of at least
//     request_min_compression_size_bytes (10240) is gzipped, unless
//     disable_request_compression (TestPutMetricDataCompression).

// bigMetricData returns n data points, about 100 bytes of JSON each.
func bigMetricData(n int) []cloudwatch.MetricDatum {
	ts := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d := make([]cloudwatch.MetricDatum, n)
	for i := range d {
		d[i] = cloudwatch.MetricDatum{
			MetricName: "Latency",
			Dimensions: []cloudwatch.Dimension{{Name: "Host", Value: "host-" + strings.Repeat("x", i%7)}},
			Timestamp:  &ts,
			Value:      goto3.Ptr(float64(i) + 0.5),
			Unit:       goto3.Ptr(cloudwatch.StandardUnitMilliseconds),
		}
	}
	return d
}

func TestPutMetricDataCompression(t *testing.T) {
	for _, tt := range []struct {
		name    string
		points  int
		opts    func(*cloudwatch.Options)
		gzipped bool
	}{
		{"large body", 200, nil, true},
		{"small body", 2, nil, false},
		{"large body, compression disabled", 200, func(o *cloudwatch.Options) { o.DisableRequestCompression = true }, false},
		{"small body, minimum 1 byte", 2, func(o *cloudwatch.Options) { o.RequestMinCompressionSizeBytes = 1 }, true},
		{"large body, minimum above it", 200, func(o *cloudwatch.Options) { o.RequestMinCompressionSizeBytes = 1 << 20 }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			var fns []func(*cloudwatch.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			in := &cloudwatch.PutMetricDataInput{Namespace: "goto3/test", MetricData: bigMetricData(tt.points)}
			if _, err := c.PutMetricData(context.Background(), in); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			plain := []byte(body)
			if tt.gzipped {
				if got := req.Header.Get("Content-Encoding"); got != "gzip" {
					t.Fatalf("Content-Encoding %q, want gzip", got)
				}
				zr, err := gzip.NewReader(strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if plain, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
				if len(body) >= len(plain) {
					t.Errorf("gzipped body %d bytes, plain %d", len(body), len(plain))
				}
			} else if got := req.Header.Get("Content-Encoding"); got != "" {
				t.Fatalf("Content-Encoding %q on an uncompressed body", got)
			}
			if req.ContentLength != int64(len(body)) {
				t.Errorf("Content-Length %d, body %d bytes", req.ContentLength, len(body))
			}
			var got struct {
				Namespace  string
				MetricData []json.RawMessage
			}
			if err := json.Unmarshal(plain, &got); err != nil || got.Namespace != "goto3/test" || len(got.MetricData) != tt.points {
				t.Errorf("body %.200s: %v", plain, err)
			}
			if tt.points == 200 && len(plain) < 10240 {
				t.Fatalf("the large body is only %d bytes", len(plain))
			}
			// The signature covers the bytes sent (the compressed body).
			req.Body = io.NopCloser(bytes.NewReader([]byte(body)))
			if _, err := sigv4.Verify(req, sigv4.VerifyOptions{
				Lookup: func(string) (sigv4.Credentials, bool) {
					return sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, true
				},
				Now:     time.Now(),
				Service: "monitoring",
				Region:  "us-east-1",
			}); err != nil {
				t.Errorf("signature: %v", err)
			}
		})
	}
}

// TestOnlyPutMetricDataCompressed: an operation without the trait is sent
// as is, whatever its size.
func TestOnlyPutMetricDataCompressed(t *testing.T) {
	rt := &servicetest.Transport{Body: `{}`}
	c := testClient(t, rt, func(o *cloudwatch.Options) { o.RequestMinCompressionSizeBytes = 1 })
	if _, err := c.ListMetrics(context.Background(), &cloudwatch.ListMetricsInput{Namespace: goto3.Ptr(strings.Repeat("n", 300))}); err != nil {
		t.Fatal(err)
	}
	if req, _ := rt.Last(t); req.Header.Get("Content-Encoding") != "" {
		t.Errorf("ListMetrics compressed")
	}
}

// TestQueryCompatibleError: with x-amzn-query-error the code is the query
// code, which names the modelled error (botocore 1.43.11:
// InvalidParameterValueException, Code InvalidParameterValue). Without the
// header the code is the "__type" name: botocore then raises a plain
// ClientError (its exception table is keyed by the error codes), goto3
// also finds the modelled error by its shape name.
func TestQueryCompatibleError(t *testing.T) {
	const body = `{"__type":"com.amazonaws.cloudwatch#InvalidParameterValueException","message":"bad"}`
	for _, tt := range []struct{ header, wantCode string }{
		{"InvalidParameterValue;Sender", "InvalidParameterValue"},
		{"", "InvalidParameterValueException"},
	} {
		t.Run(tt.wantCode, func(t *testing.T) {
			h := http.Header{}
			if tt.header != "" {
				h.Set("X-Amzn-Query-Error", tt.header)
			}
			rt := &servicetest.Transport{Status: 400, Header: h, Body: body}
			_, err := testClient(t, rt).ListMetrics(context.Background(), &cloudwatch.ListMetricsInput{})
			var api *goto3.APIError
			if !errors.As(err, &api) || api.Code != tt.wantCode || api.Message != "bad" {
				t.Fatalf("got %v, want code %s", err, tt.wantCode)
			}
			var ipv *cloudwatch.InvalidParameterValueException
			if !errors.As(err, &ipv) {
				t.Errorf("got %v, want *cloudwatch.InvalidParameterValueException", err)
			}
		})
	}
}

// TestQueryCompatibleErrorSharedCode: two of CloudWatch's error shapes
// share the code ResourceNotFound (DashboardNotFoundError and
// ResourceNotFound); the operation's own error list decides, as in
// aws-sdk-go-v2 (GetDashboard: DashboardNotFoundError; botocore's table
// keeps the last shape of a code and raises ResourceNotFound).
func TestQueryCompatibleErrorSharedCode(t *testing.T) {
	h := http.Header{"X-Amzn-Query-Error": {"ResourceNotFound;Sender"}}
	rt := &servicetest.Transport{Status: 404, Header: h, Body: `{"__type":"com.amazonaws.cloudwatch#DashboardNotFoundError","message":"no dashboard"}`}
	_, err := testClient(t, rt).GetDashboard(context.Background(), &cloudwatch.GetDashboardInput{DashboardName: "d"})
	var dnf *cloudwatch.DashboardNotFoundError
	if !errors.As(err, &dnf) || goto3.ErrorCode(err) != "ResourceNotFound" {
		t.Errorf("got %v, want *cloudwatch.DashboardNotFoundError with code ResourceNotFound", err)
	}
	rt = &servicetest.Transport{Status: 404, Header: h, Body: `{"__type":"com.amazonaws.cloudwatch#ResourceNotFound","message":"no alarm"}`}
	_, err = testClient(t, rt).SetAlarmState(context.Background(), &cloudwatch.SetAlarmStateInput{AlarmName: "a", StateValue: cloudwatch.StateValueOk, StateReason: "r"})
	var rnf *cloudwatch.ResourceNotFound
	if !errors.As(err, &rnf) {
		t.Errorf("got %v, want *cloudwatch.ResourceNotFound", err)
	}
}
