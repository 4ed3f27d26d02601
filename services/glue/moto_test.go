package glue_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/glue"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

func motoClient(t *testing.T) *glue.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := glue.New(goto3.Config{Region: srv.Region, Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, "")},
		func(o *glue.Options) { o.EndpointURL = srv.URL })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMotoCatalog: Glue's Data Catalog against moto: a database, tables
// with columns, partition keys and a SerDe (GetTables paginator),
// partitions (BatchCreatePartition, GetPartitions paginator), UpdateTable,
// and the modelled AlreadyExistsException and EntityNotFoundException.
func TestMotoCatalog(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	db := testpeer.BucketName(t)
	if _, err := c.CreateDatabase(ctx, &glue.CreateDatabaseInput{DatabaseInput: &glue.DatabaseInput{Name: db,
		Description: goto3.Ptr("goto3 tests"), Parameters: map[string]string{"owner": "goto3"}}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.DeleteDatabase(context.Background(), &glue.DeleteDatabaseInput{Name: db}) })
	_, err := c.CreateDatabase(ctx, &glue.CreateDatabaseInput{DatabaseInput: &glue.DatabaseInput{Name: db}})
	var exists *glue.AlreadyExistsException
	if !errors.As(err, &exists) || goto3.ErrorCode(err) != "AlreadyExistsException" {
		t.Errorf("duplicate database: got %v, want AlreadyExistsException", err)
	}
	gd, err := c.GetDatabase(ctx, &glue.GetDatabaseInput{Name: db})
	if err != nil {
		t.Fatal(err)
	}
	if gd.Database.Name != db || *gd.Database.Description != "goto3 tests" || gd.Database.Parameters["owner"] != "goto3" {
		t.Errorf("GetDatabase: got %+v", gd.Database)
	}
	var dbs []string
	for d, err := range c.GetDatabasesItems(ctx, &glue.GetDatabasesInput{}) {
		if err != nil {
			t.Fatal(err)
		}
		dbs = append(dbs, d.Name)
	}
	if !slices.Contains(dbs, db) {
		t.Errorf("GetDatabases: got %v, want %s among them", dbs, db)
	}

	sd := func(loc string) *glue.StorageDescriptor {
		return &glue.StorageDescriptor{
			Columns:      []glue.Column{{Name: "id", Type: goto3.Ptr("bigint")}, {Name: "payload", Type: goto3.Ptr("string"), Comment: goto3.Ptr("JSON")}},
			Location:     &loc,
			InputFormat:  goto3.Ptr("org.apache.hadoop.mapred.TextInputFormat"),
			OutputFormat: goto3.Ptr("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"),
			SerdeInfo:    &glue.SerDeInfo{SerializationLibrary: goto3.Ptr("org.openx.data.jsonserde.JsonSerDe"), Parameters: map[string]string{"paths": "id,payload"}},
		}
	}
	tables := []string{"events", "users", "orders"}
	for _, tb := range tables {
		if _, err := c.CreateTable(ctx, &glue.CreateTableInput{DatabaseName: db, TableInput: &glue.TableInput{Name: tb,
			TableType: goto3.Ptr("EXTERNAL_TABLE"), StorageDescriptor: sd("s3://" + db + "/" + tb + "/"),
			PartitionKeys: []glue.Column{{Name: "dt", Type: goto3.Ptr("string")}}, Parameters: map[string]string{"classification": "json"}}}); err != nil {
			t.Fatal(err)
		}
	}
	gt, err := c.GetTable(ctx, &glue.GetTableInput{DatabaseName: db, Name: "events"})
	if err != nil {
		t.Fatal(err)
	}
	if tb := gt.Table; tb.Name != "events" || *tb.DatabaseName != db || len(tb.StorageDescriptor.Columns) != 2 || *tb.StorageDescriptor.Columns[1].Comment != "JSON" ||
		tb.StorageDescriptor.SerdeInfo.Parameters["paths"] != "id,payload" || len(tb.PartitionKeys) != 1 || tb.CreateTime == nil || tb.CreateTime.IsZero() {
		t.Errorf("GetTable: got %+v", tb)
	}
	// moto answers GetTables in one page (no NextToken).
	var names []string
	for tb, err := range c.GetTablesItems(ctx, &glue.GetTablesInput{DatabaseName: db}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, tb.Name)
	}
	slices.Sort(names)
	if want := []string{"events", "orders", "users"}; !slices.Equal(names, want) {
		t.Errorf("GetTables: got %v, want %v", names, want)
	}

	var parts []glue.PartitionInput
	for _, dt := range []string{"2026-01-01", "2026-01-02", "2026-01-03"} {
		parts = append(parts, glue.PartitionInput{Values: []string{dt}, StorageDescriptor: sd("s3://" + db + "/events/dt=" + dt + "/")})
	}
	bp, err := c.BatchCreatePartition(ctx, &glue.BatchCreatePartitionInput{DatabaseName: db, TableName: "events", PartitionInputList: parts})
	if err != nil {
		t.Fatal(err)
	}
	if len(bp.Errors) != 0 {
		t.Errorf("BatchCreatePartition: errors %+v", bp.Errors)
	}
	var dts []string
	for p, err := range c.GetPartitionsItems(ctx, &glue.GetPartitionsInput{DatabaseName: db, TableName: "events"}) {
		if err != nil {
			t.Fatal(err)
		}
		dts = append(dts, p.Values...)
	}
	slices.Sort(dts)
	if want := []string{"2026-01-01", "2026-01-02", "2026-01-03"}; !slices.Equal(dts, want) {
		t.Errorf("GetPartitions: got %v, want %v", dts, want)
	}

	if _, err := c.UpdateTable(ctx, &glue.UpdateTableInput{DatabaseName: db, TableInput: &glue.TableInput{Name: "users",
		Description: goto3.Ptr("updated"), StorageDescriptor: sd("s3://" + db + "/users-v2/")}}); err != nil {
		t.Fatal(err)
	}
	gt, err = c.GetTable(ctx, &glue.GetTableInput{DatabaseName: db, Name: "users"})
	if err != nil {
		t.Fatal(err)
	}
	if *gt.Table.Description != "updated" || *gt.Table.StorageDescriptor.Location != "s3://"+db+"/users-v2/" {
		t.Errorf("after UpdateTable: got %+v", gt.Table)
	}

	if _, err := c.DeleteTable(ctx, &glue.DeleteTableInput{DatabaseName: db, Name: "orders"}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetTable(ctx, &glue.GetTableInput{DatabaseName: db, Name: "orders"})
	var nf *glue.EntityNotFoundException
	var api *goto3.APIError
	if !errors.As(err, &nf) || !errors.As(err, &api) || api.Code != "EntityNotFoundException" || api.Message != "Table orders not found." {
		t.Errorf("deleted table: got %v, want EntityNotFoundException", err)
	}
}

// TestMotoJobsPaginator: the GetJobs paginator two per page, on one of
// the Glue operations moto pages (NextToken, MaxResults).
func TestMotoJobsPaginator(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	prefix := testpeer.BucketName(t)
	var want []string
	for i := range 5 {
		name := prefix + "-" + string(rune('a'+i))
		if _, err := c.CreateJob(ctx, &glue.CreateJobInput{Name: name, Role: "arn:aws:iam::123456789012:role/glue",
			Command:          &glue.JobCommand{Name: goto3.Ptr("glueetl"), ScriptLocation: goto3.Ptr("s3://bucket/job.py")},
			DefaultArguments: map[string]string{"--job-language": "python"}}); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	t.Cleanup(func() {
		for _, n := range want {
			c.DeleteJob(context.Background(), &glue.DeleteJobInput{JobName: n})
		}
	})
	p := c.GetJobsPaginator(&glue.GetJobsInput{})
	p.PageSize = 2
	var got []string
	pages := 0
	for page, err := range p.Pages(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(page.Jobs) > 2 {
			t.Errorf("a page of %d jobs", len(page.Jobs))
		}
		for _, j := range page.Jobs {
			if slices.Contains(want, *j.Name) {
				got = append(got, *j.Name)
			}
		}
	}
	if !slices.Equal(got, want) || pages < 3 {
		t.Errorf("GetJobs: got %v in %d pages, want %v in 3 or more", got, pages, want)
	}
}
