package transfer_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

func TestCRCCombine(t *testing.T) {
	a, b := pattern(1000), pattern(12345)[7:]
	whole := append(append([]byte{}, a...), b...)
	for _, alg := range []s3.ChecksumAlgorithm{s3.ChecksumAlgorithmCrc32, s3.ChecksumAlgorithmCrc32c, s3.ChecksumAlgorithmCrc64nvme} {
		t.Run(algName(alg), func(t *testing.T) {
			got, err := transfer.FullSum(alg, []string{checksum(alg, a), checksum(alg, b), checksum(alg, nil)}, []int64{int64(len(a)), int64(len(b)), 0})
			if err != nil {
				t.Fatal(err)
			}
			if want := checksum(alg, whole); got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
	// A direct check of the combine operator.
	c1, c2 := crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b)
	if got, want := uint32(transfer.CRCCombine(s3.ChecksumAlgorithmCrc32, uint64(c1), uint64(c2), int64(len(b)))), crc32.ChecksumIEEE(whole); got != want {
		t.Errorf("got %08x, want %08x", got, want)
	}
}

func TestCompositeChecksum(t *testing.T) {
	p1, p2 := pattern(10), pattern(20)
	s1, s2 := crc32.ChecksumIEEE(p1), crc32.ChecksumIEEE(p2)
	var raw [8]byte
	binary.BigEndian.PutUint32(raw[:4], s1)
	binary.BigEndian.PutUint32(raw[4:], s2)
	var out [4]byte
	binary.BigEndian.PutUint32(out[:], crc32.ChecksumIEEE(raw[:]))
	want := base64.StdEncoding.EncodeToString(out[:]) + "-2"
	got, err := transfer.CompositeSum(s3.ChecksumAlgorithmCrc32, []string{checksum(s3.ChecksumAlgorithmCrc32, p1), checksum(s3.ChecksumAlgorithmCrc32, p2)})
	if err != nil || got != want {
		t.Errorf("got %q, %v, want %q", got, err, want)
	}
}

// fakeClock advances only when slept on.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

func TestLimiterFakeClock(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1e9, 0)}
	l := transfer.NewLimiter(1<<20, clk.Now, clk.Sleep)
	start := clk.Now()
	for i := 0; i < 64; i++ {
		if err := l.Wait(context.Background(), 1<<20); err != nil {
			t.Fatal(err)
		}
	}
	// 64 MiB at 1 MiB/s: 64 s, each wait sleeping off its own debt.
	if got := clk.Now().Sub(start); got < 63*time.Second || got > 65*time.Second {
		t.Errorf("got %v, want about 64s", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Wait(ctx, 1<<20); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestBandwidthRealClock moves 64 MiB through a limited manager against
// the in-memory fake with the real clock and asks for the rate within
// 10%. Loaded machines can make it slower; it is then retried once.
func TestBandwidthRealClock(t *testing.T) {
	if testing.Short() {
		t.Skip("takes seconds of real time")
	}
	const rate = 32 * mib
	data := pattern(64 * mib)
	measure := func(t *testing.T, move func(*transfer.Manager) error) float64 {
		f := newFake()
		f.put("b", "k", data)
		f.discard, f.drain = true, true
		m := newManager(t, f, transfer.Options{MaxBandwidth: rate, Concurrency: 8, PartSize: 5 * mib})
		t0 := time.Now()
		if err := move(m); err != nil {
			t.Fatal(err)
		}
		return float64(len(data)) / time.Since(t0).Seconds()
	}
	for _, tc := range []struct {
		name string
		move func(*transfer.Manager) error
	}{
		{"upload", func(m *transfer.Manager) error {
			_, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "u", Body: bytes.NewReader(data)})
			return err
		}},
		{"download", func(m *transfer.Manager) error {
			_, err := m.Download(context.Background(), &transfer.DownloadInput{Bucket: "b", Key: "k", WriterAt: discardAt{}})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := measure(t, tc.move)
			if got < 0.9*rate || got > 1.1*rate {
				t.Logf("first run: %.1f MiB/s; again", got/mib)
				got = measure(t, tc.move)
			}
			if got < 0.9*rate || got > 1.1*rate {
				t.Errorf("got %.1f MiB/s, want %d MiB/s within 10%%", got/mib, rate/mib)
			}
		})
	}
}

type discardAt struct{}

func (discardAt) WriteAt(p []byte, off int64) (int, error) { return len(p), nil }

func TestDirs(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{"a.txt": "A", "sub/b.bin": "BB", "sub/deep/c.txt": "CCC", "skip.tmp": "x"}
	for name, content := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f := newFake()
	for i := 0; i < 20; i++ { // other keys under another prefix, to page through
		f.put("b", "other/"+string(rune('a'+i)), nil)
	}
	m := newManager(t, f, smallConfig())
	noTmp := func(rel string) bool { return !strings.HasSuffix(rel, ".tmp") }
	urec := &recorder{}
	res, err := m.UploadDir(context.Background(), &transfer.UploadDirInput{Bucket: "b", KeyPrefix: "up/", Dir: src, Filter: noTmp, Progress: urec.fn})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 3 || res.Bytes != 6 {
		t.Errorf("got %+v, want 3 files, 6 bytes", res)
	}
	if urec.err != nil || urec.total != 6 || urec.size != 6 {
		t.Errorf("upload progress: got %d of %d (%v), want 6 of 6, the files together", urec.total, urec.size, urec.err)
	}
	var keys []string
	for k := range f.objects {
		if strings.HasPrefix(k, "b/up/") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if d := cmp.Diff([]string{"b/up/a.txt", "b/up/sub/b.bin", "b/up/sub/deep/c.txt"}, keys); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}

	dst := t.TempDir()
	drec := &recorder{}
	dres, err := m.DownloadDir(context.Background(), &transfer.DownloadDirInput{Bucket: "b", KeyPrefix: "up/", Dir: dst, Filter: func(rel string) bool { return rel != "a.txt" }, Progress: drec.fn})
	if err != nil {
		t.Fatal(err)
	}
	if dres.Files != 2 || dres.Bytes != 5 {
		t.Errorf("got %+v, want 2 files, 5 bytes", dres)
	}
	// The size is known once the listing ended, which may come after
	// the last file's last bytes.
	if drec.err != nil || drec.total != 5 || (drec.size != 5 && drec.size != -1) {
		t.Errorf("download progress: got %d of %d (%v), want 5 of 5 (or of -1), the files together", drec.total, drec.size, drec.err)
	}
	for _, name := range []string{"sub/b.bin", "sub/deep/c.txt"} {
		b, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(name)))
		if err != nil || string(b) != files[name] {
			t.Errorf("%s: got %q, %v, want %q", name, b, err, files[name])
		}
	}
	if _, err := os.Stat(filepath.Join(dst, "a.txt")); err == nil {
		t.Errorf("a.txt downloaded despite the filter")
	}
}

func TestDownloadDirRefusesEscapingKeys(t *testing.T) {
	f := newFake()
	f.put("b", "p/../../evil", []byte("x"))
	m := newManager(t, f, smallConfig())
	dst := t.TempDir()
	if _, err := m.DownloadDir(context.Background(), &transfer.DownloadDirInput{Bucket: "b", KeyPrefix: "p/", Dir: filepath.Join(dst, "in")}); err == nil {
		t.Fatal("got no error for a key leaving the directory")
	}
	for _, rel := range []string{"../x", "/abs", "a/../../x", "..", "a\\b"} {
		if _, err := transfer.LocalPath(dst, rel); err == nil {
			t.Errorf("LocalPath(%q) accepted", rel)
		}
	}
	if p, err := transfer.LocalPath(dst, "a/./b"); err != nil || p != filepath.Join(dst, "a", "b") {
		t.Errorf("got %q, %v", p, err)
	}
}

func TestChunkerStreamBuffers(t *testing.T) {
	// A 10 KB stream costs a small buffer, not a part.
	c := transfer.NewChunker(nil, strings.NewReader(strings.Repeat("x", 10_000)), -1, 8*mib, 3)
	p, err := c.Next()
	if err != nil {
		t.Fatal(err)
	}
	if p.Size() != 10_000 || p.BufCap() > 64<<10 {
		t.Errorf("got part of %d bytes in a %d-byte buffer, want 10000 in at most 64 KiB", p.Size(), p.BufCap())
	}
	c.Release(p)
	if _, err := c.Next(); err != io.EOF {
		t.Errorf("got %v, want io.EOF", err)
	}
	c.Close()
}

func TestChunkerBoundsBuffers(t *testing.T) {
	c := transfer.NewChunker(nil, bytes.NewReader(make([]byte, 10*mib)), -1, 1*mib, 2)
	p1, _ := c.Next()
	p2, _ := c.Next()
	got := make(chan *transfer.Part)
	go func() { p, _ := c.Next(); got <- p }()
	select {
	case <-got:
		t.Fatal("a third part came out while two were held")
	case <-time.After(50 * time.Millisecond):
	}
	c.Release(p1)
	p3 := <-got
	if p3.Num() != 3 || p3.Offset() != 2*mib {
		t.Errorf("got part %d at %d, want 3 at %d", p3.Num(), p3.Offset(), 2*mib)
	}
	c.Release(p2)
	c.Release(p3)
}

func TestPartReadSeek(t *testing.T) {
	data := pattern(100)
	c := transfer.NewChunker(bytes.NewReader(data), nil, 100, 30, 2)
	p, _ := c.Next()
	p, _ = func() (*transfer.Part, error) { c.Release(p); return c.Next() }()
	if p.Offset() != 30 || p.Size() != 30 {
		t.Fatalf("got part at %d size %d", p.Offset(), p.Size())
	}
	b, err := io.ReadAll(p)
	if err != nil || !bytes.Equal(b, data[30:60]) {
		t.Errorf("got %v, %v", b, err)
	}
	if n, err := p.Seek(-10, io.SeekEnd); n != 20 || err != nil {
		t.Errorf("Seek: got %d, %v", n, err)
	}
	b, _ = io.ReadAll(p)
	if !bytes.Equal(b, data[50:60]) {
		t.Errorf("after Seek got %v", b)
	}
	buf := make([]byte, 40)
	if n, err := p.ReadAt(buf, 25); n != 5 || err != io.EOF || !bytes.Equal(buf[:5], data[55:60]) {
		t.Errorf("ReadAt: got %d, %v", n, err)
	}
}

// TestOptionsValidation: every invalid setting is an error naming it,
// from New and from a transfer's optFns (before any request); zero means
// the default.
func TestOptionsValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(*transfer.Options)
		want string // in the error
	}{
		{"negative MultipartThreshold", func(o *transfer.Options) { o.MultipartThreshold = -1 }, "MultipartThreshold -1 is negative"},
		{"negative PartSize", func(o *transfer.Options) { o.PartSize = -1 }, "PartSize -1 is negative"},
		{"PartSize below 5 MiB", func(o *transfer.Options) { o.PartSize = 5*mib - 1 }, "PartSize 5242879 is below S3's minimum part size"},
		{"PartSize above 5 GiB", func(o *transfer.Options) { o.PartSize = 5<<30 + 1 }, "PartSize 5368709121 is over S3's maximum part size"},
		{"negative Concurrency", func(o *transfer.Options) { o.Concurrency = -2 }, "Concurrency -2 is negative"},
		{"negative DownloadAttempts", func(o *transfer.Options) { o.DownloadAttempts = -1 }, "DownloadAttempts -1 is negative"},
		{"negative MaxBandwidth", func(o *transfer.Options) { o.MaxBandwidth = -1 }, "MaxBandwidth -1 is negative"},
		{"negative AbortTimeout", func(o *transfer.Options) { o.AbortTimeout = -time.Second }, "AbortTimeout -1s is negative"},
		{"unknown algorithm", func(o *transfer.Options) { o.ChecksumAlgorithm = "CRC16" }, `unknown ChecksumAlgorithm "CRC16"`},
		{"algorithm and DisableChecksum", func(o *transfer.Options) {
			o.ChecksumAlgorithm, o.DisableChecksum = s3.ChecksumAlgorithmSha256, true
		}, "DisableChecksum is set with ChecksumAlgorithm SHA256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := transfer.New(newFake(), tc.set)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: got %v, want an error containing %q", err, tc.want)
			}
			f := newFake()
			m := newManager(t, f, transfer.Options{})
			_, err = m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "k", Body: strings.NewReader("x")}, tc.set)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Upload with optFns: got %v, want an error containing %q", err, tc.want)
			}
			if len(f.calls) != 0 {
				t.Errorf("got calls %v, want none", f.calls)
			}
		})
	}
	t.Run("nil API", func(t *testing.T) {
		var c *s3.Client
		for _, api := range []transfer.API{nil, c} {
			if m, err := transfer.New(api); err == nil || m != nil {
				t.Errorf("New(%#v): got %v, %v, want an error", api, m, err)
			}
		}
	})
	t.Run("defaults", func(t *testing.T) {
		got := newManager(t, newFake(), transfer.Options{}).Options()
		want := transfer.Options{MultipartThreshold: 8 * mib, PartSize: 8 * mib, Concurrency: 10, InOrderBuffer: 16 * mib, DownloadAttempts: 5,
			ChecksumAlgorithm: s3.ChecksumAlgorithmCrc32, AbortTimeout: 30 * time.Second}
		got.Now, got.Sleep = nil, nil
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("defaults (-want +got):\n%s", d)
		}
	})
	t.Run("DisableChecksum per call", func(t *testing.T) {
		f := newFake()
		m := newManager(t, f, transfer.Options{})
		in := &transfer.UploadInput{Bucket: "b", Key: "k", Body: strings.NewReader("x")}
		if _, err := m.Upload(context.Background(), in, func(o *transfer.Options) { o.DisableChecksum = true }); err != nil {
			t.Fatal(err)
		}
		if o, _ := f.get("b", "k"); o.in.ChecksumAlgorithm != nil || o.sum != "" {
			t.Errorf("got checksum %v %q, want none", o.in.ChecksumAlgorithm, o.sum)
		}
		m = newManager(t, f, transfer.Options{DisableChecksum: true})
		in.Body = strings.NewReader("x")
		if _, err := m.Upload(context.Background(), in, func(o *transfer.Options) { o.ChecksumAlgorithm = s3.ChecksumAlgorithmSha1 }); err != nil {
			t.Fatal(err)
		}
		if o, _ := f.get("b", "k"); o.in.ChecksumAlgorithm == nil || *o.in.ChecksumAlgorithm != s3.ChecksumAlgorithmSha1 {
			t.Errorf("got checksum algorithm %v, want SHA1", o.in.ChecksumAlgorithm)
		}
	})
}

// TestInputValidation: a nil input says so, a missing field is named, and
// nothing is sent.
func TestInputValidation(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	m := newManager(t, f, transfer.Options{})
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"UploadFile nil", func() error { _, err := m.UploadFile(ctx, nil); return err }, "transfer: UploadFile: nil input"},
		{"UploadFile Bucket", func() error { _, err := m.UploadFile(ctx, &transfer.UploadFileInput{Key: "k", Path: "p"}); return err }, "UploadFile: invalid input: Bucket: required"},
		{"UploadFile Key", func() error {
			_, err := m.UploadFile(ctx, &transfer.UploadFileInput{Bucket: "b", Path: "p"})
			return err
		}, "UploadFile: invalid input: Key: required"},
		{"UploadFile Path", func() error {
			_, err := m.UploadFile(ctx, &transfer.UploadFileInput{Bucket: "b", Key: "k"})
			return err
		}, "UploadFile: invalid input: Path: required"},
		{"Upload nil", func() error { _, err := m.Upload(ctx, nil); return err }, "transfer: Upload: nil input"},
		{"Upload Body", func() error { _, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "b", Key: "k"}); return err }, "Upload: invalid input: Body: required"},
		{"Upload Size", func() error {
			_, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "b", Key: "k", Body: strings.NewReader(""), Size: -1})
			return err
		}, "Upload: invalid input: Size: negative"},
		{"DownloadFile nil", func() error { _, err := m.DownloadFile(ctx, nil); return err }, "transfer: DownloadFile: nil input"},
		{"DownloadFile Path", func() error {
			_, err := m.DownloadFile(ctx, &transfer.DownloadFileInput{Bucket: "b", Key: "k"})
			return err
		}, "DownloadFile: invalid input: Path: required"},
		{"Download nil", func() error { _, err := m.Download(ctx, nil); return err }, "transfer: Download: nil input"},
		{"Download WriterAt", func() error { _, err := m.Download(ctx, &transfer.DownloadInput{Bucket: "b", Key: "k"}); return err }, "Download: invalid input: WriterAt: required"},
		{"DownloadTo nil", func() error { _, err := m.DownloadTo(ctx, nil); return err }, "transfer: DownloadTo: nil input"},
		{"DownloadTo Key", func() error {
			_, err := m.DownloadTo(ctx, &transfer.DownloadToInput{Bucket: "b", Writer: io.Discard})
			return err
		}, "DownloadTo: invalid input: Key: required"},
		{"DownloadTo Writer", func() error {
			_, err := m.DownloadTo(ctx, &transfer.DownloadToInput{Bucket: "b", Key: "k"})
			return err
		}, "DownloadTo: invalid input: Writer: required"},
		{"Copy nil", func() error { _, err := m.Copy(ctx, nil); return err }, "transfer: Copy: nil input"},
		{"Copy Source.Key", func() error {
			_, err := m.Copy(ctx, &transfer.CopyInput{Bucket: "b", Key: "k", Source: transfer.Source{Bucket: "s"}})
			return err
		}, "Copy: invalid input: Source.Key: required"},
		{"UploadDir nil", func() error { _, err := m.UploadDir(ctx, nil); return err }, "transfer: UploadDir: nil input"},
		{"UploadDir Dir", func() error { _, err := m.UploadDir(ctx, &transfer.UploadDirInput{Bucket: "b"}); return err }, "UploadDir: invalid input: Dir: required"},
		{"DownloadDir nil", func() error { _, err := m.DownloadDir(ctx, nil); return err }, "transfer: DownloadDir: nil input"},
		{"DownloadDir Bucket", func() error { _, err := m.DownloadDir(ctx, &transfer.DownloadDirInput{Dir: dir}); return err }, "DownloadDir: invalid input: Bucket: required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
			var ve *goto3.ValidationError
			if strings.Contains(tc.want, "invalid input") && !errors.As(err, &ve) {
				t.Errorf("got %T, want a *goto3.ValidationError inside", err)
			}
		})
	}
	if len(f.calls) != 0 {
		t.Errorf("got calls %v, want none", f.calls)
	}
}

// TestPartSizeOver2GiB: parts (and the stream and DownloadTo buffers of
// their size) over 2 GiB are refused on a 32-bit platform, where they
// would overflow an int, and allowed on a 64-bit one.
func TestPartSizeOver2GiB(t *testing.T) {
	_, err := transfer.New(newFake(), func(o *transfer.Options) { o.PartSize = 3 << 30 })
	if strconv.IntSize == 32 && err == nil {
		t.Error("3 GiB parts on a 32-bit platform: got no error")
	}
	if strconv.IntSize == 64 && err != nil {
		t.Errorf("3 GiB parts on a 64-bit platform: %v", err)
	}
}

// BenchmarkChunker cuts sources into parts and gives them back: zero
// allocations per part once the buffers exist.
func BenchmarkChunker(b *testing.B) {
	b.Run("ReaderAt", func(b *testing.B) {
		src := sparse{size: 1 << 50}
		c := transfer.NewChunker(src, nil, src.size, 8*mib, 11)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p, err := c.Next()
			if err != nil {
				b.Fatal(err)
			}
			c.Release(p)
		}
	})
	b.Run("stream", func(b *testing.B) {
		c := transfer.NewChunker(nil, zeroReader{}, -1, 1*mib, 3)
		for i := 0; i < 3; i++ { // warm the buffers
			p, _ := c.Next()
			c.Release(p)
		}
		b.SetBytes(1 * mib)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			p, err := c.Next()
			if err != nil {
				b.Fatal(err)
			}
			c.Release(p)
		}
	})
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { return len(p), nil }

// TestCheckCompleted: the checksum S3 returns for a completed multipart
// object is checked in full where S3 documents its value (the CRCs' full
// object; CRC32, CRC32C, SHA1 and SHA256 composites); for SHA512, MD5 and
// the xxHash algorithms only the part count of the composite is.
func TestCheckCompleted(t *testing.T) {
	parts := [][]byte{pattern(100), pattern(200)[5:], pattern(7)}
	sums := func(alg s3.ChecksumAlgorithm) ([]string, []int64) {
		var s []string
		var n []int64
		for _, p := range parts {
			s = append(s, checksum(alg, p))
			n = append(n, int64(len(p)))
		}
		return s, n
	}
	whole := append(append(append([]byte{}, parts[0]...), parts[1]...), parts[2]...)
	for _, tc := range []struct {
		name string
		alg  s3.ChecksumAlgorithm
		got  func(composite, full string) string
		ok   bool
	}{
		{"CRC32 composite", s3.ChecksumAlgorithmCrc32, func(c, f string) string { return c }, true},
		{"CRC32 composite wrong", s3.ChecksumAlgorithmCrc32, func(c, f string) string { return "AAAAAA==-3" }, false},
		{"CRC32 full object", s3.ChecksumAlgorithmCrc32, func(c, f string) string { return f }, true},
		{"CRC64NVME full object", s3.ChecksumAlgorithmCrc64nvme, func(c, f string) string { return f }, true},
		{"CRC64NVME full object wrong", s3.ChecksumAlgorithmCrc64nvme, func(c, f string) string { return "AAAAAAAAAAA=" }, false},
		{"SHA256 composite wrong", s3.ChecksumAlgorithmSha256, func(c, f string) string { return f + "-3" }, false},
		{"SHA256 composite", s3.ChecksumAlgorithmSha256, func(c, f string) string { return c }, true},
		{"XXHASH64 composite", s3.ChecksumAlgorithmXxhash64, func(c, f string) string { return c }, true},
		{"XXHASH64 other checksum, same count", s3.ChecksumAlgorithmXxhash64, func(c, f string) string { return f + "-3" }, true},
		{"XXHASH128 wrong count", s3.ChecksumAlgorithmXxhash128, func(c, f string) string { return f + "-2" }, false},
		{"SHA512 wrong count", s3.ChecksumAlgorithmSha512, func(c, f string) string { return c[:len(c)-1] + "4" }, false},
		{"MD5 none returned", s3.ChecksumAlgorithmMd5, func(c, f string) string { return "" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, n := sums(tc.alg)
			composite, err := transfer.CompositeSum(tc.alg, s)
			if err != nil {
				t.Fatal(err)
			}
			err = transfer.CheckCompleted(tc.alg, tc.got(composite, checksum(tc.alg, whole)), s, n)
			if tc.ok && err != nil || !tc.ok && !errors.Is(err, transfer.ErrChecksumMismatch) {
				t.Errorf("got %v, want ok %v (ErrChecksumMismatch otherwise)", err, tc.ok)
			}
		})
	}
}
