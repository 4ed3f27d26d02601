package cloudwatch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/cloudwatch"
)

// CloudWatch against moto: PutMetricData, ListMetrics over two pages (moto
// pages by 500),
// GetMetricStatistics and GetMetricData, an alarm with the AlarmExists
// waiter, and the query-compatible modelled errors moto sends with
// x-amzn-query-error.
//
// PutMetricData is sent uncompressed here: moto's server (5.2.1) cannot
// read a gzipped body, from boto3 or goto3 alike: moto_server/utilities.py
// inflates the request stream and core/responses.py setup_class, seeing
// Content-Encoding: gzip still, inflates it again and fails with
// BadGzipFile (a 500). customizations_test.go checks the gzipped request
// and its signature instead.

func motoClient(t *testing.T, optFns ...func(*cloudwatch.Options)) *cloudwatch.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := cloudwatch.New(srv.Config(), optFns...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMotoMetrics(t *testing.T) {
	var gzipped atomic.Int32
	c := motoClient(t, func(o *cloudwatch.Options) {
		o.DisableRequestCompression = true
		o.Hooks.BeforeSend = func(_ context.Context, req *http.Request) error {
			if req.Header.Get("Content-Encoding") == "gzip" {
				gzipped.Add(1)
			}
			return nil
		}
	})
	ctx := context.Background()
	ns := "goto3/" + testpeer.BucketName(t)
	now := time.Now().UTC().Truncate(time.Minute)

	// 600 metrics (one per Host) in one call: well over 10240 bytes, which
	// would be gzipped without DisableRequestCompression.
	var data []cloudwatch.MetricDatum
	for i := range 600 {
		data = append(data, cloudwatch.MetricDatum{
			MetricName: "Requests", Dimensions: []cloudwatch.Dimension{{Name: "Host", Value: fmt.Sprintf("host-%03d", i)}},
			Timestamp: &now, Value: goto3.Ptr(float64(i)), Unit: goto3.Ptr(cloudwatch.StandardUnitCount),
		})
	}
	if _, err := c.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: ns, MetricData: data}); err != nil {
		t.Fatal(err)
	}
	if gzipped.Load() != 0 {
		t.Errorf("%d gzipped requests with compression disabled", gzipped.Load())
	}
	hosts := map[string]bool{}
	pages := 0
	for page, err := range c.ListMetricsPages(ctx, &cloudwatch.ListMetricsInput{Namespace: &ns, MetricName: goto3.Ptr("Requests")}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, m := range page.Metrics {
			if len(m.Dimensions) != 1 || m.Dimensions[0].Name != "Host" {
				t.Fatalf("metric %+v", m)
			}
			hosts[m.Dimensions[0].Value] = true
		}
	}
	if len(hosts) != 600 || pages != 2 {
		t.Errorf("ListMetrics: %d metrics in %d pages, want 600 in 2", len(hosts), pages)
	}

	// One metric, several points and a statistic set.
	dim := []cloudwatch.Dimension{{Name: "Service", Value: "api"}}
	var points []cloudwatch.MetricDatum
	for i, v := range []float64{10, 20, 30, 40} {
		ts := now.Add(-time.Duration(i) * time.Minute)
		points = append(points, cloudwatch.MetricDatum{MetricName: "Latency", Dimensions: dim, Timestamp: &ts, Value: goto3.Ptr(v), Unit: goto3.Ptr(cloudwatch.StandardUnitMilliseconds)})
	}
	points = append(points, cloudwatch.MetricDatum{MetricName: "Latency", Dimensions: dim, Timestamp: &now, Unit: goto3.Ptr(cloudwatch.StandardUnitMilliseconds),
		StatisticValues: &cloudwatch.StatisticSet{SampleCount: 2, Sum: 100, Minimum: 45, Maximum: 55}})
	if _, err := c.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: ns, MetricData: points}); err != nil {
		t.Fatal(err)
	}
	stats, err := c.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
		Namespace: ns, MetricName: "Latency", Dimensions: dim,
		StartTime: now.Add(-time.Hour), EndTime: now.Add(time.Minute), Period: 3600,
		Statistics: []cloudwatch.Statistic{cloudwatch.StatisticSum, cloudwatch.StatisticSampleCount, cloudwatch.StatisticMaximum, cloudwatch.StatisticMinimum},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(stats.Datapoints) != 1 {
		t.Fatalf("GetMetricStatistics: %+v", stats.Datapoints)
	}
	dp := stats.Datapoints[0]
	if *dp.Sum != 200 || *dp.SampleCount != 6 || *dp.Maximum != 55 || *dp.Minimum != 10 || dp.Timestamp == nil {
		t.Errorf("datapoint sum %v count %v max %v min %v", *dp.Sum, *dp.SampleCount, *dp.Maximum, *dp.Minimum)
	}
	md, err := c.GetMetricData(ctx, &cloudwatch.GetMetricDataInput{
		StartTime: now.Add(-time.Hour), EndTime: now.Add(time.Minute),
		MetricDataQueries: []cloudwatch.MetricDataQuery{{Id: "lat", MetricStat: &cloudwatch.MetricStat{
			Metric: &cloudwatch.Metric{Namespace: &ns, MetricName: goto3.Ptr("Latency"), Dimensions: dim}, Period: 3600, Stat: "Sum",
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(md.MetricDataResults) != 1 || *md.MetricDataResults[0].Id != "lat" || len(md.MetricDataResults[0].Values) == 0 {
		t.Errorf("GetMetricData: %+v", md.MetricDataResults)
	}
}

func TestMotoAlarms(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	name := testpeer.BucketName(t)
	_, err := c.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName: name, Namespace: goto3.Ptr("goto3/alarms"), MetricName: goto3.Ptr("Errors"),
		Statistic: goto3.Ptr(cloudwatch.StatisticSum), Period: goto3.Ptr(int32(60)), EvaluationPeriods: goto3.Ptr(int32(1)),
		Threshold: goto3.Ptr(5.0), ComparisonOperator: goto3.Ptr(cloudwatch.ComparisonOperatorGreaterThanThreshold),
	})
	if err != nil {
		t.Fatal(err)
	}
	w := c.AlarmExistsWaiter()
	w.Sleep = func(context.Context, time.Duration) error { return nil }
	if err := w.Wait(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: name, StateValue: cloudwatch.StateValueAlarm, StateReason: "test"}); err != nil {
		t.Fatal(err)
	}
	var names []string
	for a, err := range c.DescribeAlarmsItems(ctx, &cloudwatch.DescribeAlarmsInput{StateValue: goto3.Ptr(cloudwatch.StateValueAlarm)}) {
		if err != nil {
			t.Fatal(err)
		}
		if *a.AlarmName == name && (*a.Threshold != 5 || *a.StateReason != "test" || a.AlarmArn == nil) {
			t.Errorf("alarm %+v", a)
		}
		names = append(names, *a.AlarmName)
	}
	if !slices.Contains(names, name) {
		t.Errorf("alarm %s not in ALARM: %v", name, names)
	}
	if _, err := c.DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: []string{name}}); err != nil {
		t.Fatal(err)
	}

	// moto answers SetAlarmState on a missing alarm with "__type"
	// ResourceNotFound and x-amzn-query-error ResourceNotFound;Sender.
	_, err = c.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: name, StateValue: cloudwatch.StateValueOk, StateReason: "r"})
	var rnf *cloudwatch.ResourceNotFound
	if !errors.As(err, &rnf) {
		t.Fatalf("got %v, want *cloudwatch.ResourceNotFound", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "ResourceNotFound" || api.StatusCode != 404 || api.Header.Get("X-Amzn-Query-Error") != "ResourceNotFound;Sender" {
		t.Errorf("APIError %+v", api)
	}
	_, err = c.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: "goto3/bad", MetricData: []cloudwatch.MetricDatum{{MetricName: "m", Value: goto3.Ptr(1.0), Values: []float64{1}}}})
	// Value and Values together: moto answers InvalidParameterValue.
	var ipv *cloudwatch.InvalidParameterValueException
	if !errors.As(err, &ipv) || goto3.ErrorCode(err) != "InvalidParameterValue" {
		t.Errorf("got %v, want InvalidParameterValue", err)
	}
}
