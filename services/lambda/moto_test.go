package lambda_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/lambda"
)

// createRole makes the IAM role moto's CreateFunction requires, with one
// IAM Query request: this package has no IAM client, and moto (without
// Auth) routes a request by the service its Authorization header scopes
// and checks no signature.
func createRole(t *testing.T, srv *testpeer.Server, name string) string {
	t.Helper()
	form := url.Values{
		"Action": {"CreateRole"}, "Version": {"2010-05-08"}, "RoleName": {name},
		"AssumeRolePolicyDocument": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`},
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+srv.AccessKeyID+"/20240101/"+srv.Region+"/iam/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("CreateRole: %d %s", resp.StatusCode, b)
	}
	return "arn:aws:iam::123456789012:role/" + name
}

func zipOf(t *testing.T, src string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("index.py")
	io.WriteString(w, src)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMotoFunctions is Lambda's everyday flow against moto: create
// functions from zip files (the code a blob, base64 in the JSON body: moto
// reports the SHA-256 of the bytes it decoded), list them through the
// ListFunctions paginator, get one, update its code, and the modelled
// errors ResourceConflictException and ResourceNotFoundException. moto
// runs invocations in Docker, which the tests do not need: Invoke and
// InvokeWithResponseStream are tested against recorded answers
// (events_test.go). moto ignores MaxItems (one page holds every function),
// so the paginator's token passing is not exercised here.
func TestMotoFunctions(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := lambda.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	prefix := testpeer.BucketName(t)
	role := createRole(t, srv, prefix+"-role")
	code := zipOf(t, "def handler(event, context):\n    return event\n")
	sum := sha256.Sum256(code)
	var names []string
	for _, n := range []string{"a", "b", "c"} {
		name := prefix + "-" + n
		out, err := c.CreateFunction(ctx, &lambda.CreateFunctionInput{
			FunctionName: name, Runtime: goto3.Ptr(lambda.RuntimePython312), Role: role, Handler: goto3.Ptr("index.handler"),
			Code: &lambda.FunctionCode{ZipFile: code}, Tags: map[string]string{"suite": "goto3"},
		})
		if err != nil {
			t.Fatalf("%v\n%s", err, srv.Log())
		}
		t.Cleanup(func() { c.DeleteFunction(context.Background(), &lambda.DeleteFunctionInput{FunctionName: name}) })
		if out.CodeSha256 == nil || *out.CodeSha256 != base64.StdEncoding.EncodeToString(sum[:]) {
			t.Errorf("CodeSha256: got %v, want the SHA-256 of the zip", out.CodeSha256)
		}
		names = append(names, name)
	}

	var listed []string
	for f, err := range c.ListFunctionsItems(ctx, &lambda.ListFunctionsInput{MaxItems: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(*f.FunctionName, prefix) {
			listed = append(listed, *f.FunctionName)
		}
	}
	slices.Sort(listed)
	if !slices.Equal(listed, names) {
		t.Errorf("ListFunctions: got %q, want %q", listed, names)
	}

	got, err := c.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: names[1]})
	if err != nil {
		t.Fatal(err)
	}
	if cfg := got.Configuration; cfg == nil || *cfg.Handler != "index.handler" || cfg.Runtime == nil || *cfg.Runtime != lambda.RuntimePython312 || got.Tags["suite"] != "goto3" {
		t.Errorf("GetFunction: got %+v, tags %v", got.Configuration, got.Tags)
	}

	code2 := zipOf(t, "def handler(event, context):\n    return 2\n")
	sum2 := sha256.Sum256(code2)
	up, err := c.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: names[1], ZipFile: code2})
	if err != nil {
		t.Fatal(err)
	}
	if up.CodeSha256 == nil || *up.CodeSha256 != base64.StdEncoding.EncodeToString(sum2[:]) {
		t.Errorf("UpdateFunctionCode CodeSha256: got %v, want the SHA-256 of the new zip", up.CodeSha256)
	}

	_, err = c.CreateFunction(ctx, &lambda.CreateFunctionInput{FunctionName: names[0], Runtime: goto3.Ptr(lambda.RuntimePython312), Role: role,
		Handler: goto3.Ptr("index.handler"), Code: &lambda.FunctionCode{ZipFile: code}})
	var conflict *lambda.ResourceConflictException
	if !errors.As(err, &conflict) || goto3.ErrorCode(err) != "ResourceConflictException" {
		t.Errorf("CreateFunction twice: got %v, want *lambda.ResourceConflictException", err)
	}
	_, err = c.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: prefix + "-missing"})
	var nf *lambda.ResourceNotFoundException
	var api *goto3.APIError
	if !errors.As(err, &nf) || !errors.As(err, &api) || api.Code != "ResourceNotFoundException" || api.StatusCode != 404 {
		t.Errorf("GetFunction of a missing function: got %v, want *lambda.ResourceNotFoundException (404)", err)
	}
}
