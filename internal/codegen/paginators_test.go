package codegen_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/codegen"
)

const pagedModel = `{
  "metadata": {"apiVersion": "2024-01-01", "protocol": "query", "serviceId": "Paged"},
  "operations": {
    "ListThings": {"name": "ListThings", "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "ListThingsRequest"}, "output": {"shape": "ListThingsResult"}},
    "ListPairs": {"name": "ListPairs", "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "ListPairsRequest"}, "output": {"shape": "ListPairsResult"}},
    "DescribeThing": {"name": "DescribeThing", "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "ListThingsRequest"}, "output": {"shape": "ListThingsResult"}},
    "ListNested": {"name": "ListNested", "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "ListThingsRequest"}, "output": {"shape": "ListNestedResult"}},
    "CountThings": {"name": "CountThings", "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "ListThingsRequest"}, "output": {"shape": "CountThingsResult"}}
  },
  "shapes": {
    "ListThingsRequest": {"type": "structure", "members": {"NextToken": {"shape": "String"}, "MaxItems": {"shape": "Integer"}}},
    "ListThingsResult": {"type": "structure", "members": {"Things": {"shape": "ThingList"}, "NextToken": {"shape": "String"}}},
    "ListPairsRequest": {"type": "structure", "members": {"KeyMarker": {"shape": "String"}, "IdMarker": {"shape": "String"}}},
    "ListPairsResult": {"type": "structure", "members": {
      "Keys": {"shape": "StringList"}, "Ids": {"shape": "StringList"},
      "NextKeyMarker": {"shape": "String"}, "NextIdMarker": {"shape": "String"}, "IsTruncated": {"shape": "Boolean"}}},
    "ListNestedResult": {"type": "structure", "members": {"Page": {"shape": "ThingPage"}, "Owner": {"shape": "Owner"}, "NextToken": {"shape": "String"}}},
    "ThingPage": {"type": "structure", "members": {"Things": {"shape": "ThingList"}, "Total": {"shape": "Integer"}}},
    "Owner": {"type": "structure", "members": {"Names": {"shape": "StringList"}}},
    "CountThingsResult": {"type": "structure", "members": {"Count": {"shape": "Integer"}, "Things": {"shape": "ThingList"}, "Data": {"shape": "Blob"}, "NextToken": {"shape": "String"}}},
    "ThingList": {"type": "list", "member": {"shape": "Thing"}},
    "Thing": {"type": "structure", "members": {"Name": {"shape": "String"}, "State": {"shape": "String"}}},
    "StringList": {"type": "list", "member": {"shape": "String"}},
    "String": {"type": "string"},
    "Integer": {"type": "integer"},
    "Boolean": {"type": "boolean"},
    "Blob": {"type": "blob"}
  }}`

// pagedRuleSet is a minimal endpoint rule set for the paged service.
const pagedRuleSet = `{"version": "1.0", "parameters": {"Region": {"builtIn": "AWS::Region", "type": "string"}},
  "rules": [{"conditions": [], "endpoint": {"url": "https://paged.example.com"}, "type": "endpoint"}]}`

// pagedOps are the operations the paged package is generated with.
var pagedOps = []string{"ListThings", "ListPairs", "DescribeThing", "ListNested", "CountThings"}

func generatePaged(t *testing.T, api *codegen.API, ops []string) map[string][]byte {
	t.Helper()
	files, _, err := codegen.GenerateService(api, "paged", codegen.Config{Operations: ops}, codegen.ServiceSpec{Package: "paged"}, []byte(pagedRuleSet))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func pagedAPI(t *testing.T) *codegen.API {
	t.Helper()
	api, err := codegen.ParseAPI([]byte(pagedModel))
	if err != nil {
		t.Fatal(err)
	}
	api.Paginators = map[string]*codegen.Paginator{
		"ListThings": {InputToken: codegen.StringList{"NextToken"}, OutputToken: codegen.StringList{"NextToken"}, LimitKey: "MaxItems", ResultKey: codegen.StringList{"Things"}},
		"ListPairs": {InputToken: codegen.StringList{"KeyMarker", "IdMarker"}, OutputToken: codegen.StringList{"NextKeyMarker", "NextIdMarker"},
			MoreResults: "IsTruncated", ResultKey: codegen.StringList{"Keys", "Ids"}},
		"NotGenerated": {InputToken: codegen.StringList{"NextToken"}, OutputToken: codegen.StringList{"NextToken"}},
		// A nested result key, and one under a structure that is not the
		// first key's parent.
		"ListNested": {InputToken: codegen.StringList{"NextToken"}, OutputToken: codegen.StringList{"NextToken"}, LimitKey: "MaxItems",
			ResultKey: codegen.StringList{"Page.Things", "Owner.Names"}},
		// A first result key that is not a list member: items are struct{}.
		"CountThings": {InputToken: codegen.StringList{"NextToken"}, OutputToken: codegen.StringList{"NextToken"},
			ResultKey: codegen.StringList{"Count", "Things", "Data", "Things[].Name"}},
	}
	api.Waiters = map[string]*codegen.Waiter{
		"ThingReady": {Operation: "DescribeThing", Delay: 7, MaxAttempts: 9, Acceptors: []codegen.Acceptor{
			{Matcher: "pathAll", Argument: "Things[].State", Expected: "ready", State: "success"},
			{Matcher: "pathAny", Argument: "Things[].State", Expected: "broken", State: "failure"},
			{Matcher: "path", Argument: "length(Things[]) > `0`", Expected: false, State: "retry"},
			{Matcher: "error", Expected: "ThingNotFound", State: "retry"},
			{Matcher: "status", Expected: 404.0, State: "retry"},
		}},
		"Other": {Operation: "NotGenerated", Delay: 1, MaxAttempts: 1},
	}
	return api
}

func TestPaginatorsAndWaiters(t *testing.T) {
	files := generatePaged(t, pagedAPI(t), pagedOps)
	tests := []struct {
		file, want string
	}{
		{"api_paginators.go", `var pagerListThings = paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}, LimitKey: "MaxItems", ResultKeys: []string{"Things"}}`},
		{"api_paginators.go", "func (c *Client) ListThingsPaginator(in *ListThingsInput, optFns ...func(*Options)) *goto3.Paginator[*ListThingsOutput, Thing] {\n" +
			"\tcall := func(ctx context.Context, in *ListThingsInput) (*ListThingsOutput, error) {\n\t\treturn c.ListThings(ctx, in, optFns...)\n\t}\n" +
			"\treturn goto3.NewPaginator(pagerListThings.InputTokens, paginator.Fetch(&pagerListThings, in, call),\n" +
			"\t\tfunc(o *ListThingsOutput) []Thing { return o.Things },\n"},
		{"api_paginators.go", "func (c *Client) ListThingsPages(ctx context.Context, in *ListThingsInput, optFns ...func(*Options)) iter.Seq2[*ListThingsOutput, error] {\n\treturn c.ListThingsPaginator(in, optFns...).Pages(ctx)\n}"},
		{"api_paginators.go", "func (c *Client) ListThingsItems(ctx context.Context, in *ListThingsInput, optFns ...func(*Options)) iter.Seq2[Thing, error] {\n\treturn c.ListThingsPaginator(in, optFns...).Items(ctx)\n}"},
		{"api_paginators.go", "// PageSize sets in.MaxItems."},
		{"api_paginators.go", `var pagerListPairs = paginator.Spec{InputTokens: []string{"KeyMarker", "IdMarker"}, OutputTokens: []string{"NextKeyMarker", "NextIdMarker"}, MoreResults: "IsTruncated", ResultKeys: []string{"Keys", "Ids"}}`},
		// Items are the first result key whatever its name; the others
		// stay on the pages and are emptied when a walk resumes inside one.
		{"api_paginators.go", "func (c *Client) ListPairsItems(ctx context.Context, in *ListPairsInput, optFns ...func(*Options)) iter.Seq2[string, error] {"},
		{"api_paginators.go", "// Its items are the Keys of each page (Ids are on the pages); MaxItems counts\n// them."},
		{"api_paginators.go", "\t\tfunc(o *ListPairsOutput, from, to int, clearOthers bool) {\n" +
			"\t\t\tif l := (func(o *ListPairsOutput) []string { return o.Keys })(o); l != nil {\n" +
			"\t\t\t\to.Keys = l[from:to]\n\t\t\t}\n" +
			"\t\t\tif clearOthers {\n\t\t\t\to.Ids = nil\n\t\t\t}\n\t\t})"},
		{"api_paginators.go", "until IsTruncated is false or they are all null or empty or"},
		// Nested result keys: nil-guarded access through the parents.
		{"api_paginators.go", "func(o *ListNestedOutput) []Thing {\n\t\t\tif o.Page == nil {\n\t\t\t\treturn nil\n\t\t\t}\n\t\t\treturn o.Page.Things\n\t\t}"},
		{"api_paginators.go", "if o.Page != nil {\n\t\t\t\t\to.Page.Things = l[from:to]\n\t\t\t\t}"},
		{"api_paginators.go", "if clearOthers {\n\t\t\t\tif o.Owner != nil {\n\t\t\t\t\to.Owner.Names = nil\n\t\t\t\t}\n\t\t\t}"},
		{"api_paginators.go", "func (c *Client) ListNestedItems(ctx context.Context, in *ListNestedInput, optFns ...func(*Options)) iter.Seq2[Thing, error] {"},
		{"api_paginators.go", "// Its items are the Page.Things of each page (Owner.Names are on the pages);"},
		// A first result key that is not a list: struct{} items, no trim,
		// no Items method.
		{"api_paginators.go", "func (c *Client) CountThingsPaginator(in *CountThingsInput, optFns ...func(*Options)) *goto3.Paginator[*CountThingsOutput, struct{}] {"},
		{"api_paginators.go", "\t\tfunc(*CountThingsOutput) []struct{} { return nil },\n\t\tnil)\n}"},
		{"api_paginators.go", "// The model names no list member as its result, so it has no items: range over\n// its Pages."},
		{"api_waiters.go", "var waiterThingReady = waiter.Spec{Name: \"ThingReady\", Delay: 7, MaxAttempts: 9, Acceptors: []waiter.Acceptor{\n" +
			"\t{State: waiter.Success, Matcher: waiter.PathAll, Argument: \"Things[].State\", Expected: \"ready\"},\n" +
			"\t{State: waiter.Failure, Matcher: waiter.PathAny, Argument: \"Things[].State\", Expected: \"broken\"},\n" +
			"\t{State: waiter.Retry, Matcher: waiter.Path, Argument: \"length(Things[]) > `0`\", Expected: false},\n" +
			"\t{State: waiter.Retry, Matcher: waiter.Error, Expected: \"ThingNotFound\"},\n" +
			"\t{State: waiter.Retry, Matcher: waiter.Status, Expected: 404},\n}}"},
		{"api_waiters.go", "func (c *Client) ThingReadyWaiter(optFns ...func(*Options)) *goto3.Waiter[DescribeThingInput] {\n" +
			"\treturn goto3.NewWaiter(func(ctx context.Context, in *DescribeThingInput, cfg goto3.WaiterConfig) error {\n" +
			"\t\treturn waiter.Wait(ctx, &waiterThingReady, waiter.Stubbed(cfg, c.waitStubbed(optFns)), func(ctx context.Context) (any, error) {\n" +
			"\t\t\tout, err := c.DescribeThing(ctx, in, optFns...)\n"},
		{"api_waiters.go", "func (c *Client) WaitUntilThingReady(ctx context.Context, in *DescribeThingInput, optFns ...func(*Options)) error {\n\treturn c.ThingReadyWaiter(optFns...).Wait(ctx, in)\n}"},
		{"api_waiters.go", "//   - failure when any Things[].State is \"broken\""},
		{"api_waiters.go", "every 7 s at first\n// and backing off, for at most 9 attempts; its goto3.WaiterConfig changes\n// that."},
	}
	for _, tt := range tests {
		t.Run(tt.want[:min(40, len(tt.want))], func(t *testing.T) {
			got := string(files[tt.file])
			if !strings.Contains(got, tt.want) {
				t.Errorf("%s does not contain\n%s\ngot:\n%s", tt.file, tt.want, got)
			}
		})
	}
	for _, absent := range []string{"NotGenerated", "WaitUntilOther"} {
		for _, f := range []string{"api_paginators.go", "api_waiters.go"} {
			if strings.Contains(string(files[f]), absent) {
				t.Errorf("%s mentions %s, whose operation is not generated", f, absent)
			}
		}
	}
	// The old per-key iterators and the waiter aliases are gone: items
	// are <Op>Items, waiter errors and options goto3's.
	for _, absent := range []string{"ListPairsKeys", "ListPairsIds", "CountThingsItems", "WaiterTimeoutError", "WaiterFailureError", "WaiterOptions", "paginator.Pages", "paginator.Items"} {
		for _, f := range []string{"api_paginators.go", "api_waiters.go"} {
			if strings.Contains(string(files[f]), absent) {
				t.Errorf("%s mentions %s", f, absent)
			}
		}
	}
}

// TestPagedGolden compares the paged model's paginators and waiters with
// the golden files in testdata/golden/paged (refresh with -update after
// checking the diff).
func TestPagedGolden(t *testing.T) {
	files := generatePaged(t, pagedAPI(t), pagedOps)
	for _, n := range []string{"api_paginators.go", "api_waiters.go"} {
		t.Run(n, func(t *testing.T) {
			checkGolden(t, filepath.Join("testdata", "golden", "paged", n+".txt"), files[n])
		})
	}
}

func TestNoPaginatorsNoFiles(t *testing.T) {
	api := pagedAPI(t)
	api.Paginators, api.Waiters = nil, nil
	files := generatePaged(t, api, nil)
	for _, f := range []string{"api_paginators.go", "api_waiters.go"} {
		if _, ok := files[f]; ok {
			t.Errorf("got %s for a model without paginators and waiters, want none", f)
		}
	}
}

func TestBadAcceptorDoesNotCompile(t *testing.T) {
	api := pagedAPI(t)
	api.Waiters["ThingReady"].Acceptors[0].Matcher = "pathSome"
	files := generatePaged(t, api, nil)
	if got := string(files["api_waiters.go"]); !strings.Contains(got, "undefined /* unknown matcher pathSome */") {
		t.Errorf("got no compile-breaking marker for an unknown matcher:\n%s", got)
	}
}

// TestModelPaginatorMembers checks the service models against what the
// paginator runtime needs: every input token and limit key is a member of
// the operation's input, every output token and result key that is a plain
// name is a member of its output, and every waiter names an operation of
// the model.
func TestModelPaginatorMembers(t *testing.T) {
	for _, spec := range codegen.Services {
		t.Run(spec.Package, func(t *testing.T) {
			api, err := codegen.LoadAPI(filepath.Join("..", "..", spec.ModelDir))
			if err != nil {
				t.Fatal(err)
			}
			members := func(ref *codegen.Ref) map[string]bool {
				m := map[string]bool{}
				if ref != nil {
					for _, n := range api.Shapes[ref.Shape].MemberOrder {
						m[n] = true
					}
				}
				return m
			}
			plain := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
			for name, p := range api.Paginators {
				op := api.Operations[name]
				if op == nil {
					t.Errorf("paginator %s: no such operation", name)
					continue
				}
				in, out := members(op.Input), members(op.Output)
				if len(p.InputToken) != len(p.OutputToken) {
					t.Errorf("%s: %d input tokens, %d output tokens", name, len(p.InputToken), len(p.OutputToken))
				}
				for _, k := range append(append([]string{}, p.InputToken...), p.LimitKey) {
					if k != "" && !in[k] {
						t.Errorf("%s: input has no member %s", name, k)
					}
				}
				for _, k := range append(append([]string{}, p.OutputToken...), p.ResultKey...) {
					if plain.MatchString(k) && !out[k] {
						t.Errorf("%s: output has no member %s", name, k)
					}
				}
			}
			for name, w := range api.Waiters {
				if api.Operations[w.Operation] == nil {
					t.Errorf("waiter %s: no operation %s", name, w.Operation)
				}
				if w.Delay <= 0 || w.MaxAttempts <= 0 {
					t.Errorf("waiter %s: delay %d, maxAttempts %d", name, w.Delay, w.MaxAttempts)
				}
			}
		})
	}
}
