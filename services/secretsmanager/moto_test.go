package secretsmanager_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/secretsmanager"
)

// Secrets Manager against moto: create (string and binary), get, put a new
// version (the generated idempotency token becomes the version id),
// describe, update, the ListSecrets paginator over several pages, and the
// modelled ResourceNotFoundException and ResourceExistsException.

func motoClient(t *testing.T) *secretsmanager.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := secretsmanager.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMotoSecretLifecycle(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	name := testpeer.BucketName(t)
	created, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{
		Name: name, SecretString: goto3.Ptr(`{"user":"admin","password":"p@ss ü"}`), Description: goto3.Ptr("first"),
		Tags: []secretsmanager.Tag{{Key: goto3.Ptr("team"), Value: goto3.Ptr("goto3")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// The ClientRequestToken the client generated is the version id.
	if created.VersionId == nil || !uuid4.MatchString(*created.VersionId) || created.ARN == nil || *created.Name != name {
		t.Fatalf("CreateSecret: %+v", created)
	}
	got, err := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: name})
	if err != nil {
		t.Fatal(err)
	}
	if *got.SecretString != `{"user":"admin","password":"p@ss ü"}` || *got.VersionId != *created.VersionId || !slices.Contains(got.VersionStages, "AWSCURRENT") || got.CreatedDate == nil {
		t.Errorf("GetSecretValue: %+v", got)
	}

	// A second version, binary, with our own token.
	const token = "11111111-2222-4333-8444-555555555555"
	put, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: name, SecretBinary: []byte{0, 1, 2, 0xfe, 0xff}, ClientRequestToken: goto3.Ptr(token)})
	if err != nil {
		t.Fatal(err)
	}
	if *put.VersionId != token || !slices.Contains(put.VersionStages, "AWSCURRENT") {
		t.Errorf("PutSecretValue: %+v", put)
	}
	got, err = c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: *created.ARN})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.SecretBinary, []byte{0, 1, 2, 0xfe, 0xff}) || got.SecretString != nil {
		t.Errorf("binary secret: %+v", got)
	}
	prev, err := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: name, VersionStage: goto3.Ptr("AWSPREVIOUS")})
	if err != nil || *prev.VersionId != *created.VersionId {
		t.Errorf("AWSPREVIOUS: %+v, %v", prev, err)
	}

	if _, err := c.UpdateSecret(ctx, &secretsmanager.UpdateSecretInput{SecretId: name, Description: goto3.Ptr("second")}); err != nil {
		t.Fatal(err)
	}
	desc, err := c.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: name})
	if err != nil {
		t.Fatal(err)
	}
	if *desc.Description != "second" || len(desc.VersionIdsToStages) != 2 || !slices.Contains(desc.VersionIdsToStages[token], "AWSCURRENT") || len(desc.Tags) != 1 {
		t.Errorf("DescribeSecret: %+v", desc)
	}

	_, err = c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: name, SecretString: goto3.Ptr("x")})
	var exists *secretsmanager.ResourceExistsException
	if !errors.As(err, &exists) || goto3.ErrorCode(err) != "ResourceExistsException" {
		t.Errorf("got %v, want ResourceExistsException", err)
	}

	if _, err := c.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: name, ForceDeleteWithoutRecovery: goto3.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: name})
	var nf *secretsmanager.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("got %v, want *secretsmanager.ResourceNotFoundException", err)
	}
	// moto answers 404 (secretsmanager/exceptions.py); Secrets Manager 400.
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "ResourceNotFoundException" || api.StatusCode != 404 {
		t.Errorf("APIError %+v", api)
	}
}

// TestMotoListSecretsPages lists seven secrets, filtered by name, three
// per page: three pages.
func TestMotoListSecretsPages(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	prefix := testpeer.BucketName(t)
	var want []string
	for i := range 7 {
		name := fmt.Sprintf("%s-%d", prefix, i)
		if _, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: name, SecretString: goto3.Ptr("v")}); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	in := &secretsmanager.ListSecretsInput{
		MaxResults: goto3.Ptr(int32(3)),
		Filters:    []secretsmanager.Filter{{Key: goto3.Ptr(secretsmanager.FilterNameStringTypeName), Values: []string{prefix}}},
	}
	var got []string
	pages := 0
	for page, err := range c.ListSecretsPages(ctx, in) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, s := range page.SecretList {
			got = append(got, *s.Name)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) || pages != 3 {
		t.Errorf("%d pages of %v, want 3 of %v", pages, got, want)
	}
	n := 0
	for s, err := range c.ListSecretsItems(ctx, in) {
		if err != nil {
			t.Fatal(err)
		}
		if s.ARN == nil || s.CreatedDate == nil {
			t.Errorf("entry %+v", s)
		}
		n++
	}
	if n != 7 {
		t.Errorf("ListSecretsItems: %d secrets", n)
	}
}
