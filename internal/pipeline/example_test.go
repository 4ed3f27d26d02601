package pipeline_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
)

// A generated method is one call of Invoke with the operation's schema.
// Widgets is a service the package's tests declare (service_test.go), with
// an endpoint rule set whose SDK::Endpoint parameter is set here.
func ExampleClient_Invoke() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<GetWidgetOutput><Name>%s</Name><Size>42</Size></GetWidgetOutput>", strings.TrimPrefix(r.URL.Path, "/widgets/"))
	}))
	defer srv.Close()
	c, err := pipeline.New(&widgetsService, pipeline.Options{
		Region:         "us-west-2",
		Credentials:    credentials.NewStatic("AKID", "SECRET", ""),
		EndpointParams: endpointParams("us-west-2", srv.URL),
	})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	out := &GetWidgetOutput{}
	err = c.Invoke(ctx, &opGetWidget, &GetWidgetInput{Name: "w1"}, out, &out.ResultMetadata)
	fmt.Println(err, out.ResultMetadata.StatusCode, *out.Name, *out.Size)

	pr, err := c.Presign(ctx, &opGetWidget, &GetWidgetInput{Name: "w1"}, time.Hour)
	fmt.Println(err, pr.Method, strings.Contains(pr.URL, "X-Amz-Signature="))
	// Output:
	// <nil> 200 w1 42
	// <nil> GET true
}
