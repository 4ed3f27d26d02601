package ecr_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/ecr"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

func motoClient(t *testing.T) *ecr.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := ecr.New(goto3.Config{Region: srv.Region, Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, "")},
		func(o *ecr.Options) { o.EndpointURL = srv.URL })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMotoRepositories creates repositories, lists them with the
// DescribeRepositories paginator (MaxItems and a resume token), pushes and lists an image,
// and deletes them; the modelled errors of a duplicate and of a missing
// repository match their types and codes.
func TestMotoRepositories(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	prefix := testpeer.BucketName(t)
	var names []string
	for _, n := range []string{"a", "b", "c"} {
		name := prefix + "/" + n
		out, err := c.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: name,
			Tags: []ecr.Tag{{Key: "team", Value: "goto3"}}})
		if err != nil {
			t.Fatal(err)
		}
		if out.Repository == nil || out.Repository.RepositoryName == nil || *out.Repository.RepositoryName != name ||
			out.Repository.RepositoryUri == nil || !strings.HasSuffix(*out.Repository.RepositoryUri, "/"+name) {
			t.Fatalf("CreateRepository: got %+v", out.Repository)
		}
		if out.Repository.CreatedAt == nil || out.Repository.CreatedAt.IsZero() {
			t.Errorf("CreatedAt: got %v, want a time", out.Repository.CreatedAt)
		}
		names = append(names, name)
	}
	t.Cleanup(func() {
		for _, n := range names {
			c.DeleteRepository(context.Background(), &ecr.DeleteRepositoryInput{RepositoryName: n, Force: goto3.Ptr(true)})
		}
	})

	_, err := c.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: names[0]})
	var exists *ecr.RepositoryAlreadyExistsException
	if !errors.As(err, &exists) || goto3.ErrorCode(err) != "RepositoryAlreadyExistsException" {
		t.Errorf("duplicate: got %v, want RepositoryAlreadyExistsException", err)
	}

	// moto answers DescribeRepositories in one page (its maxResults and
	// nextToken are not implemented), so the paginator's own limit is what
	// pages here: MaxItems stops the walk with a resume token (botocore's
	// format), and a second walk from it yields the rest.
	in := &ecr.DescribeRepositoriesInput{RepositoryNames: names}
	p := c.DescribeRepositoriesPaginator(in)
	p.MaxItems = 2
	var found []string
	for r, err := range p.Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, *r.RepositoryName)
	}
	resume := p.ResumeToken()
	if len(found) != 2 || resume == "" {
		t.Fatalf("first walk: got %v, resume token %q; want 2 repositories and a token", found, resume)
	}
	p = c.DescribeRepositoriesPaginator(in)
	p.StartingToken = resume
	for r, err := range p.Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, *r.RepositoryName)
	}
	if strings.Join(found, " ") != strings.Join(names, " ") || p.ResumeToken() != "" {
		t.Errorf("both walks: got %v (resume %q), want %v", found, p.ResumeToken(), names)
	}

	manifest := `{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[]}`
	if _, err := c.PutImage(ctx, &ecr.PutImageInput{RepositoryName: names[0], ImageManifest: manifest, ImageTag: goto3.Ptr("v1")}); err != nil {
		t.Fatal(err)
	}
	var tags []string
	for id, err := range c.ListImagesItems(ctx, &ecr.ListImagesInput{RepositoryName: names[0]}) {
		if err != nil {
			t.Fatal(err)
		}
		if id.ImageTag != nil {
			tags = append(tags, *id.ImageTag)
		}
	}
	if len(tags) != 1 || tags[0] != "v1" {
		t.Errorf("ListImages: got tags %v, want [v1]", tags)
	}

	for _, n := range names {
		if _, err := c.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{RepositoryName: n, Force: goto3.Ptr(true)}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = c.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: names[:1]})
	var missing *ecr.RepositoryNotFoundException
	var api *goto3.APIError
	if !errors.As(err, &missing) || !errors.As(err, &api) || api.Code != "RepositoryNotFoundException" || api.StatusCode != 400 {
		t.Errorf("deleted: got %v, want RepositoryNotFoundException (400)", err)
	}
}
