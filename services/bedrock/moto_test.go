package bedrock_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/bedrock"
)

// TestMotoCustomModels drives Bedrock against moto, which serves its
// model customization and logging operations but not ListFoundationModels
// (it answers 500): three customization jobs created, read back, listed
// two per page (the ListModelCustomizationJobs and ListCustomModels
// paginators), the invocation logging configuration put and read, and the
// modelled ResourceNotFoundException (moto answers it with status 400;
// Bedrock with 404).
func TestMotoCustomModels(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := bedrock.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	prefix := testpeer.BucketName(t)
	var jobs, models []string
	for i := range 3 {
		job, model := fmt.Sprintf("%s-job-%d", prefix, i), fmt.Sprintf("%s-model-%d", prefix, i)
		out, err := c.CreateModelCustomizationJob(ctx, &bedrock.CreateModelCustomizationJobInput{
			JobName: job, CustomModelName: model, RoleArn: "arn:aws:iam::123456789012:role/bedrock",
			BaseModelIdentifier: "anthropic.claude-v2",
			TrainingDataConfig:  &bedrock.TrainingDataConfig{S3Uri: goto3.Ptr("s3://" + prefix + "/train.jsonl")},
			OutputDataConfig:    &bedrock.OutputDataConfig{S3Uri: "s3://" + prefix + "/out/"},
			HyperParameters:     map[string]string{"epochCount": "1"},
		})
		if err != nil {
			t.Fatalf("%v\n%s", err, srv.Log())
		}
		if out.JobArn != "arn:aws:bedrock:us-east-1:123456789012:model-customization-job/"+job {
			t.Errorf("JobArn: got %s", out.JobArn)
		}
		jobs, models = append(jobs, job), append(models, model)
	}
	got, err := c.GetModelCustomizationJob(ctx, &bedrock.GetModelCustomizationJobInput{JobIdentifier: jobs[1]})
	if err != nil {
		t.Fatal(err)
	}
	// moto names the output model <customModelName>-<jobName>.
	if got.JobName != jobs[1] || !strings.HasPrefix(got.OutputModelName, models[1]) || got.Status == nil {
		t.Errorf("GetModelCustomizationJob: %+v", got)
	}

	var listed []string
	pages := 0
	for page, err := range c.ListModelCustomizationJobsPages(ctx, &bedrock.ListModelCustomizationJobsInput{NameContains: &prefix, MaxResults: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, j := range page.ModelCustomizationJobSummaries {
			listed = append(listed, j.JobName)
		}
	}
	if slices.Sort(listed); !slices.Equal(listed, jobs) || pages != 2 {
		t.Errorf("ListModelCustomizationJobs: got %q in %d pages, want %q in 2", listed, pages, jobs)
	}
	listed = nil
	for m, err := range c.ListCustomModelsItems(ctx, &bedrock.ListCustomModelsInput{NameContains: &prefix, MaxResults: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, m.ModelName)
	}
	if slices.Sort(listed); !slices.Equal(listed, models) {
		t.Errorf("ListCustomModels: got %q, want %q", listed, models)
	}

	if _, err := c.PutModelInvocationLoggingConfiguration(ctx, &bedrock.PutModelInvocationLoggingConfigurationInput{
		LoggingConfig: &bedrock.LoggingConfig{S3Config: &bedrock.S3Config{BucketName: prefix}},
	}); err != nil {
		t.Fatal(err)
	}
	lc, err := c.GetModelInvocationLoggingConfiguration(ctx, &bedrock.GetModelInvocationLoggingConfigurationInput{})
	if err != nil {
		t.Fatal(err)
	}
	if lc.LoggingConfig == nil || lc.LoggingConfig.S3Config == nil || lc.LoggingConfig.S3Config.BucketName != prefix {
		t.Errorf("GetModelInvocationLoggingConfiguration: %+v", lc.LoggingConfig)
	}

	_, err = c.GetCustomModel(ctx, &bedrock.GetCustomModelInput{ModelIdentifier: prefix + "-missing"})
	var nf *bedrock.ResourceNotFoundException
	if !errors.As(err, &nf) || goto3.ErrorCode(err) != "ResourceNotFoundException" {
		t.Errorf("GetCustomModel of a missing model: got %v, want *bedrock.ResourceNotFoundException", err)
	}
}
