package testpeer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// VersitygwModule is the version the tests are written against.
const VersitygwModule = "github.com/versity/versitygw/cmd/versitygw@v1.8.0"

// VersitygwInstallHint is how to install versitygw (about a minute).
const VersitygwInstallHint = "go install " + VersitygwModule + `  # into $(go env GOPATH)/bin`

// Credentials of every versitygw this package starts (root user). Plain
// alphanumerics, so no peer's quirk in key handling gets in the way.
const (
	versitygwAccessKey = "AKIAGOTO3VERSITYGW01"
	versitygwSecretKey = "goto3VersitygwSecretKey0123456789abcdefgh"
)

// VersitygwOptions configure Versitygw.
type VersitygwOptions struct {
	// Dedicated starts a private versitygw whose data lives under
	// t.TempDir(), stopped at t.Cleanup, instead of the one shared by the
	// whole test binary (whose data lives in a temporary directory removed
	// when it stops).
	Dedicated bool
}

// LookVersitygw returns the path of the versitygw binary: from PATH, else
// $GOBIN, else $(go env GOPATH)/bin (each GOPATH entry).
func LookVersitygw() (string, error) {
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	var dirs []string
	if gobin := goEnv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	for _, gp := range filepath.SplitList(goEnv("GOPATH")) {
		if gp != "" {
			dirs = append(dirs, filepath.Join(gp, "bin"))
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, "versitygw")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", errors.New("testpeer: versitygw not found on PATH, in $GOBIN or in $(go env GOPATH)/bin")
}

// goEnvCache holds `go env GOBIN GOPATH`, run once per test binary.
var goEnvCache = sync.OnceValue(func() []string {
	out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output()
	if err != nil {
		return nil
	}
	return strings.Split(string(out), "\n")
})

// goEnv returns `go env name` for GOBIN or GOPATH, falling back to the
// environment variable and, for GOPATH, to Go's default $HOME/go.
func goEnv(name string) string {
	i := map[string]int{"GOBIN": 0, "GOPATH": 1}[name]
	if vals := goEnvCache(); len(vals) > i {
		if v := strings.TrimSpace(vals[i]); v != "" {
			return v
		}
	}
	if v := os.Getenv(name); v != "" {
		return v
	}
	if name == "GOPATH" {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, "go")
		}
	}
	return ""
}

// InstallVersitygw runs `go install VersitygwModule` (about a minute, needs
// the network or a filled module cache) unless versitygw is already found,
// and returns the binary's path. It is what .ci/run does in shell.
func InstallVersitygw(ctx context.Context) (string, error) {
	if p, err := LookVersitygw(); err == nil {
		return p, nil
	}
	cmd := exec.CommandContext(ctx, "go", "install", VersitygwModule)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("testpeer: go install %s: %w\n%s", VersitygwModule, err, out)
	}
	return LookVersitygw()
}

// Versitygw returns a versitygw S3 gateway (posix backend, versioning on) on
// 127.0.0.1 that verifies header signatures, presigned URLs, aws-chunked
// chunk signatures, payload hashes and checksums. By default it is the one
// shared by every test in the binary, started on first use (well under a
// second); tests sharing it must keep to their own bucket names
// (BucketName). Parts under 5 MiB other than the last are rejected
// (EntityTooSmall), and an unknown access key gives XAdminUserNotFound.
//
// When the binary is missing the test is skipped with VersitygwInstallHint,
// or fails when CI=true.
func Versitygw(t testing.TB, opts VersitygwOptions) *Server {
	t.Helper()
	bin, err := LookVersitygw()
	if err != nil {
		missing(t, "versitygw", VersitygwInstallHint)
	}
	var srv *Server
	if opts.Dedicated {
		srv, err = startVersitygw(bin, t.TempDir(), false)
		if srv != nil {
			t.Cleanup(srv.proc.stop)
		}
	} else {
		srv, err = sharedServer("versitygw", func() (*Server, error) {
			root, err := os.MkdirTemp("", "goto3-versitygw-")
			if err != nil {
				return nil, fmt.Errorf("testpeer: %w", err)
			}
			s, err := startVersitygw(bin, root, true)
			if err != nil {
				os.RemoveAll(root)
			}
			return s, err
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// startVersitygw runs versitygw over root/data with versions in
// root/data.versions. When removeRoot is set root is deleted when the
// process stops (also when the test binary dies).
func startVersitygw(bin, root string, removeRoot bool) (*Server, error) {
	data := filepath.Join(root, "data")
	argv := func(port int) []string {
		// Recreated on each attempt: a failed attempt's stop may remove root.
		_ = os.MkdirAll(data, 0o755)
		_ = os.MkdirAll(data+".versions", 0o755)
		return []string{bin,
			"--access", versitygwAccessKey, "--secret", versitygwSecretKey,
			"--port", "127.0.0.1:" + strconv.Itoa(port), "--quiet",
			"posix", "--versioning-dir", data + ".versions", data}
	}
	rmdir := ""
	if removeRoot {
		rmdir = root
	}
	// The environment may hold ROOT_ACCESS_KEY and friends; the flags win.
	p, base, err := startReady("versitygw", argv, nil, rmdir, "/", 30*time.Second)
	if err != nil {
		return nil, err
	}
	return &Server{
		Kind:            "versitygw",
		URL:             base,
		Region:          "us-east-1",
		AccessKeyID:     versitygwAccessKey,
		SecretAccessKey: versitygwSecretKey,
		proc:            p,
	}, nil
}
