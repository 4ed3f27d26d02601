package apigateway_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/apigateway"
)

// TestAcceptHeader: every request carries Accept: application/json unless
// the input sets Accept (GetExport's Accepts), and Accept is signed, as
// botocore's add_accept_header (before-call, so before signing) does.
func TestAcceptHeader(t *testing.T) {
	tests := []struct {
		name string
		call func(c *apigateway.Client) error
		want string
	}{
		{"GetRestApis", func(c *apigateway.Client) error {
			_, err := c.GetRestApis(context.Background(), &apigateway.GetRestApisInput{})
			return err
		}, "application/json"},
		{"CreateRestApi", func(c *apigateway.Client) error {
			_, err := c.CreateRestApi(context.Background(), &apigateway.CreateRestApiInput{Name: "api"})
			return err
		}, "application/json"},
		{"GetExport without Accepts", func(c *apigateway.Client) error {
			_, err := c.GetExport(context.Background(), &apigateway.GetExportInput{RestApiId: "a", StageName: "s", ExportType: "oas30"})
			return err
		}, "application/json"},
		{"GetExport with Accepts", func(c *apigateway.Client) error {
			_, err := c.GetExport(context.Background(), &apigateway.GetExportInput{RestApiId: "a", StageName: "s", ExportType: "oas30", Accepts: goto3.Ptr("application/yaml")})
			return err
		}, "application/yaml"},
		// botocore sends the empty header a caller set (params['headers']
		// holds it, so the handler leaves it).
		{"GetExport with empty Accepts", func(c *apigateway.Client) error {
			_, err := c.GetExport(context.Background(), &apigateway.GetExportInput{RestApiId: "a", StageName: "s", ExportType: "oas30", Accepts: goto3.Ptr("")})
			return err
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			if err := tt.call(testClient(t, rt)); err != nil {
				t.Fatal(err)
			}
			req, _ := rt.Last(t)
			got, ok := req.Header["Accept"]
			if !ok || len(got) != 1 || got[0] != tt.want {
				t.Errorf("Accept: got %q (set %v), want %q", got, ok, tt.want)
			}
			if auth := req.Header.Get("Authorization"); !strings.Contains(auth, "SignedHeaders=accept;") {
				t.Errorf("Authorization: got %s, want accept signed", auth)
			}
		})
	}
}
