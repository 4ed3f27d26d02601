package discardserver_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/internal/testing/discardserver"
	"github.com/goto3/goto3/sigv4"
)

var client = &http.Client{Timeout: 30 * time.Second}

func do(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func put(t testing.TB, url string, body []byte, hdr map[string]string) (*http.Response, []byte) {
	req, _ := http.NewRequest("PUT", url, bytes.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	return do(t, req)
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestUploads(t *testing.T) {
	body := bytes.Repeat([]byte("u"), 3<<20)
	for _, tc := range []struct {
		name       string
		verify     bool
		hash       string
		wantStatus int
	}{
		{"no verify, wrong hash accepted", false, sum([]byte("other")), 200},
		{"verify, right hash", true, sum(body), 200},
		{"verify, wrong hash", true, sum([]byte("other")), 400},
		{"verify, unsigned payload", true, sigv4.UnsignedPayload, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := discardserver.Start(t, discardserver.Options{VerifyPayloadHash: tc.verify})
			resp, b := put(t, s.URL+"/bkt/key", body, map[string]string{"X-Amz-Content-Sha256": tc.hash, "X-Amz-Checksum-Crc32": "AAAAAA=="})
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("got %d %s, want %d", resp.StatusCode, b, tc.wantStatus)
			}
			st := s.Stats()
			if st.BodyBytesIn != int64(len(body)) {
				t.Errorf("BodyBytesIn: got %d, want %d", st.BodyBytesIn, len(body))
			}
			if tc.wantStatus == 200 && (resp.Header.Get("ETag") == "" || resp.Header.Get("X-Amz-Checksum-Crc32") != "AAAAAA==") {
				t.Errorf("got ETag %q checksum %q, want an ETag and the checksum echoed", resp.Header.Get("ETag"), resp.Header.Get("X-Amz-Checksum-Crc32"))
			}
			if tc.wantStatus == 400 && (st.HashMismatch != 1 || !strings.Contains(string(b), "XAmzContentSHA256Mismatch")) {
				t.Errorf("got %+v %s, want one XAmzContentSHA256Mismatch", st, b)
			}
		})
	}
}

func TestChunkedUpload(t *testing.T) {
	s := discardserver.Start(t, discardserver.Options{})
	data := bytes.Repeat([]byte("c"), 200000)
	req, _ := http.NewRequest("PUT", s.URL+"/bkt/key?partNumber=1&uploadId=x", nil)
	h := crc32.NewIEEE()
	r, err := sigv4.NewSigner(sigv4.S3Options).SignChunked(req, sigv4.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"},
		sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Unix(0, 0)}, bytes.NewReader(data), int64(len(data)),
		sigv4.ChunkedOptions{TrailerHeader: "x-amz-checksum-crc32", Checksum: h})
	if err != nil {
		t.Fatal(err)
	}
	req.Body = io.NopCloser(r)
	resp, b := do(t, req)
	if resp.StatusCode != 200 {
		t.Fatalf("got %d %s, want 200", resp.StatusCode, b)
	}
	c := crc32.NewIEEE()
	c.Write(data)
	want := base64.StdEncoding.EncodeToString(c.Sum(nil))
	if got := resp.Header.Get("X-Amz-Checksum-Crc32"); got != want {
		t.Errorf("trailer echoed: got %q, want %q", got, want)
	}
	st := s.Stats()
	if st.BodyBytesIn != int64(len(data)) || st.ChunkedBodies != 1 || st.UploadParts != 1 {
		t.Errorf("got %+v, want the decoded length, one chunked body, one part", st)
	}
}

func TestMultipart(t *testing.T) {
	s := discardserver.Start(t, discardserver.Options{})
	req, _ := http.NewRequest("POST", s.URL+"/bkt/key?uploads", nil)
	resp, b := do(t, req)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<UploadId>discard-upload-1</UploadId>") {
		t.Fatalf("Create: got %d %s", resp.StatusCode, b)
	}
	p1, p2 := []byte{1, 2, 3, 4}, []byte{5, 6, 7, 8}
	complete := fmt.Sprintf("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag><ChecksumCRC32>%s</ChecksumCRC32></Part><Part><PartNumber>2</PartNumber><ETag>y</ETag><ChecksumCRC32>%s</ChecksumCRC32></Part></CompleteMultipartUpload>",
		base64.StdEncoding.EncodeToString(p1), base64.StdEncoding.EncodeToString(p2))
	req, _ = http.NewRequest("POST", s.URL+"/bkt/key?uploadId=discard-upload-1", strings.NewReader(complete))
	resp, b = do(t, req)
	want := base64.StdEncoding.EncodeToString(func() []byte { h := crc32.NewIEEE(); h.Write(append(p1, p2...)); return h.Sum(nil) }()) + "-2"
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<ChecksumCRC32>"+want+"</ChecksumCRC32>") || !strings.Contains(string(b), "-2&#34;</ETag>") {
		t.Errorf("Complete: got %d %s, want the composite checksum %s and a -2 ETag", resp.StatusCode, b, want)
	}
}

func TestDownloads(t *testing.T) {
	const size = 3<<20 + 5
	s := discardserver.Start(t, discardserver.Options{ObjectSize: func(_, key string) int64 {
		if key == "missing" {
			return -1
		}
		return size
	}})
	for _, tc := range []struct {
		name       string
		hdr        map[string]string
		wantStatus int
		start, n   int64
	}{
		{"whole", nil, 200, 0, size},
		{"range", map[string]string{"Range": "bytes=1048570-2097160"}, 206, 1048570, 2097160 - 1048570 + 1},
		{"open range", map[string]string{"Range": "bytes=3145728-"}, 206, 3145728, 5},
		{"if-match ok", map[string]string{"If-Match": discardserver.ETag(size), "Range": "bytes=0-9"}, 206, 0, 10},
		{"if-match changed", map[string]string{"If-Match": `"old"`}, 412, 0, 0},
		{"past the end", map[string]string{"Range": "bytes=3145733-"}, 416, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", s.URL+"/bkt/key", nil)
			for k, v := range tc.hdr {
				req.Header.Set(k, v)
			}
			resp, b := do(t, req)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("got %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if tc.wantStatus >= 300 {
				return
			}
			want := make([]byte, tc.n)
			discardserver.Data(tc.start, want)
			if !bytes.Equal(b, want) {
				t.Errorf("got %d bytes differing from Data(%d, %d)", len(b), tc.start, tc.n)
			}
		})
	}
	req, _ := http.NewRequest("HEAD", s.URL+"/bkt/key", nil)
	if resp, _ := do(t, req); resp.ContentLength != size || resp.Header.Get("ETag") != discardserver.ETag(size) {
		t.Errorf("HEAD: got %d %s, want %d %s", resp.ContentLength, resp.Header.Get("ETag"), size, discardserver.ETag(size))
	}
	req, _ = http.NewRequest("GET", s.URL+"/bkt/missing", nil)
	if resp, _ := do(t, req); resp.StatusCode != 404 {
		t.Errorf("missing key: got %d, want 404", resp.StatusCode)
	}
}

func TestDataIsOffsetDependent(t *testing.T) {
	// Parts of a power-of-two size at different offsets differ, so a
	// misplaced part is caught.
	a, b := make([]byte, 8<<20), make([]byte, 8<<20)
	discardserver.Data(0, a)
	discardserver.Data(8<<20, b)
	if bytes.Equal(a, b) {
		t.Error("got the same bytes at offsets 0 and 8 MiB, want them to differ")
	}
	c := make([]byte, 10)
	discardserver.Data(5, c)
	if d := cmp.Diff(a[5:15], c); d != "" {
		t.Errorf("Data(5) differs from Data(0)[5:] (-want +got):\n%s", d)
	}
}

// TestProcessLeavesNothing points os.TempDir at an empty directory and
// checks that starting, using and stopping a server process (twice, as a
// benchmark with sub-benchmarks does) leaves it empty.
func TestProcessLeavesNothing(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	if got := os.TempDir(); got != tmp {
		t.Fatalf("got os.TempDir() %q, want %q", got, tmp)
	}
	for i := range 2 {
		p := discardserver.StartProcess(t, discardserver.ProcessOptions{Size: 10})
		req, err := http.NewRequest("GET", p.URL+"/bkt/key", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, b := do(t, req)
		if resp.StatusCode != 200 || len(b) != 10 {
			t.Fatalf("run %d: got %d and %d bytes, want 200 and 10", i, resp.StatusCode, len(b))
		}
		p.Stop()
	}
	ents, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if len(names) != 0 {
		t.Errorf("got %q left in os.TempDir(), want nothing", names)
	}
}

func TestProcess(t *testing.T) {
	p := discardserver.StartProcess(t, discardserver.ProcessOptions{Size: 1 << 20})
	req, _ := http.NewRequest("GET", p.URL+"/bkt/key", nil)
	resp, b := do(t, req)
	want := make([]byte, 1<<20)
	discardserver.Data(0, want)
	if resp.StatusCode != 200 || !bytes.Equal(b, want) {
		t.Fatalf("got %d and %d bytes, want 200 and the 1 MiB object", resp.StatusCode, len(b))
	}
	u := p.Stop()
	if u.MaxRSSKiB <= 0 {
		t.Errorf("got usage %+v, want a peak RSS", u)
	}
	if _, err := client.Get(p.URL + "/bkt/key"); err == nil {
		t.Error("got an answer after Stop, want the process gone")
	}
}

// TestChildNeedsArg checks that the environment variable alone does not
// turn a binary into a server: this test binary runs its tests with it set.
func TestChildNeedsArg(t *testing.T) {
	if os.Getenv("GOTO3_DISCARDSERVER_CHILD") == "1" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestChildNeedsArg$")
	cmd.Env = append(os.Environ(), "GOTO3_DISCARDSERVER_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS") {
		t.Errorf("got %v and %q, want the tests to run and pass", err, out)
	}
}

// TestFirstByteDelay: a GetObject answers no sooner than FirstByteDelay.
func TestFirstByteDelay(t *testing.T) {
	const delay = 30 * time.Millisecond
	s := discardserver.Start(t, discardserver.Options{FirstByteDelay: delay, ObjectSize: func(string, string) int64 { return 10 }})
	start := time.Now()
	resp, err := http.Get(s.URL + "/b/k")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if el := time.Since(start); el < delay || resp.StatusCode != 200 || len(body) != 10 {
		t.Fatalf("got %d, %d bytes after %v; want 200, 10 bytes, no sooner than %v", resp.StatusCode, len(body), el, delay)
	}
}
