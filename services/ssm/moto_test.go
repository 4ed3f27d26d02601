package ssm_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/ssm"
)

// SSM Parameter Store against moto: parameters of the three types, their
// versions, GetParametersByPath over several pages (recursive or not),
// GetParameters with unknown names, DeleteParameters, and the modelled
// ParameterNotFound and ParameterAlreadyExists errors.

func motoClient(t *testing.T) *ssm.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := ssm.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMotoParameters(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	base := "/" + testpeer.BucketName(t)
	put := func(in *ssm.PutParameterInput) *ssm.PutParameterOutput {
		t.Helper()
		out, err := c.PutParameter(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	put(&ssm.PutParameterInput{Name: base + "/plain", Value: "v1", Type: goto3.Ptr(ssm.ParameterTypeString), Description: goto3.Ptr("d")})
	if out := put(&ssm.PutParameterInput{Name: base + "/plain", Value: "v2 ü", Overwrite: goto3.Ptr(true)}); out.Version == nil || *out.Version != 2 {
		t.Errorf("overwrite: version %v, want 2", out.Version)
	}
	put(&ssm.PutParameterInput{Name: base + "/list", Value: "a,b,c", Type: goto3.Ptr(ssm.ParameterTypeStringList)})
	put(&ssm.PutParameterInput{Name: base + "/secret", Value: "hunter2", Type: goto3.Ptr(ssm.ParameterTypeSecureString)})

	got, err := c.GetParameter(ctx, &ssm.GetParameterInput{Name: base + "/plain"})
	if err != nil {
		t.Fatal(err)
	}
	if p := got.Parameter; *p.Value != "v2 ü" || *p.Version != 2 || *p.Type != ssm.ParameterTypeString || p.LastModifiedDate == nil || p.ARN == nil {
		t.Errorf("GetParameter: %+v", p)
	}
	sec, err := c.GetParameter(ctx, &ssm.GetParameterInput{Name: base + "/secret", WithDecryption: goto3.Ptr(true)})
	if err != nil || *sec.Parameter.Value != "hunter2" || *sec.Parameter.Type != ssm.ParameterTypeSecureString {
		t.Errorf("SecureString: %+v, %v", sec, err)
	}
	many, err := c.GetParameters(ctx, &ssm.GetParametersInput{Names: []string{base + "/list", base + "/nope"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(many.Parameters) != 1 || *many.Parameters[0].Value != "a,b,c" || !slices.Equal(many.InvalidParameters, []string{base + "/nope"}) {
		t.Errorf("GetParameters: %+v", many)
	}

	_, err = c.PutParameter(ctx, &ssm.PutParameterInput{Name: base + "/plain", Value: "v3", Type: goto3.Ptr(ssm.ParameterTypeString)})
	var exists *ssm.ParameterAlreadyExists
	if !errors.As(err, &exists) || goto3.ErrorCode(err) != "ParameterAlreadyExists" {
		t.Errorf("got %v, want ParameterAlreadyExists", err)
	}
	del, err := c.DeleteParameters(ctx, &ssm.DeleteParametersInput{Names: []string{base + "/plain", base + "/nope"}})
	if err != nil || !slices.Equal(del.DeletedParameters, []string{base + "/plain"}) || !slices.Equal(del.InvalidParameters, []string{base + "/nope"}) {
		t.Errorf("DeleteParameters: %+v, %v", del, err)
	}
	_, err = c.GetParameter(ctx, &ssm.GetParameterInput{Name: base + "/plain"})
	var nf *ssm.ParameterNotFound
	if !errors.As(err, &nf) {
		t.Fatalf("got %v, want *ssm.ParameterNotFound", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "ParameterNotFound" || api.StatusCode != 400 {
		t.Errorf("APIError %+v", api)
	}
}

// TestMotoParametersByPath: 23 parameters in a tree, read by path ten per
// page.
func TestMotoParametersByPath(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	base := "/" + testpeer.BucketName(t)
	var all, top []string
	for i := range 23 {
		name := fmt.Sprintf("%s/app/p%02d", base, i)
		if i%3 == 1 {
			name = fmt.Sprintf("%s/app/sub/p%02d", base, i)
		} else {
			top = append(top, name)
		}
		all = append(all, name)
		if _, err := c.PutParameter(ctx, &ssm.PutParameterInput{Name: name, Value: fmt.Sprint("value ", i), Type: goto3.Ptr(ssm.ParameterTypeString)}); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(all)
	slices.Sort(top)

	names := func(recursive bool) (got []string, pages int) {
		t.Helper()
		for page, err := range c.GetParametersByPathPages(ctx, &ssm.GetParametersByPathInput{Path: base + "/app", Recursive: &recursive, MaxResults: goto3.Ptr(int32(10))}) {
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Parameters) > 10 {
				t.Errorf("a page of %d", len(page.Parameters))
			}
			pages++
			for _, p := range page.Parameters {
				if !strings.HasPrefix(*p.Value, "value ") {
					t.Errorf("%s = %q", *p.Name, *p.Value)
				}
				got = append(got, *p.Name)
			}
		}
		slices.Sort(got)
		return got, pages
	}
	if got, pages := names(true); !slices.Equal(got, all) || pages != 3 {
		t.Errorf("recursive: %d pages of %v, want 3 of %v", pages, got, all)
	}
	if got, pages := names(false); !slices.Equal(got, top) || pages != 2 {
		t.Errorf("one level: %d pages of %v, want 2 of %v", pages, got, top)
	}
	n := 0
	for p, err := range c.GetParametersByPathItems(ctx, &ssm.GetParametersByPathInput{Path: base, Recursive: goto3.Ptr(true), MaxResults: goto3.Ptr(int32(4))}) {
		if err != nil {
			t.Fatal(err)
		}
		if p.Version == nil || *p.Version != 1 {
			t.Errorf("%s: version %v", *p.Name, p.Version)
		}
		n++
	}
	if n != 23 {
		t.Errorf("GetParametersByPathItems: %d parameters, want 23", n)
	}
}
