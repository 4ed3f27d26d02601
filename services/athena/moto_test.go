package athena_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/athena"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// seedResults queues the rows moto's next GetQueryResults of a new query
// execution answers (moto runs no query; /moto-api/static/athena/query-results).
func seedResults(t *testing.T, srv *testpeer.Server, body string) {
	t.Helper()
	resp, err := http.Post(srv.URL+"/moto-api/static/athena/query-results", "application/json", bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("seeding athena results: status %d", resp.StatusCode)
	}
}

// TestMotoQueries: Athena's everyday flow against moto: a work group, a
// query started (its ClientRequestToken filled) and polled to SUCCEEDED,
// its results (rows queued in moto) through the GetQueryResults
// paginator, ListQueryExecutions, named queries through the
// ListNamedQueries paginator (MaxItems and a resume token), StopQueryExecution, and the
// modelled InvalidRequestException of an unknown work group.
func TestMotoQueries(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := athena.New(goto3.Config{Region: srv.Region, Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, "")},
		func(o *athena.Options) { o.EndpointURL = srv.URL })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	wg := testpeer.BucketName(t)
	out := "s3://" + wg + "/results/"
	if _, err := c.CreateWorkGroup(ctx, &athena.CreateWorkGroupInput{Name: wg, Description: goto3.Ptr("goto3 tests"),
		Configuration: &athena.WorkGroupConfiguration{ResultConfiguration: &athena.ResultConfiguration{OutputLocation: &out}}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.DeleteWorkGroup(context.Background(), &athena.DeleteWorkGroupInput{WorkGroup: wg}) })
	g, err := c.GetWorkGroup(ctx, &athena.GetWorkGroupInput{WorkGroup: wg})
	if err != nil {
		t.Fatal(err)
	}
	if g.WorkGroup.Name != wg || *g.WorkGroup.Configuration.ResultConfiguration.OutputLocation != out {
		t.Errorf("GetWorkGroup: got %+v", g.WorkGroup)
	}

	seedResults(t, srv, `{"results":[{"rows":[{"Data":[{"VarCharValue":"id"},{"VarCharValue":"name"}]},{"Data":[{"VarCharValue":"1"},{"VarCharValue":"été"}]},{"Data":[{"VarCharValue":"2"},{}]}],
		"column_info":[{"Name":"id","Type":"integer","Precision":10,"Nullable":"NOT_NULL"},{"Name":"name","Type":"varchar","Nullable":"NULLABLE"}]}]}`)

	start, err := c.StartQueryExecution(ctx, &athena.StartQueryExecutionInput{QueryString: "SELECT id, name FROM people",
		WorkGroup: &wg, QueryExecutionContext: &athena.QueryExecutionContext{Database: goto3.Ptr("db")}})
	if err != nil {
		t.Fatal(err)
	}
	id := *start.QueryExecutionId
	var state athena.QueryExecutionState
	for range 10 {
		qe, err := c.GetQueryExecution(ctx, &athena.GetQueryExecutionInput{QueryExecutionId: id})
		if err != nil {
			t.Fatal(err)
		}
		q := qe.QueryExecution
		state = *q.Status.State
		if *q.Query != "SELECT id, name FROM people" || *q.WorkGroup != wg || *q.QueryExecutionContext.Database != "db" ||
			*q.StatementType != athena.StatementTypeDml || q.Status.SubmissionDateTime == nil || q.Status.SubmissionDateTime.Before(time.Now().Add(-time.Hour)) {
			t.Fatalf("GetQueryExecution: got %+v (status %+v)", q, q.Status)
		}
		if state == athena.QueryExecutionStateSucceeded {
			break
		}
	}
	if state != athena.QueryExecutionStateSucceeded {
		t.Fatalf("query state: got %s, want SUCCEEDED", state)
	}

	var rows [][]string
	var meta *athena.ResultSetMetadata
	for page, err := range c.GetQueryResultsPages(ctx, &athena.GetQueryResultsInput{QueryExecutionId: id}) {
		if err != nil {
			t.Fatal(err)
		}
		meta = page.ResultSet.ResultSetMetadata
		for _, r := range page.ResultSet.Rows {
			var row []string
			for _, d := range r.Data {
				if d.VarCharValue == nil {
					row = append(row, "<null>")
				} else {
					row = append(row, *d.VarCharValue)
				}
			}
			rows = append(rows, row)
		}
	}
	if want := [][]string{{"id", "name"}, {"1", "été"}, {"2", "<null>"}}; !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows: got %q, want %q", rows, want)
	}
	if meta == nil || len(meta.ColumnInfo) != 2 || meta.ColumnInfo[0].Type != "integer" || *meta.ColumnInfo[0].Precision != 10 ||
		*meta.ColumnInfo[1].Nullable != athena.ColumnNullableNullable {
		t.Errorf("column info: got %+v", meta)
	}

	var ids []string
	for qid, err := range c.ListQueryExecutionsItems(ctx, &athena.ListQueryExecutionsInput{WorkGroup: &wg}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, qid)
	}
	if !slices.Equal(ids, []string{id}) {
		t.Errorf("ListQueryExecutions: got %v, want [%s]", ids, id)
	}
	if _, err := c.StopQueryExecution(ctx, &athena.StopQueryExecutionInput{QueryExecutionId: id}); err != nil {
		t.Fatal(err)
	}

	var named []string
	for i := range 3 {
		nq, err := c.CreateNamedQuery(ctx, &athena.CreateNamedQueryInput{Name: "q" + string(rune('0'+i)), Database: "db",
			QueryString: "SELECT 1", WorkGroup: &wg})
		if err != nil {
			t.Fatal(err)
		}
		named = append(named, *nq.NamedQueryId)
	}
	// moto pages ListNamedQueries with a unique attribute its string ids
	// lack: a MaxResults below the count answers 500 (AttributeError 'str'
	// object has no attribute 'id'). So the pages are moto's one, and the
	// paginator's MaxItems splits the walk: two, then a resume token, then
	// the rest.
	p := c.ListNamedQueriesPaginator(&athena.ListNamedQueriesInput{WorkGroup: &wg})
	p.MaxItems = 2
	var listed []string
	for qid, err := range p.Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, qid)
	}
	if len(listed) != 2 || p.ResumeToken() == "" {
		t.Fatalf("ListNamedQueries, MaxItems 2: got %v, resume token %q", listed, p.ResumeToken())
	}
	p2 := c.ListNamedQueriesPaginator(&athena.ListNamedQueriesInput{WorkGroup: &wg})
	p2.StartingToken = p.ResumeToken()
	for qid, err := range p2.Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, qid)
	}
	if !slices.Equal(listed, named) {
		t.Errorf("ListNamedQueries: got %v, want %v", listed, named)
	}
	nq, err := c.GetNamedQuery(ctx, &athena.GetNamedQueryInput{NamedQueryId: named[1]})
	if err != nil {
		t.Fatal(err)
	}
	if nq.NamedQuery.Name != "q1" || nq.NamedQuery.Database != "db" || *nq.NamedQuery.WorkGroup != wg {
		t.Errorf("GetNamedQuery: got %+v", nq.NamedQuery)
	}

	_, err = c.StartQueryExecution(ctx, &athena.StartQueryExecutionInput{QueryString: "SELECT 1", WorkGroup: goto3.Ptr(wg + "-missing")})
	var inv *athena.InvalidRequestException
	var api *goto3.APIError
	if !errors.As(err, &inv) || !errors.As(err, &api) || api.Code != "InvalidRequestException" || api.Message != "WorkGroup does not exist" {
		t.Errorf("unknown work group: got %v, want InvalidRequestException", err)
	}
}
