package endpoints

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"sync"
)

// The embedded files are whitespace-free copies (rules/compact, written by
// internal/compactrules and checked by the package tests) of the vendored
// botocore files under rules/, S3's gzipped: 14 KB instead of 950 KB in
// every binary and in the memory of every process that loads them.
//
//go:generate go run ./internal/compactrules

//go:embed rules/compact/partitions.json
var partitionsJSON []byte

//go:embed rules/compact/s3.json.gz
var s3JSONGzip []byte

//go:embed rules/compact/ses.json
var sesJSON []byte

//go:embed rules/compact/ec2.json
var ec2JSON []byte

// mustLoad loads an embedded rule set, gzipped or not, on first use.
func mustLoad(name string, data []byte, gzipped bool) func() *RuleSet {
	return sync.OnceValue(func() *RuleSet {
		rs, err := loadEmbedded(data, gzipped)
		if err != nil {
			// The embedded rule sets are loaded by the package tests.
			panic(fmt.Sprintf("endpoints: embedded %s rule set: %v", name, err))
		}
		return rs
	})
}

func loadEmbedded(data []byte, gzipped bool) (*RuleSet, error) {
	if !gzipped {
		return Load(data)
	}
	if len(data) < 4 {
		return nil, io.ErrUnexpectedEOF
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	// The gzip trailer ends with the uncompressed size: read into a buffer
	// of exactly that size, then to the end, where the checksum is checked.
	size := binary.LittleEndian.Uint32(data[len(data)-4:])
	buf := make([]byte, min(size, 64<<20))
	if _, err := io.ReadFull(zr, buf); err != nil {
		return nil, err
	}
	if n, err := io.Copy(io.Discard, zr); err != nil || n != 0 {
		return nil, fmt.Errorf("gzip stream longer than its trailer says (%v)", err)
	}
	return Load(buf)
}

var (
	s3Rules  = mustLoad("s3", s3JSONGzip, true)
	sesRules = mustLoad("ses", sesJSON, false)
	ec2Rules = mustLoad("ec2", ec2JSON, false)
)

// S3 returns the embedded Amazon S3 rule set (2006-03-01). It is parsed and
// compiled on first use and shared by the whole process.
func S3() *RuleSet { return s3Rules() }

// SES returns the embedded Amazon SES v1 rule set (2010-12-01).
func SES() *RuleSet { return sesRules() }

// EC2 returns the embedded Amazon EC2 rule set (2016-11-15).
func EC2() *RuleSet { return ec2Rules() }

// Service returns the embedded rule set of a service by its lower-case name
// ("s3", "ses" or "ec2"), or nil if none is embedded.
func Service(name string) *RuleSet {
	switch name {
	case "s3":
		return S3()
	case "ses", "email":
		return SES()
	case "ec2":
		return EC2()
	}
	return nil
}
