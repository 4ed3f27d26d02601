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

// partitions.json is embedded as a whitespace-free copy (rules/compact,
// written by internal/compactrules and checked by the package tests). The
// service rule sets are embedded by the generated service packages, which
// load them with Embedded.
//
//go:generate go run ./internal/compactrules

//go:embed rules/compact/partitions.json
var partitionsJSON []byte

// Embedded returns a function that loads a rule set embedded by a service
// package the first time it is called and returns the same *RuleSet ever
// after: data is the rule set's JSON, gzipped when gzipped (the gzip
// trailer's size sizes the buffer), and names the parameters the caller's
// generated code binds to positions (see Bind). A rule set that does not
// load or bind panics: it was checked when the package was generated, and
// each service package's tests load it.
func Embedded(data []byte, gzipped bool, names []string) func() *RuleSet {
	return sync.OnceValue(func() *RuleSet {
		rs, err := loadEmbedded(data, gzipped)
		if err == nil {
			err = rs.Bind(names)
		}
		if err != nil {
			panic(fmt.Sprintf("endpoints: embedded rule set: %v", err))
		}
		return rs
	})
}

// LoadGzip loads a gzipped rule set.
func LoadGzip(data []byte) (*RuleSet, error) { return loadEmbedded(data, true) }

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
