package apigateway_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/apigateway"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// acceptRecorder records the Accept header of every request it passes on.
type acceptRecorder struct {
	mu      sync.Mutex
	accepts []string
}

func (a *acceptRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	a.mu.Lock()
	a.accepts = append(a.accepts, req.Method+" "+req.URL.Path+" "+req.Header.Get("Accept"))
	a.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

// TestMotoRestAPI: API Gateway's everyday flow against moto (REST-JSON):
// a REST API (created, patched), its root resource, a child resource with a MOCK method and
// integration, a deployment and its stage, the export as a raw payload
// (GetExport), the GetRestApis and GetResources paginators, and the
// modelled NotFoundException; every request carries Accept (APIGW-1).
func TestMotoRestAPI(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	rec := &acceptRecorder{}
	c, err := apigateway.New(goto3.Config{Region: srv.Region, Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, "")},
		func(o *apigateway.Options) {
			o.EndpointURL = srv.URL
			o.HTTPClient = &http.Client{Transport: rec}
		})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	name := testpeer.BucketName(t)
	api, err := c.CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: name, Description: goto3.Ptr("first"),
		Tags: map[string]string{"team": "goto3"}})
	if err != nil {
		t.Fatal(err)
	}
	id := *api.Id
	t.Cleanup(func() { c.DeleteRestApi(context.Background(), &apigateway.DeleteRestApiInput{RestApiId: id}) })
	// moto ignores CreateRestApi's binaryMediaTypes; a patch sets them.
	if _, err := c.UpdateRestApi(ctx, &apigateway.UpdateRestApiInput{RestApiId: id, PatchOperations: []apigateway.PatchOperation{
		{Op: goto3.Ptr(apigateway.OpReplace), Path: goto3.Ptr("/description"), Value: goto3.Ptr("goto3 tests")},
		{Op: goto3.Ptr(apigateway.OpAdd), Path: goto3.Ptr("/binaryMediaTypes/image~1png"), Value: goto3.Ptr("image/png")},
	}}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: id})
	if err != nil {
		t.Fatal(err)
	}
	if *got.Name != name || *got.Description != "goto3 tests" || got.Tags["team"] != "goto3" || !slices.Equal(got.BinaryMediaTypes, []string{"image/png"}) ||
		got.CreatedDate == nil || got.CreatedDate.IsZero() {
		t.Errorf("GetRestApi: got %+v", got)
	}

	var rootID string
	for r, err := range c.GetResourcesItems(ctx, &apigateway.GetResourcesInput{RestApiId: id}) {
		if err != nil {
			t.Fatal(err)
		}
		if *r.Path == "/" {
			rootID = *r.Id
		}
	}
	if rootID == "" {
		t.Fatal("GetResources: no root resource")
	}
	res, err := c.CreateResource(ctx, &apigateway.CreateResourceInput{RestApiId: id, ParentId: rootID, PathPart: "pets"})
	if err != nil {
		t.Fatal(err)
	}
	if *res.Path != "/pets" || *res.ParentId != rootID {
		t.Errorf("CreateResource: got %+v", res)
	}
	if _, err := c.PutMethod(ctx, &apigateway.PutMethodInput{RestApiId: id, ResourceId: *res.Id, HttpMethod: "GET", AuthorizationType: "NONE",
		RequestParameters: map[string]bool{"method.request.querystring.limit": false}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutIntegration(ctx, &apigateway.PutIntegrationInput{RestApiId: id, ResourceId: *res.Id, HttpMethod: "GET",
		Type: apigateway.IntegrationTypeMock, RequestTemplates: map[string]string{"application/json": `{"statusCode": 200}`}}); err != nil {
		t.Fatal(err)
	}
	m, err := c.GetMethod(ctx, &apigateway.GetMethodInput{RestApiId: id, ResourceId: *res.Id, HttpMethod: "GET"})
	if err != nil {
		t.Fatal(err)
	}
	if *m.HttpMethod != "GET" || *m.AuthorizationType != "NONE" || m.MethodIntegration == nil || *m.MethodIntegration.Type != apigateway.IntegrationTypeMock {
		t.Errorf("GetMethod: got %+v", m)
	}
	dep, err := c.CreateDeployment(ctx, &apigateway.CreateDeploymentInput{RestApiId: id, StageName: goto3.Ptr("prod"), Description: goto3.Ptr("first")})
	if err != nil {
		t.Fatal(err)
	}
	stages, err := c.GetStages(ctx, &apigateway.GetStagesInput{RestApiId: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(stages.Item) != 1 || *stages.Item[0].StageName != "prod" || *stages.Item[0].DeploymentId != *dep.Id {
		t.Errorf("GetStages: got %+v", stages.Item)
	}

	exp, err := c.GetExport(ctx, &apigateway.GetExportInput{RestApiId: id, StageName: "prod", ExportType: "oas30", Accepts: goto3.Ptr("application/json")})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Info  struct{ Title string }
		Paths map[string]any
	}
	if err := json.Unmarshal(exp.Body, &doc); err != nil {
		t.Fatalf("GetExport body %q: %v", exp.Body, err)
	}
	if doc.Info.Title != name || doc.Paths["/pets"] == nil || *exp.ContentType != "application/octet-stream" || exp.ContentDisposition == nil {
		t.Errorf("GetExport: got %s (%v, %v)", exp.Body, exp.ContentType, exp.ContentDisposition)
	}

	// moto answers GetRestApis in one page (no position).
	var names []string
	for a, err := range c.GetRestApisItems(ctx, &apigateway.GetRestApisInput{}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, *a.Name)
	}
	if !slices.Contains(names, name) {
		t.Errorf("GetRestApis: got %v, want %s among them", names, name)
	}

	if _, err := c.DeleteRestApi(ctx, &apigateway.DeleteRestApiInput{RestApiId: id}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: id})
	var nf *apigateway.NotFoundException
	var apiErr *goto3.APIError
	if !errors.As(err, &nf) || !errors.As(err, &apiErr) || apiErr.Code != "NotFoundException" || apiErr.StatusCode != 404 {
		t.Errorf("deleted: got %v, want NotFoundException (404)", err)
	}

	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, a := range rec.accepts {
		if !strings.HasSuffix(a, " application/json") {
			t.Errorf("request %s: want Accept: application/json", a)
		}
	}
}
