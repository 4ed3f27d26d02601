package endpoints_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/endpoints"
)

// stdDecode is what the rule set parser must agree with: encoding/json's
// Decoder with UseNumber, first value only. ok is false when more than
// white space follows the value (the parser, like Decode, ignores it, but
// where the first value ends is then a matter of lookahead).
func stdDecode(data []byte) (v any, err error, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err, true
	}
	_, err = dec.Token()
	return v, nil, err == io.EOF
}

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  bool
	}{
		{"object", `{"a": 1, "b": [true, false, null], "c": {"d": "e"}}`, false},
		{"repeated key keeps the last", `{"a": 1, "b": 2, "a": 3}`, false},
		{"numbers", `[0, -0, 1.5, -2e10, 3E-2, 4e+1, 12345678901234567890]`, false},
		{"escapes", `"a\"b\\c\/d\b\f\n\r\t\u00e9\u20ac\ud83d\ude00"`, false},
		{"lone surrogates", `["\ud800", "\udc00x", "\ud800\u0041", "\ud800\ud800"]`, false},
		{"invalid UTF-8", "\"a\xffb\xc3\"", false},
		{"valid UTF-8", `"héllo €"`, false},
		{"empty containers", `[{}, [], ""]`, false},
		{"white space", " \t\r\n{ \"a\" : [ 1 , 2 ] } ", false},
		{"empty", ``, true},
		{"unterminated object", `{"a": 1`, true},
		{"unterminated string", `"abc`, true},
		{"trailing comma", `[1, 2,]`, true},
		{"leading zero", `01`, false}, // 0, then "1" is left over
		{"bad number", `-`, true},
		{"bad fraction", `1.`, true},
		{"bad exponent", `1e`, true},
		{"control character", "\"a\nb\"", true},
		{"bad escape", `"\x"`, true},
		{"short unicode escape", `"\u12"`, true},
		{"bad literal", `tru`, true},
		{"key not a string", `{1: 2}`, true},
		{"missing colon", `{"a" 1}`, true},
		{"too deep", strings.Repeat("[", 10001) + strings.Repeat("]", 10001), true},
		{"deep enough", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := endpoints.ParseJSON([]byte(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			want, werr, _ := stdDecode([]byte(tt.in))
			if (werr != nil) != tt.wantErr {
				t.Fatalf("encoding/json: got error %v, want error %v", werr, tt.wantErr)
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("differs from encoding/json (-want +got):\n%s", cmp.Diff(want, got))
			}
		})
	}
}

// FuzzParseJSON checks the rule set parser against encoding/json.
func FuzzParseJSON(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(testdataDir, "engine", "valid-rules", "*.json"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil && len(data) < 4<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"a":[1,-2.5e3,"\u00e9\ud83d\ude00",true,null,{}],"a":{"b":"\ud800"}}`))
	f.Add([]byte("\"\xff\\u12\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr, ok := stdDecode(data)
		if !ok {
			return
		}
		got, err := endpoints.ParseJSON(data)
		if (err != nil) != (werr != nil) {
			t.Fatalf("got error %v, encoding/json %v", err, werr)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("differs from encoding/json (-want +got):\n%s", cmp.Diff(want, got))
		}
	})
}

// stdRuleSetFile is the struct encoding/json decoded the rule set document
// into before the package had its own parser.
type stdRuleSetFile struct {
	Version    string `json:"version"`
	Parameters map[string]struct {
		Type     string `json:"type"`
		BuiltIn  string `json:"builtIn"`
		Required bool   `json:"required"`
		Default  any    `json:"default"`
	} `json:"parameters"`
	Rules []any `json:"rules"`
}

// stdDecodeFile decodes data as Load did with encoding/json.
func stdDecodeFile(data []byte) (endpoints.RuleSetFile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var f stdRuleSetFile
	err := dec.Decode(&f)
	out := endpoints.RuleSetFile{Version: f.Version, Rules: f.Rules}
	if f.Parameters != nil {
		out.Parameters = map[string]endpoints.ParamFile{}
	}
	for k, p := range f.Parameters {
		out.Parameters[k] = endpoints.ParamFile{Type: p.Type, BuiltIn: p.BuiltIn, Required: p.Required, Default: p.Default}
	}
	return out, err
}

// TestDecodeRuleSetFile checks the rule set document's fields are read as
// encoding/json read them into a struct, repeated keys (also ones equal
// under case folding) and nulls included.
func TestDecodeRuleSetFile(t *testing.T) {
	tests := []struct{ name, in string }{
		{"plain", `{"version":"1.0","parameters":{"R":{"type":"string","builtIn":"AWS::Region","required":true,"default":"x"}},"rules":[{"a":1}]}`},
		{"null fields", `{"version":null,"parameters":null,"rules":null}`},
		// (A key repeated exactly is one member, its last value, to the
		// parser: "version":"1.0","version":null reads as null.)
		{"null after a value", `{"version":"1.0","parameters":{"R":{"type":"string"}},"rules":[1],"Version":null,"Parameters":null,"RULES":null}`},
		{"value after null", `{"version":null,"parameters":null,"rules":null,"Version":"1.0","Parameters":{"R":{"type":"string"}},"RULES":[1]}`},
		{"case-insensitive keys", `{"VERSION":"2","PARAMETERS":{"R":{"TYPE":"string","BUILTIN":"b","Required":true,"Default":"d"}},"Rules":[]}`},
		{"exact key before a folded one", `{"rules":[1],"Rules":[2],"version":"a","Version":"b"}`},
		{"folded key before an exact one", `{"Rules":[1],"rules":[2],"Version":"a","version":"b"}`},
		{"parameters objects merge", `{"parameters":{"A":{"type":"string"}},"Parameters":{"B":{"type":"boolean"}}}`},
		{"parameter fields repeated", `{"parameters":{"R":{"type":"string","Type":"boolean","required":true,"REQUIRED":null,"default":"x","Default":null}}}`},
		{"parameter repeated", `{"parameters":{"R":{"type":"string","required":true},"R":{"builtIn":"b"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, werr := stdDecodeFile([]byte(tt.in))
			if werr != nil {
				t.Fatalf("encoding/json: %v", werr)
			}
			got, err := endpoints.DecodeRuleSetFile([]byte(tt.in))
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("differs from encoding/json (-want +got):\n%s", d)
			}
		})
	}
}

// TestParseJSONRuleSets checks the parser against encoding/json on every
// vendored rule set and partitions file and on the conformance vectors:
// what the package loads must be what encoding/json read from them.
func TestParseJSONRuleSets(t *testing.T) {
	files, err := filepath.Glob("rules/*/*/*.json")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "rules/partitions.json")
	vectors, err := filepath.Glob(filepath.Join(testdataDir, "*", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, vectors...)
	if len(files) < 10 {
		t.Fatalf("got %d files, want the rule sets and the vectors", len(files))
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			want, werr, _ := stdDecode(data)
			if werr != nil {
				t.Fatalf("encoding/json: %v", werr)
			}
			got, err := endpoints.ParseJSON(data)
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("differs from encoding/json (-want +got):\n%s", cmp.Diff(want, got))
			}
		})
	}
}
