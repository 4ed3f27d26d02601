package resource_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/s3/resource"
	"github.com/goto3/goto3/transfer"
)

// seen is one request a test server received.
type seen struct {
	method, target string // target: path?query
	header         http.Header
	body           string
}

// stubS3 is an S3 that answers every request with a plausible success
// and records it.
type stubS3 struct {
	mu   sync.Mutex
	reqs []seen
}

func (s *stubS3) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.reqs = append(s.reqs, seen{r.Method, r.URL.Path + "?" + r.URL.RawQuery, r.Header.Clone(), string(b)})
	s.mu.Unlock()
	q := r.URL.Query()
	w.Header().Set("ETag", `"0123456789abcdef0123456789abcdef"`)
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/":
		io.WriteString(w, `<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>`)
	case q.Has("location"):
		io.WriteString(w, `<LocationConstraint>eu-west-1</LocationConstraint>`)
	case q.Get("list-type") == "2":
		io.WriteString(w, `<ListBucketResult><Name>bkt</Name><IsTruncated>false</IsTruncated><Contents><Key>key</Key><Size>4</Size></Contents></ListBucketResult>`)
	case q.Has("delete"):
		io.WriteString(w, `<DeleteResult><Deleted><Key>key</Key></Deleted></DeleteResult>`)
	case r.Method == http.MethodGet && q.Has("cors"):
		io.WriteString(w, `<CORSConfiguration></CORSConfiguration>`)
	case r.Method == http.MethodGet && q.Has("versioning"):
		io.WriteString(w, `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`)
	case r.Method == http.MethodGet && q.Has("tagging"):
		io.WriteString(w, `<Tagging><TagSet></TagSet></Tagging>`)
	case r.Method == http.MethodGet && q.Has("policy"):
		io.WriteString(w, `{}`)
	case r.Method == http.MethodGet:
		w.Header().Set("Content-Range", "bytes 0-3/4")
		w.Header().Set("Content-Length", "4")
		w.WriteHeader(http.StatusPartialContent)
		io.WriteString(w, "data")
	case r.Method == http.MethodPut && r.Header.Get("x-amz-copy-source") != "":
		io.WriteString(w, `<CopyObjectResult><ETag>"0123456789abcdef0123456789abcdef"</ETag></CopyObjectResult>`)
	case r.Method == http.MethodHead:
		w.Header().Set("Content-Length", "4")
	case r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *stubS3) take() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.reqs
	s.reqs = nil
	return r
}

// callsOf are calls of every resource method that sends a request, each
// with the optFns it is given.
func callsOf(svc *resource.Service, dir string) []struct {
	name string
	call func(ctx context.Context, optFns ...func(*resource.Options)) error
} {
	b := svc.Bucket("bkt")
	obj := b.Object("key")
	type fn = func(ctx context.Context, optFns ...func(*resource.Options)) error
	ignore := func(error) error { return nil } // the request is what counts
	return []struct {
		name string
		call fn
	}{
		{"Service.Buckets", func(ctx context.Context, f ...func(*resource.Options)) error {
			for _, err := range svc.Buckets(ctx, f...) {
				return err
			}
			return nil
		}},
		{"Service.CreateBucket", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "bkt"}, f...)
			return err
		}},
		{"Bucket.Load", func(ctx context.Context, f ...func(*resource.Options)) error { return b.Load(ctx, f...) }},
		{"Bucket.Create", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.Create(ctx, nil, f...)
			return err
		}},
		{"Bucket.Delete", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.Delete(ctx, nil, f...)
			return err
		}},
		{"Bucket.Exists", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.Exists(ctx, f...)
			return err
		}},
		{"Bucket.WaitUntilExists", func(ctx context.Context, f ...func(*resource.Options)) error { return b.WaitUntilExists(ctx, f...) }},
		{"Bucket.WaitUntilNotExists", func(ctx context.Context, f ...func(*resource.Options)) error {
			return ignore(b.WaitUntilNotExists(ctx, f...)) // a timeout after one attempt
		}},
		{"Bucket.UploadFile", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.UploadFile(ctx, &transfer.UploadFileInput{Key: "key", Path: dir + "/small"}, f...)
			return ignore(err)
		}},
		{"Bucket.DownloadFile", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.DownloadFile(ctx, &transfer.DownloadFileInput{Key: "key", Path: dir + "/dl"}, f...)
			return err
		}},
		{"ObjectCollection.All", func(ctx context.Context, f ...func(*resource.Options)) error {
			for _, err := range b.Objects().All(ctx, f...) {
				return err
			}
			return nil
		}},
		{"ObjectCollection.Delete", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.Objects().Delete(ctx, f...)
			return err
		}},
		{"BucketCors.Rules", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.Cors().Rules(ctx, f...)
			return err
		}},
		{"BucketCors.Put", func(ctx context.Context, f ...func(*resource.Options)) error {
			return b.Cors().Put(ctx, []s3.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}}}, f...)
		}},
		{"BucketCors.Delete", func(ctx context.Context, f ...func(*resource.Options)) error { return b.Cors().Delete(ctx, f...) }},
		{"BucketVersioning.Status", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.Versioning().Status(ctx, f...)
			return err
		}},
		{"BucketVersioning.Enable", func(ctx context.Context, f ...func(*resource.Options)) error { return b.Versioning().Enable(ctx, f...) }},
		{"BucketVersioning.Suspend", func(ctx context.Context, f ...func(*resource.Options)) error {
			return b.Versioning().Suspend(ctx, f...)
		}},
		{"BucketPolicy.Get", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.Policy().Get(ctx, f...)
			return err
		}},
		{"BucketPolicy.Put", func(ctx context.Context, f ...func(*resource.Options)) error { return b.Policy().Put(ctx, "{}", f...) }},
		{"BucketPolicy.Delete", func(ctx context.Context, f ...func(*resource.Options)) error { return b.Policy().Delete(ctx, f...) }},
		{"BucketTagging.Tags", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := b.Tagging().Tags(ctx, f...)
			return err
		}},
		{"BucketTagging.Put", func(ctx context.Context, f ...func(*resource.Options)) error {
			return b.Tagging().Put(ctx, []s3.Tag{{Key: "k", Value: "v"}}, f...)
		}},
		{"BucketTagging.Delete", func(ctx context.Context, f ...func(*resource.Options)) error { return b.Tagging().Delete(ctx, f...) }},
		{"Object.Load", func(ctx context.Context, f ...func(*resource.Options)) error { return obj.Load(ctx, f...) }},
		{"Object.Exists", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := obj.Exists(ctx, f...)
			return err
		}},
		{"Object.WaitUntilExists", func(ctx context.Context, f ...func(*resource.Options)) error { return obj.WaitUntilExists(ctx, f...) }},
		{"Object.WaitUntilNotExists", func(ctx context.Context, f ...func(*resource.Options)) error {
			return ignore(obj.WaitUntilNotExists(ctx, f...)) // a timeout after one attempt
		}},
		{"Object.Get", func(ctx context.Context, f ...func(*resource.Options)) error {
			out, err := obj.Get(ctx, nil, f...)
			if err == nil {
				out.Body.Close()
			}
			return err
		}},
		{"Object.Put", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := obj.Put(ctx, &s3.PutObjectInput{Body: strings.NewReader("data")}, f...)
			return err
		}},
		{"Object.Delete", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := obj.Delete(ctx, nil, f...)
			return err
		}},
		{"Object.CopyFrom", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := obj.CopyFrom(ctx, &transfer.CopyInput{Source: transfer.Source{Bucket: "bkt", Key: "src"}}, f...)
			return ignore(err)
		}},
		{"Object.UploadFile", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := obj.UploadFile(ctx, &transfer.UploadFileInput{Path: dir + "/small"}, f...)
			return ignore(err)
		}},
		{"Object.Upload", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := obj.Upload(ctx, &transfer.UploadInput{Body: strings.NewReader("data")}, f...)
			return ignore(err)
		}},
		{"Object.DownloadFile", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := obj.DownloadFile(ctx, &transfer.DownloadFileInput{Path: dir + "/dl2"}, f...)
			return err
		}},
		{"Object.DownloadTo", func(ctx context.Context, f ...func(*resource.Options)) error {
			_, err := obj.DownloadTo(ctx, &transfer.DownloadToInput{Writer: io.Discard}, f...)
			return err
		}},
	}
}

// withHeader is a client option whose BeforeSign hook adds the header
// name: value to every request, after any hook already set.
func withHeader(name, value string) func(*s3.Options) {
	return func(co *s3.Options) {
		prev := co.Hooks.BeforeSign
		co.Hooks.BeforeSign = func(ctx context.Context, req *http.Request) error {
			if prev != nil {
				if err := prev(ctx, req); err != nil {
					return err
				}
			}
			req.Header.Add(name, value)
			return nil
		}
	}
}

func newStubService(t *testing.T, url string, optFns ...func(*resource.Options)) *resource.Service {
	t.Helper()
	c, err := s3.New(goto3.Config{}, func(co *s3.Options) {
		*co = s3.Options{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), EndpointURL: url}
	})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := resource.New(c, append([]func(*resource.Options){oneAttempt}, optFns...)...)
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// oneAttempt makes the waiters give up after one attempt.
func oneAttempt(o *resource.Options) {
	o.Waiter = goto3.WaiterConfig{MaxAttempts: 1, Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }}
}

// TestPerCallClientOptions: the ClientOptions of a call's optFns reach
// every request that call sends, through the client, the waiters and the
// transfer manager, and no other call's.
func TestPerCallClientOptions(t *testing.T) {
	stub := &stubS3{}
	ts := httptest.NewServer(stub)
	defer ts.Close()
	dir := t.TempDir()
	if err := writeFile(dir+"/small", "data"); err != nil {
		t.Fatal(err)
	}
	svc := newStubService(t, ts.URL)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	perCall := func(o *resource.Options) {
		o.ClientOptions = append(o.ClientOptions, withHeader("X-Per-Call", "yes"), func(co *s3.Options) { co.Region = "eu-west-2" })
	}
	for _, tc := range callsOf(svc, dir) {
		t.Run(tc.name, func(t *testing.T) {
			stub.take()
			if err := tc.call(ctx, perCall); err != nil {
				t.Fatalf("with per-call options: %v", err)
			}
			reqs := stub.take()
			if len(reqs) == 0 {
				t.Fatal("no request reached the server")
			}
			for _, r := range reqs {
				if got := r.header.Values("X-Per-Call"); len(got) != 1 || got[0] != "yes" {
					t.Errorf("%s %s: X-Per-Call %q, want [yes]", r.method, r.target, got)
				}
				if a := r.header.Get("Authorization"); !strings.Contains(a, "/eu-west-2/s3/aws4_request") {
					t.Errorf("%s %s: Authorization %q, want the per-call region eu-west-2", r.method, r.target, a)
				}
			}
			// The next call without optFns has the service's options.
			if err := tc.call(ctx); err != nil {
				t.Fatalf("without options: %v", err)
			}
			for _, r := range stub.take() {
				if r.header.Get("X-Per-Call") != "" || !strings.Contains(r.header.Get("Authorization"), "/us-east-1/s3/aws4_request") {
					t.Errorf("%s %s: a call without optFns got another call's options: %v", r.method, r.target, r.header)
				}
			}
		})
	}

	// CreateBucket's LocationConstraint is the region of the call.
	stub.take()
	if _, err := svc.Bucket("bkt").Create(ctx, nil, perCall); err != nil {
		t.Fatal(err)
	}
	reqs := stub.take()
	if len(reqs) != 1 || !strings.Contains(reqs[0].body, "<LocationConstraint>eu-west-2</LocationConstraint>") {
		t.Errorf("CreateBucket with a per-call region: got %+v, want a LocationConstraint of eu-west-2", reqs)
	}

	// Presigning: the per-call region signs the URL.
	pr, err := svc.Object("bkt", "key").Presign(ctx, nil, perCall)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pr.URL, "%2Feu-west-2%2Fs3%2Faws4_request") {
		t.Errorf("presigned URL %s: want the per-call region eu-west-2 in its credential scope", pr.URL)
	}
}

// TestServiceClientOptions: the ClientOptions of New apply once to every
// request, transfers' included; FromConfig makes its client with them and
// does not apply them again.
func TestServiceClientOptions(t *testing.T) {
	stub := &stubS3{}
	ts := httptest.NewServer(stub)
	defer ts.Close()
	dir := t.TempDir()
	if err := writeFile(dir+"/small", "data"); err != nil {
		t.Fatal(err)
	}
	withSvc := func(o *resource.Options) {
		o.ClientOptions = append(o.ClientOptions, withHeader("X-Service", "yes"))
	}
	fromConfig, err := resource.FromConfig(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")},
		func(o *resource.Options) {
			o.ClientOptions = append(o.ClientOptions, func(co *s3.Options) { co.EndpointURL = ts.URL })
		}, withSvc, oneAttempt)
	if err != nil {
		t.Fatal(err)
	}
	for name, svc := range map[string]*resource.Service{"New": newStubService(t, ts.URL, withSvc), "FromConfig": fromConfig} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			for _, tc := range callsOf(svc, dir) {
				stub.take()
				// A per-call option as well: both apply.
				if err := tc.call(ctx, func(o *resource.Options) {
					o.ClientOptions = append(o.ClientOptions, withHeader("X-Per-Call", "yes"))
				}); err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				for _, r := range stub.take() {
					if got := r.header.Values("X-Service"); len(got) != 1 || r.header.Get("X-Per-Call") != "yes" {
						t.Errorf("%s: %s %s: X-Service %q, X-Per-Call %q; want [yes] and yes", tc.name, r.method, r.target, got, r.header.Get("X-Per-Call"))
					}
				}
			}
		})
	}
}

// TestPerCallWaiter: Options.Waiter, and a call's change to it, configure
// the waiters.
func TestPerCallWaiter(t *testing.T) {
	var heads int
	var mu sync.Mutex
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		heads++
		mu.Unlock()
		w.WriteHeader(http.StatusNotFound)
	}))
	defer ts.Close()
	noSleep := func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	svc := newStubService(t, ts.URL, func(o *resource.Options) {
		o.Waiter = goto3.WaiterConfig{MaxAttempts: 3, Sleep: noSleep}
	})
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		optFns []func(*resource.Options)
		want   int
	}{
		{"service", nil, 3},
		{"per-call", []func(*resource.Options){func(o *resource.Options) { o.Waiter.MaxAttempts = 2 }}, 2},
		{"service again", nil, 3},
	} {
		for _, wait := range []func(context.Context, ...func(*resource.Options)) error{
			svc.Bucket("bkt").WaitUntilExists, svc.Object("bkt", "key").WaitUntilExists,
		} {
			heads = 0
			err := wait(ctx, tc.optFns...)
			var te *goto3.WaiterTimeoutError
			if !errors.As(err, &te) || heads != tc.want {
				t.Errorf("%s: got %v after %d calls, want a *goto3.WaiterTimeoutError after %d", tc.name, err, heads, tc.want)
			}
		}
	}
}

// TestPerCallTransferOptions: a call's change to Options.Transfer reaches
// the transfer manager for that transfer only.
func TestPerCallTransferOptions(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	svc := serviceFor(t, srv) // 5 MiB parts, 5 MiB threshold
	ctx := context.Background()
	b, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: testpeer.BucketName(t)})
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("0123456789abcdef"), 12<<20/16) // 12 MiB
	upload := func(optFns ...func(*resource.Options)) int {
		t.Helper()
		out, err := b.Object("big").Upload(ctx, &transfer.UploadInput{Body: bytes.NewReader(data)}, optFns...)
		if err != nil {
			t.Fatal(err)
		}
		return out.Parts
	}
	if got := upload(); got != 3 {
		t.Errorf("service options: %d parts, want 3 (5 MiB parts)", got)
	}
	if got := upload(func(o *resource.Options) { o.Transfer.PartSize = 8 << 20 }); got != 2 {
		t.Errorf("per-call PartSize 8 MiB: %d parts, want 2", got)
	}
	if got := upload(func(o *resource.Options) { o.Transfer.PartSize, o.Transfer.MultipartThreshold = 16<<20, 16<<20 }); got != 0 {
		t.Errorf("per-call threshold 16 MiB: %d parts, want 0 (one PutObject)", got)
	}
	if got := upload(); got != 3 {
		t.Errorf("service options after per-call changes: %d parts, want 3", got)
	}

	// The same through the other transfer methods: a per-call invalid
	// setting comes back from the manager, before any I/O.
	invalid := func(o *resource.Options) { o.Transfer.PartSize = 1 }
	for name, call := range map[string]func() error{
		"Bucket.UploadFile": func() error {
			_, err := b.UploadFile(ctx, &transfer.UploadFileInput{Key: "k", Path: "p"}, invalid)
			return err
		},
		"Bucket.DownloadFile": func() error {
			_, err := b.DownloadFile(ctx, &transfer.DownloadFileInput{Key: "k", Path: "p"}, invalid)
			return err
		},
		"Object.UploadFile": func() error {
			_, err := b.Object("k").UploadFile(ctx, &transfer.UploadFileInput{Path: "p"}, invalid)
			return err
		},
		"Object.DownloadFile": func() error {
			_, err := b.Object("k").DownloadFile(ctx, &transfer.DownloadFileInput{Path: "p"}, invalid)
			return err
		},
		"Object.DownloadTo": func() error {
			_, err := b.Object("k").DownloadTo(ctx, &transfer.DownloadToInput{Writer: io.Discard}, invalid)
			return err
		},
		"Object.CopyFrom": func() error {
			_, err := b.Object("k").CopyFrom(ctx, &transfer.CopyInput{Source: transfer.Source{Bucket: b.Name, Key: "big"}}, invalid)
			return err
		},
	} {
		if err := call(); err == nil || !strings.Contains(err.Error(), "PartSize") {
			t.Errorf("%s with PartSize 1: got %v, want an error naming PartSize", name, err)
		}
	}
}

// TestOtherObjectRefused: an input naming another bucket or key is refused
// before any request, and the caller's input is left as it was.
func TestOtherObjectRefused(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request was sent: %s %s", r.Method, r.URL)
	}))
	defer ts.Close()
	svc := newStubService(t, ts.URL)
	ctx := context.Background()
	b := svc.Bucket("bkt")
	obj := b.Object("key")
	getIn := &s3.GetObjectInput{Key: "other"}
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"Bucket.Create", func() error {
			_, err := b.Create(ctx, &s3.CreateBucketInput{Bucket: "other"})
			return err
		}, `resource: Bucket.Create: the input names bucket "other", the bucket is "bkt"`},
		{"Bucket.Delete", func() error {
			_, err := b.Delete(ctx, &s3.DeleteBucketInput{Bucket: "other"})
			return err
		}, `resource: Bucket.Delete: the input names bucket "other", the bucket is "bkt"`},
		{"Object.Get other key", func() error {
			_, err := obj.Get(ctx, getIn)
			return err
		}, "resource: Object.Get: the input names s3://bkt/other, the object is s3://bkt/key"},
		{"Object.Get other bucket", func() error {
			_, err := obj.Get(ctx, &s3.GetObjectInput{Bucket: "other", Key: "key"})
			return err
		}, "resource: Object.Get: the input names s3://other/key, the object is s3://bkt/key"},
		{"Object.Put", func() error {
			_, err := obj.Put(ctx, &s3.PutObjectInput{Bucket: "other", Body: strings.NewReader("x")})
			return err
		}, "resource: Object.Put: the input names s3://other/key, the object is s3://bkt/key"},
		{"Object.Delete", func() error {
			_, err := obj.Delete(ctx, &s3.DeleteObjectInput{Key: "other"})
			return err
		}, "resource: Object.Delete: the input names s3://bkt/other, the object is s3://bkt/key"},
		{"Object.Presign", func() error {
			_, err := obj.Presign(ctx, &s3.GetObjectInput{Bucket: "other"})
			return err
		}, "resource: Object.Presign: the input names s3://other/key, the object is s3://bkt/key"},
		{"Object.PresignPut", func() error {
			_, err := obj.PresignPut(ctx, &s3.PutObjectInput{Key: "other"})
			return err
		}, "resource: Object.PresignPut: the input names s3://bkt/other, the object is s3://bkt/key"},
		{"Object.Upload", func() error {
			_, err := obj.Upload(ctx, &transfer.UploadInput{Key: "other", Body: strings.NewReader("x")})
			return err
		}, "resource: Object.Upload: the input names s3://bkt/other, the object is s3://bkt/key"},
		{"Service.CreateBucket without a name", func() error {
			_, err := svc.CreateBucket(ctx, nil)
			return err
		}, "Bucket"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	if getIn.Bucket != "" || getIn.Key != "other" {
		t.Errorf("the caller's input was changed: %+v", getIn)
	}
}

// TestPresignExpires: the expiry of a presigned request is
// Options.Presign.Expires (s3.PresignOptions.Expires), the service's or a
// call's.
func TestPresignExpires(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	newSvc := func(optFns ...func(*resource.Options)) *resource.Service {
		c, err := s3.New(goto3.Config{}, func(co *s3.Options) {
			*co = s3.Options{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""),
				EndpointURL: "http://127.0.0.1:1", Now: func() time.Time { return now }}
		})
		if err != nil {
			t.Fatal(err)
		}
		svc, err := resource.New(c, optFns...)
		if err != nil {
			t.Fatal(err)
		}
		return svc
	}
	ctx := context.Background()
	hour := func(o *resource.Options) { o.Presign.Expires = time.Hour }
	minute := func(o *resource.Options) { o.Presign.Expires = time.Minute }
	for _, tc := range []struct {
		name   string
		svc    *resource.Service
		optFns []func(*resource.Options)
		want   time.Duration
	}{
		{"default", newSvc(), nil, s3.DefaultPresignExpires},
		{"service", newSvc(hour), nil, time.Hour},
		{"per-call", newSvc(), []func(*resource.Options){minute}, time.Minute},
		{"per-call over service", newSvc(hour), []func(*resource.Options){minute}, time.Minute},
		{"per-call PresignOptions.ClientOptions", newSvc(hour), []func(*resource.Options){func(o *resource.Options) {
			o.Presign.ClientOptions = append(o.Presign.ClientOptions, func(co *s3.Options) { co.Region = "eu-west-3" })
		}}, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			obj := tc.svc.Object("bkt", "key")
			get, err := obj.Presign(ctx, &s3.GetObjectInput{VersionId: ptr("v1")}, tc.optFns...)
			if err != nil {
				t.Fatal(err)
			}
			put, err := obj.PresignPut(ctx, &s3.PutObjectInput{ContentType: ptr("text/plain")}, tc.optFns...)
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range []*resource.PresignedRequest{get, put} {
				u, err := url.Parse(pr.URL)
				if err != nil {
					t.Fatal(err)
				}
				q := u.Query()
				if got, want := q.Get("X-Amz-Expires"), strconv.Itoa(int(tc.want.Seconds())); got != want {
					t.Errorf("%s: X-Amz-Expires %s, want %s", pr.Method, got, want)
				}
				if !pr.Expires.Equal(now.Add(tc.want)) {
					t.Errorf("%s: Expires %v, want %v", pr.Method, pr.Expires, now.Add(tc.want))
				}
				if u.Path != "/bkt/key" {
					t.Errorf("%s: path %s, want /bkt/key", pr.Method, u.Path)
				}
				if strings.HasPrefix(tc.name, "per-call PresignOptions") != strings.Contains(q.Get("X-Amz-Credential"), "/eu-west-3/") {
					t.Errorf("%s: credential %s", pr.Method, q.Get("X-Amz-Credential"))
				}
			}
			if got := get.URL; !strings.Contains(got, "versionId=v1") {
				t.Errorf("GET %s: want the input's versionId", got)
			}
			if got := put.SignedHeader.Get("Content-Type"); got != "text/plain" {
				t.Errorf("PUT: signed Content-Type %q, want text/plain", got)
			}
		})
	}
	// An expiry the signer refuses is an error.
	if _, err := newSvc().Object("bkt", "key").Presign(ctx, nil, func(o *resource.Options) { o.Presign.Expires = 8 * 24 * time.Hour }); err == nil {
		t.Error("Presign for 8 days: got no error")
	}
}

func writeFile(path, data string) error { return os.WriteFile(path, []byte(data), 0o600) }
