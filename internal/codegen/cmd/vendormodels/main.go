// Command vendormodels copies the botocore data a generated service needs
// into the repository: its service-2.json, the service-2.sdk-extras.json
// overlay botocore merges into it (when there is one), paginators-1.json,
// waiters-2.json and endpoint-rule-set-1.json (gunzipped) into
// internal/codegen/models/<service>/<version>/, and its endpoint tests from
// the shared conformance data into testdata/endpoints/tests/<service>/.
// It is the first step of adding a service (the second is its line in
// internal/codegen's Services, the third go generate); a fresh clone needs
// neither botocore nor the shared data to build and test.
//
//	go run ./internal/codegen/cmd/vendormodels [-botocore DIR] [-conformance DIR] service...
//
// DIR defaults to the installed botocore's data folder (python3 -c 'import
// botocore') and ../shared/conformance. The version vendored is the newest
// folder botocore has for the service. Files already vendored are
// rewritten.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	data := flag.String("botocore", "", "botocore's data folder (default: the installed botocore's)")
	conf := flag.String("conformance", "../shared/conformance", "the shared conformance data (endpoint tests)")
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	if *data == "" {
		out, err := exec.Command("python3", "-c", "import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),'data'))").Output()
		if err != nil {
			fail(fmt.Errorf("finding botocore (give -botocore): %w", err))
		}
		*data = strings.TrimSpace(string(out))
	}
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: vendormodels [-botocore DIR] service...")
		os.Exit(2)
	}
	for _, svc := range flag.Args() {
		if err := vendor(*root, *data, *conf, svc); err != nil {
			fail(err)
		}
	}
}

func vendor(root, data, conf, svc string) error {
	versions, err := os.ReadDir(filepath.Join(data, svc))
	if err != nil {
		return fmt.Errorf("%s: %w", svc, err)
	}
	var names []string
	for _, v := range versions {
		if v.IsDir() {
			names = append(names, v.Name())
		}
	}
	if len(names) == 0 {
		return fmt.Errorf("%s: no model version in %s", svc, filepath.Join(data, svc))
	}
	sort.Strings(names)
	ver := names[len(names)-1]
	src := filepath.Join(data, svc, ver)
	dst := filepath.Join(root, "internal", "codegen", "models", svc, ver)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, f := range []string{"service-2.json", "service-2.sdk-extras.json", "paginators-1.json", "waiters-2.json", "endpoint-rule-set-1.json"} {
		b, err := readMaybeGzip(filepath.Join(src, f))
		if os.IsNotExist(err) {
			if f == "service-2.json" || f == "endpoint-rule-set-1.json" {
				return fmt.Errorf("%s: %s is missing in %s", svc, f, src)
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", svc, err)
		}
		if err := os.WriteFile(filepath.Join(dst, f), b, 0o644); err != nil {
			return err
		}
	}
	tests := filepath.Join(conf, "endpoints", "tests", svc, "endpoint-tests-1.json")
	if b, err := os.ReadFile(tests); err == nil {
		out := filepath.Join(root, "testdata", "endpoints", "tests", svc)
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "endpoint-tests-1.json"), b, 0o644); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(os.Stderr, "vendormodels: %s: no endpoint tests at %s\n", svc, tests)
	}
	fmt.Printf("%s %s -> %s\n", svc, ver, dst)
	return nil
}

// readMaybeGzip reads path, or path.gz gunzipped.
func readMaybeGzip(path string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil {
		return b, nil
	}
	f, err := os.Open(path + ".gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := io.Copy(&b, zr); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "vendormodels:", err)
	os.Exit(1)
}
