package s3_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/services/s3"
)

// s3Vectors is testdata/protocols-diff/s3-vectors.json, written by
// s3_vectors.py from botocore's rest-xml serializer and parser.
type s3Vectors struct {
	Botocore string `json:"botocore"`
	Requests []struct {
		Operation string            `json:"operation"`
		Params    any               `json:"params"`
		Endpoint  string            `json:"endpoint"`
		Method    string            `json:"method"`
		URL       string            `json:"url"`
		Headers   map[string]string `json:"headers"`
		Body      string            `json:"body"`
	} `json:"requests"`
	Responses []struct {
		Operation string            `json:"operation"`
		Status    int               `json:"status"`
		Headers   map[string]string `json:"headers"`
		Body      string            `json:"body"`
		Result    any               `json:"result"`
	} `json:"responses"`
	Errors []struct {
		Operation  string            `json:"operation"`
		Status     int               `json:"status"`
		Headers    map[string]string `json:"headers"`
		Body       string            `json:"body"`
		WantStatus int               `json:"wantStatus"`
		Code       string            `json:"code"`
		Message    string            `json:"message"`
		RequestID  string            `json:"requestId"`
		HostID     string            `json:"hostId"`
		Modeled    *string           `json:"modeled"`
	} `json:"errors"`
}

func loadS3Vectors(t *testing.T) *s3Vectors {
	t.Helper()
	data, err := os.ReadFile(repoTestdata("protocols-diff", "s3-vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber() // params keep every digit; BuildValue takes json.Number
	var v s3Vectors
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// numbersToFloat turns json.Number into float64, the form ToJSON produces.
func numbersToFloat(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = numbersToFloat(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbersToFloat(e)
		}
	}
	return v
}

// TestBotocoreDiffS3 replays the S3 vectors: requests header by header and
// body by body, parsed responses and errors field by field. Known,
// deliberate differences from botocore (each checked explicitly):
//   - list-valued headers are joined with ", " (Smithy's protocol tests)
//     where botocore writes ","; both are the same list in HTTP;
//   - XML bodies get Content-Type: application/xml, string payloads
//     text/plain, which botocore's serializer leaves unset;
//   - a Content-Length member becomes req.ContentLength, not a header;
//   - the request id and host id of an S3 <Error> document are taken from
//     the body when the headers lack them (botocore drops them).
func TestBotocoreDiffS3(t *testing.T) {
	v := loadS3Vectors(t)
	if len(v.Requests) < 200 || len(v.Responses) < 100 || len(v.Errors) < 20 {
		t.Fatalf("got %d requests, %d responses, %d errors; want at least 200, 100, 20", len(v.Requests), len(v.Responses), len(v.Errors))
	}
	t.Run("requests", func(t *testing.T) {
		for i, rv := range v.Requests {
			t.Run(fmt.Sprintf("%03d_%s", i, rv.Operation), func(t *testing.T) {
				op := codecOp(t, rv.Operation)
				in, err := protocoltest.BuildValue(op.Input, rv.Params)
				if err != nil {
					t.Fatalf("BuildValue: %v", err)
				}
				u, _ := url.Parse(rv.Endpoint)
				req := &http.Request{URL: u, Header: http.Header{}}
				var input any
				if in.IsValid() {
					input = in.Interface()
				}
				opts := protocol.MarshalOptions{NewIdempotencyToken: func() string { return "token" }}
				if err := restxml.MarshalRequest(req, op, input, opts); err != nil {
					t.Fatalf("MarshalRequest: %v", err)
				}
				if req.Method != rv.Method {
					t.Errorf("method: got %s, want %s", req.Method, rv.Method)
				}
				if got := req.URL.String(); got != rv.URL {
					t.Errorf("url:\n got %s\nwant %s", got, rv.URL)
				}
				var body []byte
				if req.Body != nil {
					body, _ = io.ReadAll(req.Body)
				}
				checkHeaders(t, op, req, rv.Headers, len(body))
				if strings.HasPrefix(rv.Body, "<") {
					if diff := xmlDiff(rv.Body, string(body), false); diff != "" {
						t.Errorf("body (-botocore +goto3):\n%s", diff)
					}
				} else if string(body) != rv.Body {
					t.Errorf("body: got %q, want %q", body, rv.Body)
				}
			})
		}
	})
	t.Run("responses", func(t *testing.T) {
		for i, rv := range v.Responses {
			t.Run(fmt.Sprintf("%03d_%s", i, rv.Operation), func(t *testing.T) {
				op := codecOp(t, rv.Operation)
				out := s3.NewOperationOutput(rv.Operation)
				if err := restxml.UnmarshalResponse(diffResp(rv.Status, rv.Headers, rv.Body), op, out); err != nil {
					t.Fatalf("UnmarshalResponse: %v", err)
				}
				got := protocoltest.ToJSON(op.Output, reflect.ValueOf(out))
				want := numbersToFloat(rv.Result)
				pruneRequiredZero(op.Output, got, want)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("result (-botocore +goto3):\n%s", diff)
				}
			})
		}
	})
	t.Run("errors", func(t *testing.T) {
		for i, ev := range v.Errors {
			t.Run(fmt.Sprintf("%03d_%s_%d", i, ev.Operation, ev.Status), func(t *testing.T) {
				op := codecOp(t, ev.Operation)
				var re *protocol.ResponseError
				r := diffResp(ev.Status, ev.Headers, ev.Body)
				if ev.Status >= 300 {
					re = restxml.UnmarshalError(r, op)
				} else {
					err := restxml.UnmarshalResponse(r, op, s3.NewOperationOutput(ev.Operation))
					if !errors.As(err, &re) {
						t.Fatalf("UnmarshalResponse: got %v, want a *protocol.ResponseError", err)
					}
				}
				if re.StatusCode != ev.WantStatus || re.Code != ev.Code || re.Message != ev.Message {
					t.Errorf("got status %d code %q message %q; want %d %q %q", re.StatusCode, re.Code, re.Message, ev.WantStatus, ev.Code, ev.Message)
				}
				checkID(t, "request id", re.RequestID, ev.RequestID, ev.Body, "RequestId", ev.Headers["x-amz-request-id"])
				checkID(t, "host id", re.HostID, ev.HostID, ev.Body, "HostId", ev.Headers["x-amz-id-2"])
				gotModeled := ""
				if re.Modeled != nil {
					gotModeled = reflect.TypeOf(re.Modeled).Elem().Name()
				}
				wantModeled := ""
				if ev.Modeled != nil {
					wantModeled = *ev.Modeled
				}
				if gotModeled != wantModeled {
					t.Errorf("modelled error: got %q, want %q", gotModeled, wantModeled)
				}
			})
		}
	})
}

// pruneRequiredZero drops from got the zero values of required scalar
// members that want lacks: such members are plain Go values, which cannot
// be unset, so ToJSON always reports them.
func pruneRequiredZero(sh *protocol.Shape, got, want any) {
	if sh == nil {
		return
	}
	switch sh.Type {
	case protocol.TypeStructure:
		g, ok1 := got.(map[string]any)
		w, ok2 := want.(map[string]any)
		if !ok1 || !ok2 {
			return
		}
		for i := range sh.Members {
			m := &sh.Members[i]
			gv, inGot := g[m.Name]
			wv, inWant := w[m.Name]
			if inGot && !inWant && m.Required && (gv == "" || gv == 0.0 || gv == false) {
				delete(g, m.Name)
				continue
			}
			if inGot && inWant {
				pruneRequiredZero(m.Shape, gv, wv)
			}
		}
	case protocol.TypeList:
		g, ok1 := got.([]any)
		w, ok2 := want.([]any)
		if ok1 && ok2 && len(g) == len(w) {
			for i := range g {
				pruneRequiredZero(sh.Member.Shape, g[i], w[i])
			}
		}
	}
}

func diffResp(status int, headers map[string]string, body string) *http.Response {
	h := http.Header{}
	for k, v := range headers {
		h.Add(k, v)
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body))}
}

// checkID compares an id with botocore's. Where botocore reports none
// (it drops the ids of S3's <Error> document and of empty bodies), goto3
// may report the one in the headers or the document.
func checkID(t *testing.T, what, got, want, body, elem, header string) {
	t.Helper()
	if want == "" {
		if got == "" || got == header {
			return
		}
		open, close := "<"+elem+">", "</"+elem+">"
		if i := strings.Index(body, open); i >= 0 {
			if j := strings.Index(body[i:], close); j >= 0 {
				want = body[i+len(open) : i+j]
			}
		}
	}
	if got != want {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

func checkHeaders(t *testing.T, op *protocol.Operation, req *http.Request, want map[string]string, bodyLen int) {
	t.Helper()
	isList := map[string]bool{}
	for _, m := range op.Input.Members {
		if m.Location == protocol.LocationHeader && m.Shape.Type == protocol.TypeList {
			isList[http.CanonicalHeaderKey(m.LocationName)] = true
		}
	}
	seen := map[string]bool{}
	for k, w := range want {
		ck := http.CanonicalHeaderKey(k)
		seen[ck] = true
		if ck == "Content-Length" {
			// Without a body goto3 sends Content-Length 0 whatever the
			// member says: a length with no body cannot be sent.
			if bodyLen == 0 && req.ContentLength == 0 {
				continue
			}
			if strconv.FormatInt(req.ContentLength, 10) != w {
				t.Errorf("Content-Length: got req.ContentLength %d, want %s", req.ContentLength, w)
			}
			continue
		}
		vals, ok := req.Header[ck]
		got := strings.Join(vals, ",")
		if isList[ck] {
			got = strings.ReplaceAll(got, ", ", ",")
		}
		if !ok || got != w {
			t.Errorf("header %s: got %q (present %v), want %q", k, got, ok, w)
		}
	}
	for k, vals := range req.Header {
		if seen[k] {
			continue
		}
		if k == "Content-Type" && (vals[0] == "application/xml" || vals[0] == "text/plain") {
			continue
		}
		t.Errorf("header %s: got %q, botocore sends none", k, vals)
	}
}

// repoTestdata is the path of a file under the repository's testdata.
func repoTestdata(parts ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "testdata"}, parts...)...)
}

// xmlNode is a comparable form of an XML element: whitespace-only text
// between elements is dropped, attributes sorted.
type xmlNode struct {
	Name     string
	Attrs    []string
	Text     string
	Children []*xmlNode
}

func parseXML(s string) (*xmlNode, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{Name: qname(tk.Name)}
			for _, a := range tk.Attr {
				n.Attrs = append(n.Attrs, qname(a.Name)+"="+a.Value)
			}
			sort.Strings(n.Attrs)
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			if len(n.Children) > 0 && strings.TrimSpace(n.Text) == "" {
				n.Text = ""
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tk)
			}
		}
	}
	return root, nil
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// xmlDiff compares two documents. With unordered set, runs of same-named
// sibling elements are compared as multisets: Go maps have no order, and
// the vectors list map entries in the order of the JSON params.
func xmlDiff(want, got string, unordered bool) string {
	w, err := parseXML(want)
	if err != nil {
		return fmt.Sprintf("parsing expected XML: %v", err)
	}
	g, err := parseXML(got)
	if err != nil {
		return fmt.Sprintf("parsing serialized XML: %v", err)
	}
	if unordered {
		sortRuns(w)
		sortRuns(g)
	}
	return cmp.Diff(w, g)
}

func (n *xmlNode) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<%s %v>%s", n.Name, n.Attrs, n.Text)
	for _, c := range n.Children {
		b.WriteString(c.String())
	}
	b.WriteString("</>")
	return b.String()
}

func sortRuns(n *xmlNode) {
	for _, c := range n.Children {
		sortRuns(c)
	}
	for i := 0; i < len(n.Children); {
		j := i
		for j < len(n.Children) && n.Children[j].Name == n.Children[i].Name {
			j++
		}
		run := n.Children[i:j]
		sort.SliceStable(run, func(a, b int) bool { return run[a].String() < run[b].String() })
		i = j
	}
}
