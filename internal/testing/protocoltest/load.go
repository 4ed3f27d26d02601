package protocoltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Suite is one suite of a protocol-test file.
type Suite struct {
	Description string
	Metadata    Metadata
	// ClientEndpoint is the base URL input cases are serialized against
	// (input files only; "" when the suite gives none).
	ClientEndpoint string
	Cases          []Case
	// Protocol ("rest-xml", "query", "ec2") and Direction ("input" or
	// "output") come from the file's path.
	Protocol  string
	Direction string
}

// Metadata is a suite's "metadata".
type Metadata struct {
	Protocol     string   `json:"protocol"`
	Protocols    []string `json:"protocols"`
	APIVersion   string   `json:"apiVersion"`
	JSONVersion  string   `json:"jsonVersion"`
	TargetPrefix string   `json:"targetPrefix"`
}

// Case is one test case. ID is the case's "id", or, in the legacy files
// whose cases have none, its 0-based position among the file's cases (all
// suites' cases in order) in decimal, as the generated Lookup functions key
// it (codegen.CaseID). Input cases have Params and Serialized; output
// cases have Response and either Result or Error, ErrorCode and
// ErrorMessage.
type Case struct {
	ID          string
	Description string
	// Given is the case's raw operation definition.
	Given json.RawMessage

	// Params is the call's input as decoded JSON, numbers as json.Number
	// (so 64-bit integers keep every digit). BuildValue turns it into Go.
	Params any
	// Serialized is the expected request.
	Serialized *Serialized

	// Response is the HTTP response to decode.
	Response *Response
	// Result is the expected decoded output: numbers as float64,
	// timestamps as epoch seconds, blobs as strings, as ToJSON produces.
	Result any
	// Error is the expected modelled error's members (numbers as float64),
	// nil when none; ErrorCode and ErrorMessage the expected code and
	// message.
	Error        map[string]any
	ErrorCode    string
	ErrorMessage string
}

// Serialized is an input case's expected request.
type Serialized struct {
	Method         string            `json:"method"`
	URI            string            `json:"uri"`
	Body           string            `json:"body"`
	Headers        map[string]string `json:"headers"`
	RequireHeaders []string          `json:"requireHeaders"`
	ForbidHeaders  []string          `json:"forbidHeaders"`
	Host           string            `json:"host"`
	// HasBody reports whether the case gives a body at all; botocore's
	// test runner checks the body only then.
	HasBody bool `json:"-"`
}

// UnmarshalJSON decodes a "serialized" object, noting whether it has a
// body.
func (s *Serialized) UnmarshalJSON(b []byte) error {
	type plain Serialized
	if err := json.Unmarshal(b, (*plain)(s)); err != nil {
		return err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return err
	}
	_, s.HasBody = keys["body"]
	return nil
}

// Response is an output case's HTTP response.
type Response struct {
	StatusCode int               `json:"status_code"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
}

type rawSuite struct {
	Description    string    `json:"description"`
	Metadata       Metadata  `json:"metadata"`
	ClientEndpoint string    `json:"clientEndpoint"`
	Cases          []rawCase `json:"cases"`
}

type rawCase struct {
	ID           string          `json:"id"`
	Description  string          `json:"description"`
	Given        json.RawMessage `json:"given"`
	Params       any             `json:"params"`
	Serialized   *Serialized     `json:"serialized"`
	Response     *Response       `json:"response"`
	Result       any             `json:"result"`
	Error        map[string]any  `json:"error"`
	ErrorCode    string          `json:"errorCode"`
	ErrorMessage string          `json:"errorMessage"`
}

// Load reads a protocol-test file such as
// testdata/protocols/input/rest-xml.json or
// testdata/protocols/legacy/output/json.json. The suites keep the file's
// order: their index is the Suite of a Key.
func Load(file string) ([]Suite, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("protocoltest: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw []rawSuite
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("protocoltest: %s: %w", file, err)
	}
	proto := strings.TrimSuffix(filepath.Base(file), ".json")
	dir := filepath.Base(filepath.Dir(file))
	suites := make([]Suite, len(raw))
	n := 0
	for i, rs := range raw {
		s := Suite{
			Description:    rs.Description,
			Metadata:       rs.Metadata,
			ClientEndpoint: rs.ClientEndpoint,
			Protocol:       proto,
			Direction:      dir,
		}
		for _, rc := range rs.Cases {
			id := rc.ID
			if id == "" {
				id = strconv.Itoa(n)
			}
			n++
			c := Case{
				ID:           id,
				Description:  rc.Description,
				Given:        rc.Given,
				Params:       rc.Params,
				Serialized:   rc.Serialized,
				Response:     rc.Response,
				Result:       floats(rc.Result),
				ErrorCode:    rc.ErrorCode,
				ErrorMessage: rc.ErrorMessage,
			}
			if rc.Error != nil {
				c.Error = floats(rc.Error).(map[string]any)
			}
			s.Cases = append(s.Cases, c)
		}
		suites[i] = s
	}
	return suites, nil
}

// floats replaces every json.Number in v by its float64 value.
func floats(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = floats(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = floats(e)
		}
		return x
	}
	return v
}

// ignoreList is protocol-tests-ignore-list.json.
type ignoreList struct {
	General   map[string]ignoreEntry            `json:"general"`
	Protocols map[string]map[string]ignoreEntry `json:"protocols"`
}

type ignoreEntry struct {
	Suites []string `json:"suites"`
	Cases  []string `json:"cases"`
}

var (
	ignoreOnce sync.Once
	ignore     ignoreList
	ignoreErr  error
)

// IgnoreListPath is where Ignored reads botocore's ignore list, relative to
// the repository root.
const IgnoreListPath = "testdata/protocols/protocol-tests-ignore-list.json"

func loadIgnore() {
	root, err := repoRoot()
	if err != nil {
		ignoreErr = err
		return
	}
	b, err := os.ReadFile(filepath.Join(root, IgnoreListPath))
	if err != nil {
		ignoreErr = err
		return
	}
	ignoreErr = json.Unmarshal(b, &ignore)
}

// repoRoot finds the module root from the working directory (go test runs
// in the package folder).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("protocoltest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Ignored reports whether botocore's ignore list skips a case, and why.
// protocol names the file as "<direction>/<protocol>", for example
// "input/rest-xml" or "output/query" (Suite.Direction + "/" +
// Suite.Protocol): the list differs between input and output, and some case
// ids occur in both. A bare protocol such as "rest-xml" matches an entry of
// either direction. The list is read once from IgnoreListPath; if it cannot
// be read, Ignored panics, as a test helper should not go on silently.
func Ignored(protocol, suiteDescription, caseID string) (reason string, ok bool) {
	ignoreOnce.Do(loadIgnore)
	if ignoreErr != nil {
		panic("protocoltest: reading the ignore list: " + ignoreErr.Error())
	}
	dir, proto, found := strings.Cut(protocol, "/")
	if !found {
		dir, proto = "", protocol
	}
	dirs := []string{"input", "output"}
	if dir != "" {
		dirs = []string{dir}
	}
	for _, d := range dirs {
		if g, ok := ignore.General[d]; ok {
			for _, s := range g.Suites {
				if s == suiteDescription {
					return "botocore's ignore list skips the suite " + strconv.Quote(s) + " for every protocol (general/" + d + ")", true
				}
			}
		}
		e := ignore.Protocols[proto][d]
		for _, s := range e.Suites {
			if s == suiteDescription {
				return "botocore's ignore list skips the suite " + strconv.Quote(s) + " (" + proto + "/" + d + ")", true
			}
		}
		for _, c := range e.Cases {
			if c == caseID {
				return "botocore's ignore list skips the case (" + proto + "/" + d + ")", true
			}
		}
	}
	return "", false
}

// Ignored is the package-level Ignored for one of the suite's cases.
func (s *Suite) Ignored(caseID string) (reason string, ok bool) {
	return Ignored(s.Direction+"/"+s.Protocol, s.Description, caseID)
}
