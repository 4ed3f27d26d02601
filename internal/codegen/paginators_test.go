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
      "input": {"shape": "ListThingsRequest"}, "output": {"shape": "ListThingsResult"}}
  },
  "shapes": {
    "ListThingsRequest": {"type": "structure", "members": {"NextToken": {"shape": "String"}, "MaxItems": {"shape": "Integer"}}},
    "ListThingsResult": {"type": "structure", "members": {"Things": {"shape": "ThingList"}, "NextToken": {"shape": "String"}}},
    "ListPairsRequest": {"type": "structure", "members": {"KeyMarker": {"shape": "String"}, "IdMarker": {"shape": "String"}}},
    "ListPairsResult": {"type": "structure", "members": {
      "Keys": {"shape": "StringList"}, "Ids": {"shape": "StringList"},
      "NextKeyMarker": {"shape": "String"}, "NextIdMarker": {"shape": "String"}, "IsTruncated": {"shape": "Boolean"}}},
    "ThingList": {"type": "list", "member": {"shape": "Thing"}},
    "Thing": {"type": "structure", "members": {"Name": {"shape": "String"}, "State": {"shape": "String"}}},
    "StringList": {"type": "list", "member": {"shape": "String"}},
    "String": {"type": "string"},
    "Integer": {"type": "integer"},
    "Boolean": {"type": "boolean"}
  }}`

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
	files, _, err := codegen.GenerateService(pagedAPI(t), "paged", codegen.Config{Operations: []string{"ListThings", "ListPairs", "DescribeThing"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, want string
	}{
		{"api_paginators.go", `var pagerListThings = paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}, LimitKey: "MaxItems", ResultKeys: []string{"Things"}}`},
		{"api_paginators.go", "func (c *Client) ListThingsPages(ctx context.Context, in *ListThingsInput, optFns ...func(*Options)) iter.Seq2[*ListThingsOutput, error] {\n\treturn paginator.Pages(ctx, &pagerListThings, in, c.ListThings, optFns)\n}"},
		{"api_paginators.go", "func (c *Client) ListThingsItems(ctx context.Context, in *ListThingsInput, optFns ...func(*Options)) iter.Seq2[Thing, error] {\n\treturn paginator.Items(c.ListThingsPages(ctx, in, optFns...), func(o *ListThingsOutput) []Thing { return o.Things })\n}"},
		{"api_paginators.go", "// The page size is in.MaxItems."},
		{"api_paginators.go", `var pagerListPairs = paginator.Spec{InputTokens: []string{"KeyMarker", "IdMarker"}, OutputTokens: []string{"NextKeyMarker", "NextIdMarker"}, MoreResults: "IsTruncated", ResultKeys: []string{"Keys", "Ids"}}`},
		{"api_paginators.go", "func (c *Client) ListPairsKeys(ctx context.Context, in *ListPairsInput, optFns ...func(*Options)) iter.Seq2[string, error] {"},
		{"api_paginators.go", "func (c *Client) ListPairsIds(ctx context.Context, in *ListPairsInput, optFns ...func(*Options)) iter.Seq2[string, error] {"},
		{"api_waiters.go", "var waiterThingReady = waiter.Spec{Name: \"ThingReady\", Delay: 7, MaxAttempts: 9, Acceptors: []waiter.Acceptor{\n" +
			"\t{State: waiter.Success, Matcher: waiter.PathAll, Argument: \"Things[].State\", Expected: \"ready\"},\n" +
			"\t{State: waiter.Failure, Matcher: waiter.PathAny, Argument: \"Things[].State\", Expected: \"broken\"},\n" +
			"\t{State: waiter.Retry, Matcher: waiter.Path, Argument: \"length(Things[]) > `0`\", Expected: false},\n" +
			"\t{State: waiter.Retry, Matcher: waiter.Error, Expected: \"ThingNotFound\"},\n" +
			"\t{State: waiter.Retry, Matcher: waiter.Status, Expected: 404},\n}}"},
		{"api_waiters.go", "func (c *Client) WaitUntilThingReady(ctx context.Context, in *DescribeThingInput, optFns ...func(*WaiterOptions)) error {\n\treturn waitUntil(ctx, &waiterThingReady, in, c.DescribeThing, optFns)\n}"},
		{"api_waiters.go", "//   - failure when any Things[].State is \"broken\""},
		{"api_waiters.go", "WaiterTimeoutError = waiter.TimeoutError"},
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
}

func TestNoPaginatorsNoFiles(t *testing.T) {
	api := pagedAPI(t)
	api.Paginators, api.Waiters = nil, nil
	files, _, err := codegen.GenerateService(api, "paged", codegen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"api_paginators.go", "api_waiters.go"} {
		if _, ok := files[f]; ok {
			t.Errorf("got %s for a model without paginators and waiters, want none", f)
		}
	}
}

func TestBadAcceptorDoesNotCompile(t *testing.T) {
	api := pagedAPI(t)
	api.Waiters["ThingReady"].Acceptors[0].Matcher = "pathSome"
	files, _, err := codegen.GenerateService(api, "paged", codegen.Config{})
	if err != nil {
		t.Fatal(err)
	}
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
			if len(api.Paginators) == 0 || len(api.Waiters) == 0 {
				t.Fatalf("got %d paginators and %d waiters, want some", len(api.Paginators), len(api.Waiters))
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
