// Command compactrules writes the copy of partitions.json that package
// endpoints embeds, without insignificant whitespace (json.Compact keeps
// strings, numbers and key order byte for byte); a name ending in .gz is
// gzipped. (The service rule sets are compacted by internal/codegen into
// each service package.) Run from the endpoints directory (go generate
// does); -check reports stale files instead of writing them. A file whose
// content is already right is left alone, so a different gzip encoder
// does not rewrite it.
//
//	compactrules [-check]
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// files maps each file under rules/compact to its original.
var files = [][2]string{
	{"partitions.json", "rules/partitions.json"},
}

func main() {
	check := flag.Bool("check", false, "report stale files instead of writing them")
	flag.Parse()
	stale := false
	for _, f := range files {
		src, err := os.ReadFile(f[1])
		if err != nil {
			fail(err)
		}
		var want bytes.Buffer
		if err := json.Compact(&want, src); err != nil {
			fail(fmt.Errorf("%s: %w", f[1], err))
		}
		dst := filepath.Join("rules", "compact", f[0])
		gz := strings.HasSuffix(dst, ".gz")
		if got, err := content(dst, gz); err == nil && bytes.Equal(got, want.Bytes()) {
			continue
		}
		if *check {
			fmt.Fprintf(os.Stderr, "compactrules: %s is stale\n", dst)
			stale = true
			continue
		}
		out := want.Bytes()
		if gz {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(out)
			if err := zw.Close(); err != nil {
				fail(err)
			}
			out = b.Bytes()
		}
		if err := os.WriteFile(dst, out, 0o644); err != nil {
			fail(err)
		}
	}
	if stale {
		os.Exit(1)
	}
}

// content returns the bytes of path, decompressed when gz.
func content(path string, gz bool) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil || !gz {
		return b, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compactrules:", err)
	os.Exit(1)
}
