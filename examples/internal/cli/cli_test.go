package cli_test

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goto3/goto3/examples/internal/cli"
)

func TestFlagsRegister(t *testing.T) {
	var f cli.Flags
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	f.Register(fs)
	if err := fs.Parse([]string{"-endpoint-url", "http://127.0.0.1:5000", "-region", "eu-west-1"}); err != nil {
		t.Fatal(err)
	}
	want := cli.Flags{EndpointURL: "http://127.0.0.1:5000", Region: "eu-west-1"}
	if f != want {
		t.Errorf("got %+v, want %+v", f, want)
	}
}

func TestFlagsOptions(t *testing.T) {
	tests := []struct {
		name string
		f    cli.Flags
		want int
	}{
		{"none", cli.Flags{}, 0},
		{"region", cli.Flags{Region: "us-east-1"}, 1},
		{"both", cli.Flags{Region: "us-east-1", EndpointURL: "http://127.0.0.1:5000"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(tt.f.Options()); got != tt.want {
				t.Errorf("got %d options, want %d", got, tt.want)
			}
		})
	}
}

func TestFlagsSession(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	sess, err := cli.Flags{Region: "eu-west-1", EndpointURL: "http://127.0.0.1:5000"}.Session()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sess.Region(), "eu-west-1"; got != want {
		t.Errorf("got region %q, want %q", got, want)
	}
}

func TestProgressBar(t *testing.T) {
	var b strings.Builder
	p := cli.ProgressBar(&b, "up")
	p(50, 50, 100)
	p(-50, 0, 100) // rewind: no redraw
	p(50, 50, 100) // same percentage: no redraw
	p(50, 100, 100)
	p(0, 0, 0) // unknown size: nothing
	want := "\rup [############             ]  50%    0.0/0.0 MiB" +
		"\rup [#########################] 100%    0.0/0.0 MiB\n"
	if got := b.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWriteRandomFile(t *testing.T) {
	dir := t.TempDir()
	seed := [32]byte{'s', 'e', 'e', 'd'}
	tests := []struct {
		name string
		size int64
	}{
		{"empty", 0},
		{"small", 1000},
		{"larger", 3 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := filepath.Join(dir, tt.name+".a"), filepath.Join(dir, tt.name+".b")
			sumA, err := cli.WriteRandomFile(a, tt.size, seed)
			if err != nil {
				t.Fatal(err)
			}
			sumB, err := cli.WriteRandomFile(b, tt.size, seed)
			if err != nil {
				t.Fatal(err)
			}
			if sumA != sumB {
				t.Errorf("got sums %s and %s for one seed, want them equal", sumA, sumB)
			}
			data, err := os.ReadFile(a)
			if err != nil {
				t.Fatal(err)
			}
			if got := int64(len(data)); got != tt.size {
				t.Errorf("got %d bytes, want %d", got, tt.size)
			}
			if want := fmt.Sprintf("%x", sha256.Sum256(data)); sumA != want {
				t.Errorf("got sum %s, want %s", sumA, want)
			}
			got, err := cli.FileSHA256(a)
			if err != nil {
				t.Fatal(err)
			}
			if got != sumA {
				t.Errorf("FileSHA256: got %s, want %s", got, sumA)
			}
		})
	}
	if _, err := cli.FileSHA256(filepath.Join(dir, "missing")); err == nil {
		t.Error("FileSHA256 of a missing file: got no error, want one")
	}
}

func TestRandomName(t *testing.T) {
	re := regexp.MustCompile(`^goto3-example-[0-9a-f]{12}$`)
	a, b := cli.RandomName("goto3-example-"), cli.RandomName("goto3-example-")
	for _, n := range []string{a, b} {
		if !re.MatchString(n) {
			t.Errorf("got %q, want a match for %s", n, re)
		}
	}
	if a == b {
		t.Errorf("got %q twice, want two different names", a)
	}
}
