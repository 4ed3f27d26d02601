package resource_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/s3/resource"
	"github.com/goto3/goto3/transfer"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

func ptr[T any](v T) *T { return &v }

// serviceFor returns a service resource over a client for srv.
func serviceFor(t *testing.T, srv *testpeer.Server, optFns ...func(*s3.Options)) *resource.Service {
	t.Helper()
	return serviceAt(t, srv.URL, srv.Region, srv.AccessKeyID, srv.SecretAccessKey, optFns...)
}

func serviceAt(t testing.TB, url, region, ak, sk string, optFns ...func(*s3.Options)) *resource.Service {
	t.Helper()
	o := s3.Options{Region: region, Credentials: credentials.NewStatic(ak, sk, ""), EndpointURL: url}
	for _, f := range optFns {
		f(&o)
	}
	c, err := s3.New(goto3.Config{}, func(co *s3.Options) { *co = o })
	if err != nil {
		t.Fatal(err)
	}
	svc, err := resource.New(c, func(o *resource.Options) {
		o.Transfer = transfer.Options{PartSize: 5 << 20, MultipartThreshold: 5 << 20}
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestBucketLifecycle(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	svc := serviceFor(t, srv)
	ctx := context.Background()
	name := testpeer.BucketName(t)

	b := svc.Bucket(name)
	if b.Loaded() {
		t.Fatal("a new Bucket value is loaded, want lazy")
	}
	if ok, err := b.Exists(ctx); ok || err != nil {
		t.Fatalf("Exists before Create: got %v, %v; want false, nil", ok, err)
	}
	err := b.Load(ctx)
	if got := goto3.ErrorCode(err); got != "NoSuchBucket" {
		t.Fatalf("Load of a missing bucket: got %v (code %q), want NoSuchBucket", err, got)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.StatusCode != 404 {
		t.Errorf("Load of a missing bucket: got %v, want an *goto3.APIError with status 404", err)
	}

	if _, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: name}); err != nil {
		t.Fatal(err)
	}
	if err := b.WaitUntilExists(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, err := b.Exists(ctx); !ok || err != nil {
		t.Fatalf("Exists after Create: got %v, %v; want true, nil", ok, err)
	}
	if err := b.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if !b.Loaded() || b.CreationDate.IsZero() {
		t.Errorf("after Load: loaded %v, creation date %v; want a creation date", b.Loaded(), b.CreationDate)
	}

	var names []string
	for bk, err := range svc.Buckets(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if !bk.Loaded() {
			t.Errorf("bucket %s from Buckets is not loaded", bk.Name)
		}
		names = append(names, bk.Name)
	}
	if !slices.Contains(names, name) {
		t.Errorf("Buckets: got %v, want it to hold %s", names, name)
	}

	if _, err := b.Delete(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if ok, err := b.Exists(ctx); ok || err != nil {
		t.Errorf("Exists after Delete: got %v, %v; want false, nil", ok, err)
	}
}

// recorder wraps a handler and keeps the bodies of requests whose query
// has a given key (for example "delete") or of PUT / requests.
type recorder struct {
	h      http.Handler
	mu     sync.Mutex
	bodies map[string][]string // "METHOD path?query" -> bodies
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	req.Body = io.NopCloser(bytes.NewReader(b))
	r.mu.Lock()
	k := req.Method + " " + req.URL.Path
	if req.URL.RawQuery != "" {
		k += "?" + req.URL.RawQuery
	}
	r.bodies[k] = append(r.bodies[k], string(b))
	r.mu.Unlock()
	r.h.ServeHTTP(w, req)
}

func (r *recorder) body(key string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bodies[key]
}

func TestCreateLocationConstraint(t *testing.T) {
	tests := []struct {
		region string
		want   string // substring of the CreateBucket body, "" for none
	}{
		{"us-east-1", ""},
		{"eu-west-1", "<LocationConstraint>eu-west-1</LocationConstraint>"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			rec := &recorder{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), bodies: map[string][]string{}}
			ts := httptest.NewServer(rec)
			defer ts.Close()
			svc := serviceAt(t, ts.URL, tt.region, "AKID", "SECRET")
			if _, err := svc.Bucket("example-bucket").Create(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			got := rec.body("PUT /example-bucket")
			if len(got) != 1 {
				t.Fatalf("got CreateBucket bodies %q, want one", rec.bodies)
			}
			if tt.want == "" && got[0] != "" || !strings.Contains(got[0], tt.want) {
				t.Errorf("got body %q, want %q", got[0], tt.want)
			}
		})
	}
}

func putObjects(t *testing.T, b *resource.Bucket, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, err := b.Object(k).Put(context.Background(), &s3.PutObjectInput{Body: strings.NewReader("data of " + k)}); err != nil {
			t.Fatal(err)
		}
	}
}

func collect(t *testing.T, c resource.ObjectCollection) []string {
	t.Helper()
	var keys []string
	for o, err := range c.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, o.Key)
	}
	return keys
}

func TestObjectCollection(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	svc := serviceFor(t, srv)
	ctx := context.Background()
	b, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: testpeer.BucketName(t)})
	if err != nil {
		t.Fatal(err)
	}
	var logs, imgs []string
	for i := range 12 {
		logs = append(logs, fmt.Sprintf("logs/%02d.txt", i))
	}
	for i := range 5 {
		imgs = append(imgs, fmt.Sprintf("img/%02d.png", i))
	}
	putObjects(t, b, logs...)
	putObjects(t, b, imgs...)
	all := append(slices.Clone(imgs), logs...)

	tests := []struct {
		name string
		c    resource.ObjectCollection
		want []string
	}{
		{"all", b.Objects(), all},
		{"filter", b.Objects().Filter("logs/"), logs},
		{"page-size", b.Objects().Filter("logs/").PageSize(5), logs},
		{"limit", b.Objects().PageSize(4).Limit(6), all[:6]},
		{"limit-over", b.Objects().Filter("img/").Limit(100), imgs},
		{"empty", b.Objects().Filter("none/"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collect(t, tt.c)); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}

	// Summaries carry the listing's attributes.
	for o, err := range b.Objects().Filter("img/00").All(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if o.Size != int64(len("data of img/00.png")) || o.ETag == "" || o.LastModified.IsZero() || o.Object().Key != "img/00.png" {
			t.Errorf("got summary %+v", o)
		}
	}

	res, err := b.Objects().Filter("logs/").Delete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 1 || len(res.Deleted) != len(logs) {
		t.Errorf("got %d requests, %d deleted; want 1, %d", res.Requests, len(res.Deleted), len(logs))
	}
	if diff := cmp.Diff(imgs, collect(t, b.Objects())); diff != "" {
		t.Errorf("after delete (-want +got):\n%s", diff)
	}
}

func TestBatchDeleteChunks(t *testing.T) {
	if testing.Short() {
		t.Skip("puts 2,345 objects")
	}
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	svc := serviceFor(t, srv)
	ctx := context.Background()
	b, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: testpeer.BucketName(t)})
	if err != nil {
		t.Fatal(err)
	}
	const n = 2345
	for i := range n {
		if _, err := b.Object(fmt.Sprintf("k/%04d", i)).Put(ctx, &s3.PutObjectInput{Body: strings.NewReader("")}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := b.Objects().Delete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 3 || len(res.Deleted) != n || len(res.Errors) != 0 {
		t.Errorf("got %d requests, %d deleted, %d errors; want 3, %d, 0", res.Requests, len(res.Deleted), len(res.Errors), n)
	}
	if keys := collect(t, b.Objects()); len(keys) != 0 {
		t.Errorf("left %d keys, want none", len(keys))
	}
}

// A scripted S3 whose DeleteObjects refuses some keys.
func TestBatchDeleteErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /b", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated>`+
			`<Contents><Key>a</Key><Size>1</Size></Contents><Contents><Key>locked</Key><Size>1</Size></Contents>`+
			`<Contents><Key>z</Key><Size>1</Size></Contents></ListBucketResult>`)
	})
	mux.HandleFunc("POST /b", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<DeleteResult><Deleted><Key>a</Key></Deleted><Deleted><Key>z</Key></Deleted>`+
			`<Error><Key>locked</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>`)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	svc := serviceAt(t, ts.URL, "us-east-1", "AKID", "SECRET")
	res, err := svc.Bucket("b").Objects().Delete(context.Background())
	var bde *resource.BatchDeleteError
	if !errors.As(err, &bde) {
		t.Fatalf("got %v, want a *resource.BatchDeleteError", err)
	}
	want := []resource.DeleteError{{Key: "locked", Code: "AccessDenied", Message: "Access Denied"}}
	if diff := cmp.Diff(want, bde.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "z"}, res.Deleted); diff != "" {
		t.Errorf("deleted (-want +got):\n%s", diff)
	}
	if got, want := err.Error(), "resource: 1 key(s) of bucket b not deleted; locked: AccessDenied: Access Denied"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// AccessDenied from ListBuckets reaches the caller of Bucket.Load as an
// API error (boto3 swallows it).
func TestBucketLoadAccessDenied(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-amz-request-id", "REQ1")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`)
	}))
	defer ts.Close()
	svc := serviceAt(t, ts.URL, "us-east-1", "AKID", "SECRET")
	err := svc.Bucket("b").Load(context.Background())
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "AccessDenied" || api.StatusCode != 403 || api.Operation != "ListBuckets" {
		t.Errorf("got %v, want AccessDenied from ListBuckets", err)
	}
}

func TestObject(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	svc := serviceFor(t, srv)
	ctx := context.Background()
	b, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: testpeer.BucketName(t)})
	if err != nil {
		t.Fatal(err)
	}
	obj := b.Object("docs/hello.txt")
	if ok, err := obj.Exists(ctx); ok || err != nil {
		t.Fatalf("Exists: got %v, %v; want false, nil", ok, err)
	}
	if err := obj.Load(ctx); goto3.ErrorCode(err) != "404" {
		t.Errorf("Load of a missing object: got %v, want code 404", err)
	}
	_, err = obj.Get(ctx, nil)
	var nsk *s3.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Errorf("Get of a missing object: got %v, want *s3.NoSuchKey", err)
	}

	data := "Hello, resource!"
	if _, err := obj.Put(ctx, &s3.PutObjectInput{
		Body:        strings.NewReader(data),
		ContentType: ptr("text/plain"),
		Metadata:    map[string]string{"color": "blue"},
	}); err != nil {
		t.Fatal(err)
	}
	if err := obj.WaitUntilExists(ctx); err != nil {
		t.Fatal(err)
	}
	if err := obj.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if obj.ContentLength != int64(len(data)) || obj.ETag == "" || obj.LastModified.IsZero() ||
		obj.ContentType != "text/plain" || obj.Metadata["color"] != "blue" || obj.StorageClass != s3.StorageClassStandard {
		t.Errorf("after Load got %+v", obj)
	}

	out, err := obj.Get(ctx, &s3.GetObjectInput{Range: ptr("bytes=7-14")})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(out.Body)
	out.Body.Close()
	if err != nil || string(got) != "resource" {
		t.Errorf("ranged Get: got %q, %v; want %q", got, err, "resource")
	}

	// Presigned GET, sent with plain net/http.
	pr, err := obj.Presign(ctx, nil, func(o *resource.Options) { o.Presign.Expires = 15 * time.Minute })
	if err != nil {
		t.Fatal(err)
	}
	if pr.Method != http.MethodGet || !strings.Contains(pr.URL, "X-Amz-Signature=") || !strings.Contains(pr.URL, "X-Amz-Expires=900") {
		t.Errorf("got presigned %s %s", pr.Method, pr.URL)
	}
	resp, err := http.Get(pr.URL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(got) != data {
		t.Errorf("presigned GET: got %d %q, want 200 %q", resp.StatusCode, got, data)
	}

	// Managed copy.
	cp := b.Object("docs/copy.txt")
	if _, err := cp.CopyFrom(ctx, &transfer.CopyInput{Source: transfer.Source{Bucket: b.Name, Key: obj.Key}}); err != nil {
		t.Fatal(err)
	}
	if err := cp.Load(ctx); err != nil || cp.ContentLength != int64(len(data)) {
		t.Errorf("copy: got %v, length %d", err, cp.ContentLength)
	}

	if _, err := obj.Delete(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if ok, err := obj.Exists(ctx); ok || err != nil {
		t.Errorf("Exists after Delete: got %v, %v; want false, nil", ok, err)
	}
}

func TestUploadDownloadFile(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	svc := serviceFor(t, srv)
	ctx := context.Background()
	b, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: testpeer.BucketName(t)})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src.bin")
	data := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB, one PutObject
	if err := os.WriteFile(src, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var seen int64
	if _, err := b.UploadFile(ctx, &transfer.UploadFileInput{Key: "bin/data", Path: src, Progress: func(_, total, _ int64) { seen = total }}); err != nil {
		t.Fatal(err)
	}
	if seen != int64(len(data)) {
		t.Errorf("progress total %d, want %d", seen, len(data))
	}
	dst := filepath.Join(dir, "dst.bin")
	out, err := b.DownloadFile(ctx, &transfer.DownloadFileInput{Key: "bin/data", Path: dst})
	if err != nil || out.Size != int64(len(data)) {
		t.Fatalf("DownloadFile: got %+v, %v", out, err)
	}
	got, err := os.ReadFile(dst)
	if err != nil || sha256.Sum256(got) != sha256.Sum256(data) {
		t.Errorf("downloaded file differs (%v)", err)
	}

	// DownloadTo a file opened for append keeps what was there.
	app := filepath.Join(dir, "append.log")
	if err := os.WriteFile(app, []byte("head\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(app, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Object("bin/data").DownloadTo(ctx, &transfer.DownloadToInput{Writer: f}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(app)
	if !bytes.HasPrefix(got, []byte("head\n")) || !bytes.Equal(got[5:], data) {
		t.Errorf("appended file: got %d bytes, want head + %d", len(got), len(data))
	}
}

// gofakes3 has no CORS API: the sub-resources run against moto and
// versitygw.
func TestSubresources(t *testing.T) {
	peers := []struct {
		name  string
		start func(t *testing.T) *testpeer.Server
	}{
		{"moto", func(t *testing.T) *testpeer.Server { return testpeer.Moto(t, testpeer.MotoOptions{}) }},
		{"versitygw", func(t *testing.T) *testpeer.Server { return testpeer.Versitygw(t, testpeer.VersitygwOptions{}) }},
	}
	for _, p := range peers {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			srv := p.start(t)
			svc := serviceFor(t, srv)
			ctx := context.Background()
			b, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: testpeer.BucketName(t)})
			if err != nil {
				t.Fatalf("%v\n%s", err, srv.Log())
			}
			t.Run("cors", func(t *testing.T) {
				rules, err := b.Cors().Rules(ctx)
				if err != nil || rules == nil || len(rules) != 0 {
					t.Fatalf("Rules of a bucket without CORS: got %v, %v; want empty, nil", rules, err)
				}
				want := []s3.CORSRule{{
					AllowedMethods: []string{"GET", "PUT"},
					AllowedOrigins: []string{"https://example.com"},
					AllowedHeaders: []string{"*"},
					MaxAgeSeconds:  ptr(int32(3000)),
				}}
				if err := b.Cors().Put(ctx, want); err != nil {
					t.Fatal(err)
				}
				got, err := b.Cors().Rules(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("rules (-want +got):\n%s", diff)
				}
				if err := b.Cors().Delete(ctx); err != nil {
					t.Fatal(err)
				}
				if rules, err := b.Cors().Rules(ctx); err != nil || len(rules) != 0 {
					t.Errorf("after Delete: got %v, %v; want empty, nil", rules, err)
				}
			})
			t.Run("versioning", func(t *testing.T) {
				if err := b.Versioning().Enable(ctx); err != nil {
					t.Fatal(err)
				}
				if st, err := b.Versioning().Status(ctx); err != nil || st != s3.BucketVersioningStatusEnabled {
					t.Errorf("got %q, %v; want Enabled", st, err)
				}
				if err := b.Versioning().Suspend(ctx); err != nil {
					t.Fatal(err)
				}
				if st, err := b.Versioning().Status(ctx); err != nil || st != s3.BucketVersioningStatusSuspended {
					t.Errorf("got %q, %v; want Suspended", st, err)
				}
			})
			t.Run("tagging", func(t *testing.T) {
				if tags, err := b.Tagging().Tags(ctx); err != nil || len(tags) != 0 {
					t.Fatalf("Tags of an untagged bucket: got %v, %v; want empty, nil", tags, err)
				}
				want := []s3.Tag{{Key: "team", Value: "storage"}}
				if err := b.Tagging().Put(ctx, want); err != nil {
					t.Fatal(err)
				}
				got, err := b.Tagging().Tags(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("tags (-want +got):\n%s", diff)
				}
				if err := b.Tagging().Delete(ctx); err != nil {
					t.Fatal(err)
				}
			})
			t.Run("policy", func(t *testing.T) {
				_, err := b.Policy().Get(ctx)
				if code := goto3.ErrorCode(err); code != "NoSuchBucketPolicy" {
					t.Errorf("Get without a policy: got %v, want NoSuchBucketPolicy", err)
				}
				pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + b.Name + `/*"}]}`
				if err := b.Policy().Put(ctx, pol); err != nil {
					t.Fatal(err)
				}
				got, err := b.Policy().Get(ctx)
				if err != nil || !strings.Contains(got, `"s3:GetObject"`) {
					t.Errorf("got %q, %v", got, err)
				}
				if err := b.Policy().Delete(ctx); err != nil {
					t.Fatal(err)
				}
			})
			if _, err := b.Objects().Delete(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := b.Delete(ctx, nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// A bucket missing from the caller's ListBuckets but answering
// GetBucketLocation belongs to another account: Load fills the region from
// the location alone and leaves the creation date zero.
func TestBucketLoadOtherAccount(t *testing.T) {
	tests := []struct {
		name, location, wantRegion string
	}{
		{"region", "eu-west-1", "eu-west-1"},
		{"empty is us-east-1", "", "us-east-1"},
		{"legacy EU", "EU", "eu-west-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls []string
			var mu sync.Mutex
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				calls = append(calls, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
				mu.Unlock()
				switch {
				case r.URL.Path == "/":
					io.WriteString(w, `<ListAllMyBucketsResult><Buckets><Bucket><Name>shared-bucket-2</Name><CreationDate>2020-01-02T03:04:05.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`)
				case r.URL.Query().Has("location"):
					io.WriteString(w, `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`+tt.location+`</LocationConstraint>`)
				default:
					w.WriteHeader(http.StatusNotImplemented)
				}
			}))
			defer ts.Close()
			svc := serviceAt(t, ts.URL, "us-east-1", "AKID", "SECRET")
			b := svc.Bucket("shared-bucket")
			if err := b.Load(context.Background()); err != nil {
				t.Fatal(err)
			}
			if !b.Loaded() || !b.CreationDate.IsZero() || b.Region != tt.wantRegion {
				t.Errorf("got loaded %v, creation date %v, region %q; want loaded, zero, %s", b.Loaded(), b.CreationDate, b.Region, tt.wantRegion)
			}
			want := []string{"GET /?prefix=shared-bucket", "GET /shared-bucket?location"}
			mu.Lock()
			defer mu.Unlock()
			if diff := cmp.Diff(want, calls); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTransferInputs: the transfer methods fill in the bucket and key,
// refuse an input naming another object, and pass per-call options and
// the transfer's own validation through, all before any request.
func TestTransferInputs(t *testing.T) {
	svc := serviceAt(t, "http://127.0.0.1:1", "us-east-1", "AKID", "SECRET")
	ctx := context.Background()
	b := svc.Bucket("bkt")
	obj := b.Object("key")
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"Bucket.UploadFile other bucket", func() error {
			_, err := b.UploadFile(ctx, &transfer.UploadFileInput{Bucket: "other", Key: "k", Path: "p"})
			return err
		}, `resource: Bucket.UploadFile: the input names bucket "other", the bucket is "bkt"`},
		{"Bucket.UploadFile nil", func() error { _, err := b.UploadFile(ctx, nil); return err }, "transfer: UploadFile: nil input"},
		{"Bucket.DownloadFile missing Key", func() error {
			_, err := b.DownloadFile(ctx, &transfer.DownloadFileInput{Path: "p"})
			return err
		}, "transfer: DownloadFile: invalid input: Key: required"},
		{"Object.Upload other key", func() error {
			_, err := obj.Upload(ctx, &transfer.UploadInput{Key: "k2", Body: strings.NewReader("x")})
			return err
		}, "resource: Object.Upload: the input names s3://bkt/k2, the object is s3://bkt/key"},
		{"Object.Upload per-call options", func() error {
			_, err := obj.Upload(ctx, &transfer.UploadInput{Body: strings.NewReader("x")}, func(o *resource.Options) { o.Transfer.Concurrency = -1 })
			return err
		}, "Concurrency -1 is negative"},
		{"Object.DownloadTo missing Writer", func() error { _, err := obj.DownloadTo(ctx, &transfer.DownloadToInput{}); return err }, "transfer: DownloadTo: invalid input: Writer: required"},
		{"Object.CopyFrom missing source", func() error { _, err := obj.CopyFrom(ctx, &transfer.CopyInput{}); return err }, "transfer: Copy: invalid input: Source.Bucket: required"},
		{"Object.UploadFile nil", func() error { _, err := obj.UploadFile(ctx, nil); return err }, "transfer: UploadFile: nil input"},
		{"Object.DownloadFile missing Path", func() error { _, err := obj.DownloadFile(ctx, &transfer.DownloadFileInput{}); return err }, "transfer: DownloadFile: invalid input: Path: required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}
