// Command codegen generates goto3's service packages (services/s3, ses,
// ec2) and protocol-test packages (internal/testing/protocoltest/...) from the
// botocore models and protocol tests kept in the repository.
//
// Usage, from the repository root:
//
//	go run ./internal/codegen/cmd/codegen            # write
//	go run ./internal/codegen/cmd/codegen -check     # fail if stale
//
// go generate ./... runs it through the directive in internal/codegen.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/goto3/goto3/internal/codegen"
)

func main() {
	root := flag.String("root", ".", "repository root")
	check := flag.Bool("check", false, "report files that differ from a fresh generation and exit 1, writing nothing")
	verbose := flag.Bool("v", false, "print what was generated")
	flag.Parse()
	if err := run(*root, *check, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(root string, check, verbose bool) error {
	files, summary, err := codegen.GenerateAll(root)
	if err != nil {
		return err
	}
	if verbose {
		for _, s := range summary {
			fmt.Println(s)
		}
	}
	if !check {
		return codegen.Write(root, files)
	}
	diffs, err := codegen.Diff(root, files)
	if err != nil {
		return err
	}
	for _, d := range diffs {
		fmt.Fprintln(os.Stderr, "codegen: stale generated file:", d)
	}
	if len(diffs) > 0 {
		return fmt.Errorf("codegen: %d generated files are out of date (run go generate ./...)", len(diffs))
	}
	return nil
}
