package endpoints_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/goto3/goto3/endpoints"
)

// TestEmbeddedIsCompactOriginal checks that each embedded file is the
// vendored original with only its insignificant whitespace removed (run
// `go generate ./endpoints` after updating an original).
func TestEmbeddedIsCompactOriginal(t *testing.T) {
	for path, got := range endpoints.EmbeddedJSON() {
		t.Run(path, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := json.Compact(&want, src); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("got %d embedded bytes that differ from the compacted %d of the original, want them equal (run go generate ./endpoints)", len(got), want.Len())
			}
			if len(got) >= len(src) && bytes.ContainsAny(src, "\n\t") {
				t.Errorf("got %d embedded bytes for an original of %d, want fewer", len(got), len(src))
			}
		})
	}
}

// TestLoadEmbeddedGzip loads the gzipped S3 rule set, and refuses it with
// a damaged checksum (the gzip trailer's CRC-32) or a cut stream.
func TestLoadEmbeddedGzip(t *testing.T) {
	plain := ruleSetData(t, "s3")
	good := gzipped(t, plain)
	badCRC := bytes.Clone(good)
	badCRC[len(badCRC)-8] ^= 1
	tests := []struct {
		name    string
		data    []byte
		wantErr bool
	}{
		{"intact", good, false},
		{"bad checksum", badCRC, true},
		{"cut", good[:len(good)/2], true},
		{"not gzip", []byte("{}"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := endpoints.LoadEmbedded(tt.data, true)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if err == nil && len(rs.Parameters()) != len(ruleSet(t, "s3").Parameters()) {
				t.Errorf("got %d parameters, want %d", len(rs.Parameters()), len(ruleSet(t, "s3").Parameters()))
			}
		})
	}
}
