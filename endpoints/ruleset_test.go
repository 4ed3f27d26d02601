package endpoints_test

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/endpoints"
)

func ptr[T any](v T) *T { return &v }

func TestLoadErrors(t *testing.T) {
	const rulesFmt = `{"version":"1.0","parameters":{"Region":{"type":"string"},"Flag":{"type":"boolean"}},"rules":[%s]}`
	tests := []struct {
		name, rules, wantErr string
	}{
		{"unknown function", `{"conditions":[{"fn":"nope","argv":[]}],"type":"error","error":"x"}`, `unknown function "nope"`},
		{"arity", `{"conditions":[{"fn":"isSet","argv":[{"ref":"Region"},{"ref":"Region"}]}],"type":"error","error":"x"}`, "isSet takes 1 arguments, got 2"},
		{"out of scope", `{"conditions":[],"type":"endpoint","endpoint":{"url":"https://{Nope}"}}`, `reference to "Nope", which is not in scope`},
		{"assign out of scope", `{"conditions":[{"fn":"aws.partition","argv":["{Region}"],"assign":"p"}],"type":"error","error":"x"},{"conditions":[],"type":"error","error":"{p#name}"}`, `"p", which is not in scope`},
		// Identical source compiles once and is shared; a second use must
		// still be refused where a name it reads is out of scope.
		{"shared template out of scope", `{"conditions":[{"fn":"aws.partition","argv":["{Region}"],"assign":"p"}],"type":"error","error":"{p#name}"},{"conditions":[],"type":"error","error":"{p#name}"}`, `rules[1].error: reference to "p", which is not in scope`},
		{"shared condition out of scope", `{"conditions":[{"fn":"aws.partition","argv":["{Region}"],"assign":"p"},{"fn":"isSet","argv":[{"ref":"p"}]}],"type":"error","error":"x"},{"conditions":[{"fn":"isSet","argv":[{"ref":"p"}]}],"type":"error","error":"x"}`, `rules[1].conditions[0].argv[0]: reference to "p", which is not in scope`},
		{"shared properties out of scope", `{"conditions":[{"fn":"aws.partition","argv":["{Region}"],"assign":"p"}],"type":"endpoint","endpoint":{"url":"https://x","properties":{"a":["{p#name}"]}}},{"conditions":[],"type":"endpoint","endpoint":{"url":"https://x","properties":{"a":["{p#name}"]}}}`, `rules[1].endpoint.properties.a[0]: reference to "p", which is not in scope`},
		{"shadowing", `{"conditions":[{"fn":"isSet","argv":[{"ref":"Region"}],"assign":"Region"}],"type":"error","error":"x"}`, "shadows a parameter"},
		{"unknown rule type", `{"conditions":[],"type":"what"}`, `unknown rule type "what"`},
		{"bad template", `{"conditions":[],"type":"error","error":"{Region"}`, "unterminated template"},
		{"bad path", `{"conditions":[{"fn":"getAttr","argv":[{"ref":"Region"},"a[x]"]}],"type":"error","error":"x"}`, "bad index"},
		{"condition not a call", `{"conditions":[{"ref":"Region"}],"type":"error","error":"x"}`, "must call a function"},
		{"tree without rules", `{"conditions":[],"type":"tree"}`, "tree rule without rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := endpoints.Load([]byte(fmt.Sprintf(rulesFmt, tt.rules)))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "endpoints: ") {
				t.Errorf("got %q, want the package prefix", err)
			}
		})
	}
	for _, bad := range []string{``, `{`, `{"parameters":{"X":{"type":"int"}},"rules":[]}`, `{"parameters":{"X":{"type":"boolean","default":"yes"}},"rules":[]}`} {
		if _, err := endpoints.Load([]byte(bad)); err == nil {
			t.Errorf("Load(%q): got nil error", bad)
		}
	}
}

const paramRules = `{"version":"1.0","parameters":{
  "Region":{"type":"string","required":true},
  "Name":{"type":"string"},
  "List":{"type":"stringArray"}},
 "rules":[
  {"conditions":[{"fn":"getAttr","argv":[{"ref":"List"},"[1]"],"assign":"second"}],
   "type":"endpoint","endpoint":{"url":"https://{second}.{Region}","headers":{"x-braces":["{{literal}}"]}}},
  {"conditions":[{"fn":"isSet","argv":[{"ref":"Name"}]}],"type":"tree","rules":[
    {"conditions":[{"fn":"stringEquals","argv":["{Name}","a"]}],"type":"endpoint","endpoint":{"url":"https://a.{Region}","properties":{"n":1,"list":["{Region}",true]}}}]},
  {"conditions":[],"type":"error","error":"nothing for {Region}"}]}`

func TestResolveParams(t *testing.T) {
	rs, err := endpoints.Load([]byte(paramRules))
	if err != nil {
		t.Fatal(err)
	}
	named := func(m map[string]any) []endpoints.Value { return values(t, rs, m) }
	if _, err := rs.Resolve(nil); err == nil || err.Error() != `endpoints: parameter "Region" is required` {
		t.Errorf("nil params: got %v, want a required-parameter error", err)
	}
	var re *endpoints.RuleError
	if _, err := rs.Resolve(named(map[string]any{"Region": "r1"})); !errors.As(err, &re) || re.Message != "nothing for r1" {
		t.Errorf("got %v, want rule error %q", err, "nothing for r1")
	}
	// A tree rule whose conditions hold is terminal.
	if _, err := rs.Resolve(named(map[string]any{"Region": "r1", "Name": "b"})); !errors.Is(err, endpoints.ErrNoRule) {
		t.Errorf("exhausted tree: got %v, want ErrNoRule", err)
	}
	ep, err := rs.Resolve(named(map[string]any{"Region": "r1", "Name": "a"}))
	if err != nil {
		t.Fatal(err)
	}
	want := endpoints.Endpoint{URL: "https://a.r1", Properties: map[string]any{"n": float64(1), "list": []any{"r1", true}}}
	if diff := cmp.Diff(want, ep); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ep, err = rs.Resolve(named(map[string]any{"Region": "r1", "List": []string{"x", "y"}}))
	if err != nil {
		t.Fatal(err)
	}
	want = endpoints.Endpoint{URL: "https://y.r1", Headers: map[string][]string{"x-braces": {"{literal}"}}}
	if diff := cmp.Diff(want, ep); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := rs.Resolve(named(map[string]any{"Region": "r1", "Name": true})); err == nil || !strings.Contains(err.Error(), `"Name" must be a string`) {
		t.Errorf("wrong type: got %v, want a type error", err)
	}
	// Values refuses names the rule set does not declare, and more values
	// than parameters are an error.
	if _, err := rs.Values(map[string]any{"Region": "r1", "Zzz": "b"}); err == nil {
		t.Error("Values accepted an undeclared parameter")
	}
	if _, err := rs.Resolve(make([]endpoints.Value, rs.NumParameters()+1)); err == nil {
		t.Error("Resolve accepted more values than parameters")
	}
}

func TestResolveTypeClash(t *testing.T) {
	rs, err := endpoints.Load([]byte(`{"version":"1.0","parameters":{"Bucket":{"type":"boolean"},"UseFIPS":{"type":"string"}},
		"rules":[{"conditions":[],"type":"error","error":"ok"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rs.Resolve(values(t, rs, map[string]any{"Bucket": "b"})); err == nil || !strings.Contains(err.Error(), `"Bucket" must be a boolean`) {
		t.Errorf("got %v, want a type error", err)
	}
	if _, err := rs.Resolve(values(t, rs, map[string]any{"UseFIPS": true})); err == nil || !strings.Contains(err.Error(), `"UseFIPS" must be a string`) {
		t.Errorf("got %v, want a type error", err)
	}
	var re *endpoints.RuleError
	if _, err := rs.Resolve(values(t, rs, map[string]any{"Bucket": true, "UseFIPS": "x"})); !errors.As(err, &re) {
		t.Errorf("got %v, want the rule error", err)
	}
}

func TestValues(t *testing.T) {
	rs, err := endpoints.Load([]byte(`{"version":"1.0","parameters":{"Region":{"type":"string"},"UseFIPS":{"type":"boolean"},
		"Bucket":{"type":"string"},"Key":{"type":"string"},"Custom":{"type":"stringArray"}},"rules":[{"conditions":[],"type":"error","error":"ok"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		v    any
		ok   bool
	}{
		{"Region", "us-east-1", true},
		{"UseFIPS", true, true},
		{"Bucket", ptr("b"), true},
		{"Region", 3, false},
		{"Custom", []any{"a", "b"}, true},
		{"Custom", []any{1}, false},
		{"Custom", 1.5, false},
		{"Key", nil, true},
		{"Nope", "x", false},
	} {
		if _, err := rs.Values(map[string]any{c.name: c.v}); (err == nil) != c.ok {
			t.Errorf("Values(%q: %v): got %v, want ok=%v", c.name, c.v, err, c.ok)
		}
	}
	vals := values(t, rs, map[string]any{"Region": "us-east-1", "UseFIPS": true})
	if s, ok := vals[rs.Index("Region")].Str(); !ok || s != "us-east-1" {
		t.Errorf("Region: got %q, %v", s, ok)
	}
	if b, ok := vals[rs.Index("UseFIPS")].Boolean(); !ok || !b {
		t.Errorf("UseFIPS: got %v, %v", b, ok)
	}
	if vals[rs.Index("Key")].IsSet() || rs.Index("Nope") != -1 {
		t.Error("an unset parameter is set, or an undeclared one has an index")
	}
	if err := rs.Bind([]string{"Bucket", "Custom", "Key", "Region", "UseFIPS"}); err != nil {
		t.Errorf("Bind with the sorted names: %v", err)
	}
	if err := rs.Bind([]string{"Region", "Bucket"}); err == nil {
		t.Error("Bind accepted other names")
	}
}

func TestS3ParametersDeclared(t *testing.T) {
	rs := ruleSet(t, "s3")
	got := map[string]string{}
	for _, p := range rs.Parameters() {
		got[p.Name] = p.BuiltIn
	}
	if len(got) != 17 || got["Region"] != "AWS::Region" || got["Endpoint"] != "SDK::Endpoint" || got["ForcePathStyle"] != "AWS::S3::ForcePathStyle" {
		t.Errorf("got %v", got)
	}
	if i := rs.BuiltIn("AWS::S3::ForcePathStyle"); i != rs.Index("ForcePathStyle") || i < 0 {
		t.Errorf("BuiltIn(AWS::S3::ForcePathStyle) = %d, want the index of ForcePathStyle", i)
	}
	if rs.BuiltIn("AWS::Nope") != -1 {
		t.Error("BuiltIn of an unknown name is not -1")
	}
	for _, svc := range []string{"s3", "ses", "ec2"} {
		if !endpoints.Cacheable(ruleSet(t, svc)) {
			t.Errorf("%s: the rule set does not use the cache", svc)
		}
	}
}

// TestCacheAdmission checks that a result is stored in the cache the
// second time its parameters come, not the first.
func TestCacheAdmission(t *testing.T) {
	rs := ruleSet(t, "s3")
	p := values(t, rs, map[string]any{"Region": "eu-central-1", "Bucket": "admission-test"})
	for i, want := range []bool{false, true, true} {
		if _, err := rs.Resolve(p); err != nil {
			t.Fatal(err)
		}
		if got := endpoints.CacheHolds(rs, p); got != want {
			t.Errorf("after %d resolutions: got cached %v, want %v", i+1, got, want)
		}
	}
}

// TestResolveAllocs counts the allocations of a resolution: none for
// repeated parameters, the URL alone for an S3 bucket not seen before in
// a region seen before, none for a DynamoDB table not seen before.
func TestResolveAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	s3 := ruleSet(t, "s3")
	ddb := ruleSet(t, "dynamodb")
	same := values(t, s3, map[string]any{"Region": "us-west-2", "Bucket": "mybucket"})
	s3.Resolve(same)
	s3.Resolve(same)
	bucket := s3.Index("Bucket")
	newBucket := values(t, s3, map[string]any{"Region": "us-west-2"})
	table := ddb.Index("ResourceArn")
	newTable := values(t, ddb, map[string]any{"Region": "us-west-2"})
	i := 0
	for _, tt := range []struct {
		name string
		max  float64
		f    func()
	}{
		{"S3 same bucket", 0, func() { s3.Resolve(same) }},
		{"S3 new bucket", 1, func() {
			i++
			newBucket[bucket] = endpoints.String("bucket-" + strconv.Itoa(i))
			s3.Resolve(newBucket)
		}},
		{"DynamoDB new table", 0, func() {
			i++
			newTable[table] = endpoints.String("table-" + strconv.Itoa(i))
			ddb.Resolve(newTable)
		}},
	} {
		tt.f() // the memos fill
		// The names are made before counting.
		names := make([]string, 200)
		for j := range names {
			names[j] = "n-" + strconv.Itoa(i+j)
		}
		j := 0
		got := testing.AllocsPerRun(100, func() {
			newBucket[bucket] = endpoints.String(names[j])
			newTable[table] = endpoints.String(names[j])
			j++
			switch tt.name {
			case "S3 same bucket":
				s3.Resolve(same)
			case "S3 new bucket":
				s3.Resolve(newBucket)
			default:
				ddb.Resolve(newTable)
			}
		})
		if got > tt.max {
			t.Errorf("%s: got %v allocations, want at most %v", tt.name, got, tt.max)
		}
	}
}

// TestResolveConcurrent checks, under -race, that concurrent resolutions
// through the shared cache agree with uncached ones.
func TestResolveConcurrent(t *testing.T) {
	rs := ruleSet(t, "s3")
	regions := []string{"us-east-1", "us-west-2", "eu-central-1", "cn-north-1", "a b"}
	buckets := []string{"mybucket", "my.bucket", "arn:aws:s3:us-west-2:123456789012:accesspoint:myendpoint", "bucket_name", "mybucket--usw2-az1--x-s3"}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				p := values(t, rs, map[string]any{
					"Region":       regions[(i+g)%len(regions)],
					"Bucket":       buckets[(i/len(regions)+g)%len(buckets)],
					"UseDualStack": i%3 == 0,
				})
				got, gotErr := rs.Resolve(p)
				want, wantErr := rs.ResolveUncached(p)
				if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Errorf("%+v: got error %v, want %v", p, gotErr, wantErr)
					return
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%+v: (-uncached +cached):\n%s", p, diff)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestCachedResolutionAllocs checks the cache: the same parameters, or the
// same bucket with another object key (no rule reads Key), resolve without
// allocating.
func TestCachedResolutionAllocs(t *testing.T) {
	rs := ruleSet(t, "s3")
	keys := []string{"a.txt", "b/c.txt", "d"}
	p := values(t, rs, map[string]any{"Region": "us-west-2", "Bucket": "alloc-test-bucket", "Key": keys[0], "UseFIPS": false})
	if _, err := rs.Resolve(p); err != nil {
		t.Fatal(err)
	}
	key := rs.Index("Key")
	i := 0
	allocs := testing.AllocsPerRun(100, func() {
		p[key] = endpoints.String(keys[i%len(keys)])
		i++
		ep, err := rs.Resolve(p)
		if err != nil || ep.URL != "https://alloc-test-bucket.s3.us-west-2.amazonaws.com" {
			t.Fatalf("got %q, %v", ep.URL, err)
		}
	})
	if allocs > 0 {
		t.Errorf("got %v allocations per cached resolution, want 0", allocs)
	}
}

func TestZeroRuleSet(t *testing.T) {
	var rs endpoints.RuleSet
	if _, err := rs.Resolve([]endpoints.Value{endpoints.String("us-east-1")}); !errors.Is(err, endpoints.ErrNoRule) {
		t.Errorf("got %v, want ErrNoRule", err)
	}
}

func TestEndpointClone(t *testing.T) {
	rs := ruleSet(t, "s3")
	p := values(t, rs, map[string]any{"Region": "us-east-1", "Bucket": "arn:aws:s3::123456789012:accesspoint:mfzwi23gnjvgw.mrap"})
	ep, err := rs.Resolve(p)
	if err != nil {
		t.Fatal(err)
	}
	c := ep.Clone()
	if diff := cmp.Diff(ep, c); diff != "" {
		t.Fatalf("clone differs (-orig +clone):\n%s", diff)
	}
	c.AuthSchemes[0].SigningRegionSet[0] = "changed"
	c.Properties["authSchemes"].([]any)[0].(map[string]any)["name"] = "changed"
	again, _ := rs.Resolve(p)
	if diff := cmp.Diff(ep, again); diff != "" || again.AuthSchemes[0].SigningRegionSet[0] != "*" {
		t.Errorf("changing the clone changed the cached endpoint:\n%s", diff)
	}
}

func TestCacheTwoChoices(t *testing.T) {
	const n = 512
	tests := []struct {
		name   string
		hashes []uint64
		want   []bool
	}{
		{"distinct", []uint64{1, 2 | 3<<32}, []bool{true, true}},
		// Same first place, different second place: both kept.
		{"first collides", []uint64{5 | 7<<32, 5 + n | 9<<32}, []bool{true, true}},
		// Same key hash stored twice replaces itself.
		{"same hash", []uint64{5 | 7<<32, 5 | 7<<32}, []bool{false, true}},
		// Three sets sharing both places: the last one is always kept.
		{"both collide", []uint64{5 | 7<<32, 5 + n | 7<<32, 5 + 2*n | 7<<32}, []bool{false, true, true}},
	}
	for _, tt := range tests {
		got := endpoints.CacheKeeps(tt.hashes)
		if tt.name == "both collide" {
			// Which of the first two survives depends on the hash bit.
			if !got[2] || got[0] && got[1] {
				t.Errorf("%s: got %v, want the last kept and one of the others evicted", tt.name, got)
			}
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestS3ConditionsShared checks that identical conditions are compiled
// once: S3's rule set repeats a few conditions many times.
func TestS3ConditionsShared(t *testing.T) {
	n, distinct := endpoints.Conditions(ruleSet(t, "s3"))
	if n != 742 || distinct != 105 {
		t.Errorf("got %d conditions with %d distinct expressions, want 742 with 105", n, distinct)
	}
}

// TestLoadFileFields checks the top-level fields are read as encoding/json
// reads them into a struct: null leaves a field unset, keys match
// case-insensitively when no exact one exists, and a value of the wrong
// type is an error.
func TestLoadFileFields(t *testing.T) {
	tests := []struct {
		name, in   string
		wantParams []string
		wantErr    bool
	}{
		{"null document", `null`, nil, false},
		{"null fields", `{"version":null,"parameters":null,"rules":null}`, nil, false},
		{"case-insensitive keys", `{"PARAMETERS":{"R":{"Type":"string","BUILTIN":"AWS::Region","Required":false}},"Rules":[]}`, []string{"R"}, false},
		{"null parameter", `{"parameters":{"R":null},"rules":[]}`, nil, true}, // type "" is unknown
		{"repeated parameter keeps the last", `{"parameters":{"R":{"type":"int"},"R":{"type":"string"}},"rules":[]}`, []string{"R"}, false},
		{"type not a string", `{"parameters":{"R":{"type":1}},"rules":[]}`, nil, true},
		{"required not a boolean", `{"parameters":{"R":{"type":"string","required":"yes"}},"rules":[]}`, nil, true},
		{"parameter not an object", `{"parameters":{"R":"string"},"rules":[]}`, nil, true},
		{"rules not an array", `{"rules":{}}`, nil, true},
		{"version not a string", `{"version":1.0,"rules":[]}`, nil, true},
		{"document not an object", `[]`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := endpoints.Load([]byte(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			var got []string
			for _, p := range rs.Parameters() {
				got = append(got, p.Name)
			}
			if d := cmp.Diff(tt.wantParams, got); d != "" {
				t.Errorf("parameters (-want +got):\n%s", d)
			}
		})
	}
}

// TestLoadDeepNestingLinear loads rule sets that nest deep: Load must
// cost time and memory in proportion to the document. Sharing identical
// nodes must not key every nested node by its whole source, and the
// location an error would name must not be spelled out at every node (the
// sum of either grows with the square of the depth: 24 MB for the 100 KB
// properties, 67 MB for the 88 KB of nested calls).
func TestLoadDeepNestingLinear(t *testing.T) {
	const depth = 400
	long := `"` + strings.Repeat("x", 250) + `"`
	props := strings.Repeat(`[`+long+`,`, depth) + `1` + strings.Repeat(`]`, depth)
	calls := strings.Repeat(`{"fn":"not","argv":[`, 4000) + `{"fn":"isSet","argv":[{"ref":"Region"}]}` + strings.Repeat(`]}`, 4000)
	tests := []struct{ name, rules string }{
		{"properties", `{"conditions":[],"type":"endpoint","endpoint":{"url":"https://x","properties":{"a":` + props + `}}}`},
		{"calls", `{"conditions":[` + calls + `],"type":"error","error":"x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := []byte(`{"parameters":{"Region":{"type":"string","builtIn":"AWS::Region"}},"rules":[` + tt.rules + `]}`)
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			rs, err := endpoints.Load(doc)
			runtime.ReadMemStats(&m1)
			if err != nil {
				t.Fatal(err)
			}
			runtime.KeepAlive(rs)
			if got, limit := m1.TotalAlloc-m0.TotalAlloc, uint64(100*len(doc)); got > limit {
				t.Errorf("got %d bytes allocated loading a %d-byte document, want at most %d (100 times its size; S3's rule set takes 8)", got, len(doc), limit)
			}
		})
	}
}
