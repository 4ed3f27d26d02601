package config_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/internal/config"
)

// expectation is what testdata/credentials/gen_parse.py recorded from botocore.
type expectation struct {
	Error       bool                                  `json:"error"`
	Sections    map[string]map[string]json.RawMessage `json:"sections"`
	Profiles    map[string]map[string]json.RawMessage `json:"profiles"`
	SSOSessions map[string]map[string]json.RawMessage `json:"sso_sessions"`
	Services    map[string]map[string]json.RawMessage `json:"services"`
}

// flat turns a section into the JSON shape botocore produces: a string, or an
// object for a nested sub-section.
func flat(s config.Section) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		if v.Sub != nil {
			m := map[string]any{}
			for sk, sv := range v.Sub {
				m[sk] = sv
			}
			out[k] = m
		} else {
			out[k] = v.Text
		}
	}
	return out
}

func decode(t *testing.T, m map[string]map[string]json.RawMessage) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for name, sec := range m {
		out[name] = map[string]any{}
		for k, raw := range sec {
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				t.Fatal(err)
			}
			out[name][k] = v
		}
	}
	return out
}

func flatAll(m map[string]config.Section) map[string]map[string]any {
	out := map[string]map[string]any{}
	for k, s := range m {
		out[k] = flat(s)
	}
	return out
}

func TestParseMatchesBotocore(t *testing.T) {
	files, err := filepath.Glob("../../testdata/credentials/parse/*.ini")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".ini")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(strings.TrimSuffix(path, ".ini") + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var want expectation
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			secs, err := config.Parse(path, data)
			if want.Error {
				var pe *config.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("got error %v, want a *config.ParseError (botocore rejects this file)", err)
				}
				if pe.File != path || pe.Line < 1 || !strings.Contains(err.Error(), path+":") {
					t.Errorf("got %q, want file name and line number", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want none (botocore accepts this file)", err)
			}
			got := map[string]map[string]any{}
			for _, s := range secs {
				got[s.Name] = flat(s.Values)
			}
			if d := cmp.Diff(decode(t, want.Sections), got); d != "" {
				t.Errorf("sections (-botocore +got):\n%s", d)
			}
			sh, err := config.Load(os.ReadFile, path, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				what string
				want map[string]map[string]json.RawMessage
				got  map[string]config.Section
			}{
				{"profiles", want.Profiles, sh.Profiles},
				{"sso_sessions", want.SSOSessions, sh.SSOSessions},
				{"services", want.Services, sh.Services},
			} {
				if d := cmp.Diff(decode(t, c.want), flatAll(c.got)); d != "" {
					t.Errorf("%s (-botocore +got):\n%s", c.what, d)
				}
			}
		})
	}
}

// TestParseRandomMatchesBotocore replays random files built from tricky
// lines (testdata/credentials/gen_parse.py) against botocore's verdicts.
func TestParseRandomMatchesBotocore(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/credentials/parse_random.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			expectation
			Text string `json:"text"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) == 0 {
		t.Fatal("no cases")
	}
	for i, c := range doc.Cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			secs, err := config.Parse("random", []byte(c.Text))
			if (err != nil) != c.Error {
				t.Fatalf("%q: got error %v, want error %v (botocore)", c.Text, err, c.Error)
			}
			if err != nil {
				return
			}
			got := map[string]map[string]any{}
			for _, s := range secs {
				got[s.Name] = flat(s.Values)
			}
			if d := cmp.Diff(decode(t, c.Sections), got); d != "" {
				t.Errorf("%q sections (-botocore +got):\n%s", c.Text, d)
			}
			sh, err := config.Load(func(string) ([]byte, error) { return []byte(c.Text), nil }, "random", "")
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(decode(t, c.Profiles), flatAll(sh.Profiles)); d != "" {
				t.Errorf("%q profiles (-botocore +got):\n%s", c.Text, d)
			}
			if d := cmp.Diff(decode(t, c.SSOSessions), flatAll(sh.SSOSessions)); d != "" {
				t.Errorf("%q sso-sessions (-botocore +got):\n%s", c.Text, d)
			}
			if d := cmp.Diff(decode(t, c.Services), flatAll(sh.Services)); d != "" {
				t.Errorf("%q services (-botocore +got):\n%s", c.Text, d)
			}
		})
	}
}

func TestParseErrorLine(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
	}{
		{"no section", "\n\nkey = v\n", 3},
		{"no delimiter", "[default]\nregion = x\naws_secret_access_key SECRETVALUE\n", 3},
		{"duplicate option", "[a]\nk=1\n\nk=2\n", 4},
		{"duplicate section", "[a]\n[b]\n[a]\n", 3},
		{"bad nested", "[a]\ns3 =\n  x = 1\n  broken\n", 4},
		{"invalid utf8", "[a]\nk = \xff\n", 2},
		{"empty key", "[a]\n: v\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("f.ini", []byte(tt.in))
			var pe *config.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want *config.ParseError", err)
			}
			if pe.Line != tt.line {
				t.Errorf("got line %d, want %d (%v)", pe.Line, tt.line, err)
			}
			if strings.Contains(err.Error(), "SECRETVALUE") {
				t.Errorf("error %q quotes the line", err)
			}
		})
	}
}

func TestLoadMergesCredentialsFile(t *testing.T) {
	files := map[string]string{
		"config":      "[default]\nregion = us-west-2\noutput = json\n[profile dev]\nregion = eu-west-1\n[dev]\nignored = yes\n",
		"credentials": "[default]\nregion = from-creds\naws_access_key_id = AKID\n[only-creds]\naws_access_key_id = X\n[profile p]\nk = v\n",
	}
	read := func(name string) ([]byte, error) {
		s, ok := files[name]
		if !ok {
			return nil, os.ErrNotExist
		}
		return []byte(s), nil
	}
	sh, err := config.Load(read, "config", "credentials")
	if err != nil {
		t.Fatal(err)
	}
	got := flatAll(sh.Profiles)
	want := map[string]map[string]any{
		"default":    {"region": "from-creds", "output": "json", "aws_access_key_id": "AKID"},
		"dev":        {"region": "eu-west-1"},
		"only-creds": {"aws_access_key_id": "X"},
		"profile p":  {"k": "v"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("profiles (-want +got):\n%s", d)
	}
	if _, err := config.Load(read, "missing", "also-missing"); err != nil {
		t.Errorf("got %v for missing files, want nil", err)
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{`a b  c`, []string{"a", "b", "c"}, false},
		{`/bin/echo "hello world" 'single $HOME' x\ y`, []string{"/bin/echo", "hello world", "single $HOME", "x y"}, false},
		{`"a\"b\\c\d"`, []string{`a"b\c\d`}, false},
		{`a "" b`, []string{"a", "", "b"}, false},
		{`cmd; rm -rf / && $(id) | x`, []string{"cmd;", "rm", "-rf", "/", "&&", "$(id)", "|", "x"}, false},
		{`ab'cd'"ef"`, []string{"abcdef"}, false},
		{`"open`, nil, true},
		{`trailing\`, nil, true},
		{"", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := config.Split(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("got error %v, want error %v", err, tt.err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestExpandHome(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"~", "/h"}, {"~/.aws/config", "/h/.aws/config"}, {"/abs", "/abs"}, {"~user/x", "~user/x"},
	} {
		if got := config.ExpandHome(tt.in, "/h"); got != tt.want {
			t.Errorf("ExpandHome(%q) got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/credentials/parse/*.ini")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("[default]\ns3 =\n  a = b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		secs, err := config.Parse("fuzz", data)
		if err != nil {
			var pe *config.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("got %v, want *ParseError with a line", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range secs {
			if seen[s.Name] {
				t.Fatalf("section %q returned twice", s.Name)
			}
			seen[s.Name] = true
			for _, v := range s.Values {
				if strings.TrimSpace(v.Text) != v.Text && !strings.HasPrefix(v.Text, "\n") {
					t.Fatalf("value %q not trimmed", v.Text)
				}
			}
		}
		_, _ = config.Split(string(data))
	})
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{`a "b c" 'd e' f\ g`, `"x\"y"`, `'`, `\`, "a\tb\nc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := config.Split(s)
		if err != nil {
			return
		}
		// Quoting every word with single quotes (and escaping embedded
		// single quotes) must split back to the same words.
		var b strings.Builder
		for _, w := range words {
			b.WriteString("'" + strings.ReplaceAll(w, "'", `'\''`) + "' ")
		}
		again, err := config.Split(b.String())
		if err != nil {
			t.Fatalf("re-splitting %q: %v", b.String(), err)
		}
		if len(again) != len(words) {
			t.Fatalf("got %q, want %q", again, words)
		}
		for i := range words {
			if again[i] != words[i] {
				t.Fatalf("got %q, want %q", again, words)
			}
		}
	})
}

func TestLoadKeepsFilesApart(t *testing.T) {
	files := map[string]string{
		"config":      "[default]\nregion = r\n[profile a]\nk = config\n",
		"credentials": "[a]\nk = creds\n[b]\nx = 1\n",
	}
	read := func(name string) ([]byte, error) { return []byte(files[name]), nil }
	sh, err := config.Load(read, "config", "credentials")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string]map[string]any{"default": {"region": "r"}, "a": {"k": "config"}}, flatAll(sh.ConfigProfiles)); d != "" {
		t.Errorf("config profiles (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]map[string]any{"a": {"k": "creds"}, "b": {"x": "1"}}, flatAll(sh.CredentialsProfiles)); d != "" {
		t.Errorf("credentials profiles (-want +got):\n%s", d)
	}
	if got := sh.Profiles["a"].Get("k"); got != "creds" {
		t.Errorf("merged a.k got %q, want creds", got)
	}
}
