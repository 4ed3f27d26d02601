// Command compactrules writes the whitespace-free copies of the endpoint
// rule sets and partitions.json that package endpoints embeds, so a binary
// carries (and a process touches when it loads them) about 130 KB instead
// of the 950 KB of the indented originals. json.Compact removes only
// insignificant whitespace: strings, numbers and key order are kept byte
// for byte. Run from the endpoints directory (go generate does).
//
//	compactrules [-check]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// Files maps each compact file (under rules/compact) to its original.
var files = [][2]string{
	{"partitions.json", "rules/partitions.json"},
	{"s3.json", "rules/s3/2006-03-01/endpoint-rule-set-1.json"},
	{"ses.json", "rules/ses/2010-12-01/endpoint-rule-set-1.json"},
	{"ec2.json", "rules/ec2/2016-11-15/endpoint-rule-set-1.json"},
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
		var b bytes.Buffer
		if err := json.Compact(&b, src); err != nil {
			fail(fmt.Errorf("%s: %w", f[1], err))
		}
		dst := filepath.Join("rules", "compact", f[0])
		old, _ := os.ReadFile(dst)
		if bytes.Equal(old, b.Bytes()) {
			continue
		}
		if *check {
			fmt.Fprintf(os.Stderr, "compactrules: %s is stale\n", dst)
			stale = true
			continue
		}
		if err := os.WriteFile(dst, b.Bytes(), 0o644); err != nil {
			fail(err)
		}
	}
	if stale {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compactrules:", err)
	os.Exit(1)
}
