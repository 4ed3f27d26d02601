package paginator_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/paginator"
)

type object struct{ Key *string }

type listInput struct {
	Bucket  string
	Marker  *string
	MaxKeys *int32
}

type listOutput struct {
	Contents    []object
	NextMarker  *string
	IsTruncated *bool
}

func ptr[T any](v T) *T { return &v }

type option func(*int)

// store is a fake ListObjects over keys k000..k<n>; it answers without
// NextMarker (as S3 does without a delimiter), so the paginator must use
// Contents[-1].Key.
type store struct {
	keys    []string
	inputs  []listInput
	optSeen int
	failAt  int
}

func (s *store) ListObjects(ctx context.Context, in *listInput, optFns ...option) (*listOutput, error) {
	s.inputs = append(s.inputs, *in)
	for _, f := range optFns {
		f(&s.optSeen)
	}
	if s.failAt > 0 && len(s.inputs) == s.failAt {
		return nil, errors.New("boom")
	}
	max := 1000
	if in.MaxKeys != nil {
		max = int(*in.MaxKeys)
	}
	i := 0
	if in.Marker != nil {
		i, _ = slices.BinarySearch(s.keys, *in.Marker)
		if i < len(s.keys) && s.keys[i] == *in.Marker {
			i++
		}
	}
	out := &listOutput{IsTruncated: ptr(i+max < len(s.keys))}
	for _, k := range s.keys[i:min(i+max, len(s.keys))] {
		out.Contents = append(out.Contents, object{Key: ptr(k)})
	}
	return out, nil
}

// call is the store's ListObjects as a generated client hands it to Fetch:
// the caller's options bound in.
func (s *store) call(optFns ...option) func(context.Context, *listInput) (*listOutput, error) {
	return func(ctx context.Context, in *listInput) (*listOutput, error) {
		return s.ListObjects(ctx, in, optFns...)
	}
}

func newStore(n int) *store {
	s := &store{}
	for i := range n {
		s.keys = append(s.keys, fmt.Sprintf("k%03d", i))
	}
	return s
}

var listObjects = &paginator.Spec{
	InputTokens: []string{"Marker"}, OutputTokens: []string{"NextMarker || Contents[-1].Key"},
	MoreResults: "IsTruncated", LimitKey: "MaxKeys", ResultKeys: []string{"Contents"},
}

func contents(o *listOutput) []object { return o.Contents }

// listPaginator is what a generated ListObjectsPaginator returns: a
// goto3.Paginator over paginator.Fetch.
func listPaginator(in *listInput, call func(context.Context, *listInput) (*listOutput, error)) *goto3.Paginator[*listOutput, object] {
	return goto3.NewPaginator(listObjects.InputTokens, paginator.Fetch(listObjects, in, call), contents, nil)
}

// pagesOf walks every page of spec over call as a generated paginator
// does, without result items.
func pagesOf[In, Out any](spec *paginator.Spec, in *In, call func(context.Context, *In) (*Out, error)) *goto3.Paginator[*Out, struct{}] {
	return goto3.NewPaginator(spec.InputTokens, paginator.Fetch(spec, in, call), func(*Out) []struct{} { return nil }, nil)
}

func TestPages(t *testing.T) {
	s := newStore(25)
	in := &listInput{Bucket: "b", MaxKeys: ptr[int32](10)}
	var pages, keys int
	for page, err := range listPaginator(in, s.call(func(n *int) { *n++ })).Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		keys += len(page.Contents)
	}
	if pages != 3 || keys != 25 {
		t.Errorf("got %d pages and %d keys, want 3 and 25", pages, keys)
	}
	if in.Marker != nil {
		t.Errorf("got input Marker %q, want the caller's input unchanged", *in.Marker)
	}
	var markers []string
	for _, i := range s.inputs {
		m := "<nil>"
		if i.Marker != nil {
			m = *i.Marker
		}
		markers = append(markers, m)
		if i.MaxKeys == nil || *i.MaxKeys != 10 || i.Bucket != "b" {
			t.Errorf("got input %+v, want Bucket b and MaxKeys 10 on every page", i)
		}
	}
	if diff := cmp.Diff([]string{"<nil>", "k009", "k019"}, markers); diff != "" {
		t.Errorf("markers mismatch (-want +got):\n%s", diff)
	}
	if s.optSeen != 3 {
		t.Errorf("got options applied %d times, want 3", s.optSeen)
	}
}

func TestItemsAndBreak(t *testing.T) {
	s := newStore(25)
	in := &listInput{MaxKeys: ptr[int32](10)}
	p := listPaginator(in, s.call())
	var got []string
	for o, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *o.Key)
		if len(got) == 12 {
			break
		}
	}
	if len(got) != 12 || got[11] != "k011" || len(s.inputs) != 2 {
		t.Errorf("got %d items ending %q after %d calls, want 12 ending k011 after 2", len(got), got[len(got)-1], len(s.inputs))
	}
	// Ranging again starts from the first page.
	n := 0
	for _, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 25 {
		t.Errorf("got %d items on the second range, want 25", n)
	}
}

func TestPagesError(t *testing.T) {
	s := newStore(25)
	s.failAt = 2
	var pages, errs int
	for page, err := range listPaginator(&listInput{MaxKeys: ptr[int32](10)}, s.call()).Pages(context.Background()) {
		if err != nil {
			errs++
			if page != nil {
				t.Errorf("got a page with the error, want nil")
			}
			continue
		}
		pages++
	}
	if pages != 1 || errs != 1 {
		t.Errorf("got %d pages and %d errors, want 1 and 1", pages, errs)
	}
}

// tokenOutput answers with a fixed token: a misbehaving service.
type tokenInput struct {
	NextToken *string
	KeyMarker *string
	VersionID *string
}

type tokenOutput struct {
	NextToken     *string
	NextKeyMarker *string
	NextVersionID *string
	More          bool
}

func TestStops(t *testing.T) {
	tests := []struct {
		name      string
		spec      *paginator.Spec
		answers   []tokenOutput
		wantCalls int
	}{
		{"no token", &paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}}, []tokenOutput{{}}, 1},
		{"empty token", &paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}}, []tokenOutput{{NextToken: ptr("")}}, 1},
		{"repeated token", &paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}}, []tokenOutput{{NextToken: ptr("a")}, {NextToken: ptr("b")}, {NextToken: ptr("b")}}, 3}, // then a PaginationError
		{"two tokens, one null", &paginator.Spec{InputTokens: []string{"KeyMarker", "VersionID"}, OutputTokens: []string{"NextKeyMarker", "NextVersionID"}},
			[]tokenOutput{{NextKeyMarker: ptr("k1"), NextVersionID: ptr("v1")}, {NextKeyMarker: ptr("k2")}, {}}, 3},
		{"MoreResults false despite a token", &paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}, MoreResults: "More"},
			[]tokenOutput{{NextToken: ptr("a"), More: true}, {NextToken: ptr("b"), More: false}, {NextToken: ptr("c"), More: true}}, 2},
		{"two tokens, both repeated", &paginator.Spec{InputTokens: []string{"KeyMarker", "VersionID"}, OutputTokens: []string{"NextKeyMarker", "NextVersionID"}},
			[]tokenOutput{{NextKeyMarker: ptr("k1"), NextVersionID: ptr("v1")}, {NextKeyMarker: ptr("k1"), NextVersionID: ptr("v1")}, {}}, 2}, // then a PaginationError
		{"two tokens, one changes", &paginator.Spec{InputTokens: []string{"KeyMarker", "VersionID"}, OutputTokens: []string{"NextKeyMarker", "NextVersionID"}},
			[]tokenOutput{{NextKeyMarker: ptr("k1"), NextVersionID: ptr("v1")}, {NextKeyMarker: ptr("k1"), NextVersionID: ptr("v2")}, {}}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inputs []tokenInput
			call := func(ctx context.Context, in *tokenInput) (*tokenOutput, error) {
				inputs = append(inputs, *in)
				return &tt.answers[min(len(inputs), len(tt.answers))-1], nil
			}
			repeated := strings.Contains(tt.name, "repeated")
			pages, sawErr := 0, false
			for page, err := range pagesOf(tt.spec, nil, call).Pages(context.Background()) {
				if err != nil {
					if !repeated || !errors.As(err, new(*goto3.PaginationError)) || sawErr {
						t.Fatal(err)
					}
					sawErr = true
					continue
				}
				if sawErr {
					t.Fatal("got a page after the error")
				}
				if page != nil {
					pages++
				}
				if len(inputs) > 10 {
					t.Fatal("got more than 10 calls, want the paginator to stop")
				}
			}
			if len(inputs) != tt.wantCalls || pages != tt.wantCalls {
				t.Errorf("got %d calls and %d pages, want %d", len(inputs), pages, tt.wantCalls)
			}
			if repeated && !sawErr {
				t.Errorf("got no PaginationError for the repeated tokens")
			}
			if tt.name == "two tokens, one null" {
				if in := inputs[2]; in.KeyMarker == nil || *in.KeyMarker != "k2" || in.VersionID != nil {
					t.Errorf("got third input %+v, want KeyMarker k2 and VersionID cleared", in)
				}
			}
		})
	}
}

func TestBadSpec(t *testing.T) {
	for _, spec := range []*paginator.Spec{
		{InputTokens: []string{"A"}, OutputTokens: []string{"a["}},
		{InputTokens: []string{"A", "B"}, OutputTokens: []string{"A"}},
		{InputTokens: []string{"Missing"}, OutputTokens: []string{"NextToken"}},
		{InputTokens: []string{"NextToken"}, OutputTokens: []string{"`1`"}},
		{},
		{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}, MoreResults: "a["},
	} {
		call := func(ctx context.Context, in *tokenInput) (*tokenOutput, error) {
			return &tokenOutput{NextToken: ptr("x")}, nil
		}
		var gotErr error
		for _, err := range pagesOf(spec, nil, call).Pages(context.Background()) {
			gotErr = err
		}
		if gotErr == nil {
			t.Errorf("spec %+v: got no error, want one", spec)
		}
	}
}

func BenchmarkPages(b *testing.B) {
	s := newStore(100)
	in := &listInput{MaxKeys: ptr[int32](10)}
	call := s.call()
	b.ReportAllocs()
	for b.Loop() {
		s.inputs = s.inputs[:0]
		for _, err := range listPaginator(in, call).Pages(context.Background()) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestExpressionError yields the error of an output token expression that
// fails to evaluate, and stops.
func TestExpressionError(t *testing.T) {
	for _, spec := range []*paginator.Spec{
		{InputTokens: []string{"NextToken"}, OutputTokens: []string{"abs(NextToken)"}},
		{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}, MoreResults: "length(`1`)"},
	} {
		call := func(ctx context.Context, in *tokenInput) (*tokenOutput, error) {
			return &tokenOutput{NextToken: ptr("x")}, nil
		}
		_, next, err := paginator.Fetch(spec, nil, call)(context.Background(), nil, 0)
		if next != nil || err == nil || !strings.HasPrefix(err.Error(), "paginator: jmespath: invalid-type error") {
			t.Errorf("spec %+v: Fetch got tokens %v, error %v; want no tokens and an invalid-type error", spec, next, err)
		}
		var pages int
		var gotErr error
		for page, err := range pagesOf(spec, nil, call).Pages(context.Background()) {
			if err != nil {
				gotErr = err
				continue
			}
			if page != nil {
				pages++
			}
		}
		if gotErr == nil || !strings.HasPrefix(gotErr.Error(), "paginator: jmespath: invalid-type error") {
			t.Errorf("spec %+v: got error %v, want an invalid-type error", spec, gotErr)
		}
		if pages != 1 {
			t.Errorf("spec %+v: got %d pages and error %v, want 1 page and an invalid-type error", spec, pages, gotErr)
		}
	}
}

// TestNumberTokens passes integer tokens through exactly, whatever their
// Go type, and refuses a token that does not fit the input member.
func TestNumberTokens(t *testing.T) {
	type numInput struct {
		Offset *int64
		Page   int32
		Score  *float64
		Name   *string
	}
	type numOutput struct {
		NextOffset *int64
		NextPage   uint16
		NextScore  float32
		Frac       *float64
		Huge       int64
	}
	tests := []struct {
		name    string
		in, out string
		check   func(numInput) bool
		wantErr bool
	}{
		{"int64 beyond 2^53", "Offset", "NextOffset", func(i numInput) bool { return i.Offset != nil && *i.Offset == 1<<53+1 }, false},
		{"uint16 into int32", "Page", "NextPage", func(i numInput) bool { return i.Page == 7 }, false},
		{"float32 into float64", "Score", "NextScore", func(i numInput) bool { return i.Score != nil && *i.Score == 0.5 }, false},
		{"literal", "Page", "`12`", func(i numInput) bool { return i.Page == 12 }, false},
		{"fraction into an integer", "Offset", "Frac", nil, true},
		{"overflow", "Page", "Huge", nil, true},
		{"number into a string", "Name", "NextOffset", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := &paginator.Spec{InputTokens: []string{tt.in}, OutputTokens: []string{tt.out}}
			var inputs []numInput
			call := func(ctx context.Context, in *numInput) (*numOutput, error) {
				inputs = append(inputs, *in)
				if len(inputs) > 1 {
					return &numOutput{}, nil
				}
				return &numOutput{NextOffset: ptr(int64(1<<53 + 1)), NextPage: 7, NextScore: 0.5, Frac: ptr(1.5), Huge: 1 << 40}, nil
			}
			var gotErr error
			for _, err := range pagesOf(spec, nil, call).Pages(context.Background()) {
				// Later answers repeat a zero or literal token: the walk
				// ends there with a PaginationError, as botocore's does.
				if err != nil && !errors.As(err, new(*goto3.PaginationError)) {
					gotErr = err
				}
				if len(inputs) > 3 {
					t.Fatal("got more than 3 calls, want the paginator to stop")
				}
			}
			if tt.wantErr {
				if gotErr == nil {
					t.Errorf("got no error, want one")
				}
				return
			}
			if gotErr != nil {
				t.Fatal(gotErr)
			}
			if len(inputs) < 2 || !tt.check(inputs[1]) {
				t.Errorf("got inputs %+v, want the token in the second", inputs)
			}
		})
	}
}

// TestFetchTokens checks the tokens Fetch is given and returns: nil
// tokens (the first page) leave the input's own token members; a token
// list (a later page, or a resumed walk) sets them, a nil entry clearing
// its member; the next tokens are plain values, nil after the last page.
func TestFetchTokens(t *testing.T) {
	spec := &paginator.Spec{InputTokens: []string{"KeyMarker", "VersionID"}, OutputTokens: []string{"NextKeyMarker", "NextVersionID"}}
	in := &tokenInput{KeyMarker: ptr("mine"), VersionID: ptr("v0"), NextToken: ptr("kept")}
	var got []tokenInput
	answer := &tokenOutput{NextKeyMarker: ptr("k2"), NextVersionID: ptr("v2")}
	fetch := paginator.Fetch(spec, in, func(ctx context.Context, in *tokenInput) (*tokenOutput, error) {
		got = append(got, *in)
		return answer, nil
	})
	tests := []struct {
		name   string
		tokens []any
		want   tokenInput
	}{
		{"nil tokens keep the input's", nil, tokenInput{KeyMarker: ptr("mine"), VersionID: ptr("v0"), NextToken: ptr("kept")}},
		{"tokens set the members", []any{"k1", "v1"}, tokenInput{KeyMarker: ptr("k1"), VersionID: ptr("v1"), NextToken: ptr("kept")}},
		{"a nil token clears its member", []any{"k1", nil}, tokenInput{KeyMarker: ptr("k1"), NextToken: ptr("kept")}},
		{"an empty list clears every token member", []any{}, tokenInput{NextToken: ptr("kept")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = got[:0]
			page, next, err := fetch(context.Background(), tt.tokens, 0)
			if err != nil {
				t.Fatal(err)
			}
			if page != answer {
				t.Errorf("got page %p, want the call's output %p", page, answer)
			}
			if diff := cmp.Diff([]any{"k2", "v2"}, next); diff != "" {
				t.Errorf("next tokens (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]tokenInput{tt.want}, got); diff != "" {
				t.Errorf("input sent (-want +got):\n%s", diff)
			}
		})
	}
	if *in.KeyMarker != "mine" || *in.VersionID != "v0" {
		t.Errorf("got caller's input %+v, want it unchanged", in)
	}
	// The tokens sent come back: a repeat, an error with the page, as
	// botocore raises PaginationError.
	var pe *goto3.PaginationError
	if page, next, err := fetch(context.Background(), []any{"k2", "v2"}, 0); !errors.As(err, &pe) || next != nil || page == nil {
		t.Errorf("repeated tokens: got page %v, next %v, error %v; want the page and a PaginationError", page, next, err)
	}
	// The first page (no tokens sent) cannot repeat, even when the answer
	// gives back the input's own tokens.
	answer = &tokenOutput{NextKeyMarker: ptr("mine"), NextVersionID: ptr("v0")}
	if _, next, err := fetch(context.Background(), nil, 0); err != nil || len(next) != 2 {
		t.Errorf("first page: got next %v, error %v; want the two tokens", next, err)
	}
}

// TestFetchPageSize sets the LimitKey member to the page size asked for
// (converted to its type) and leaves the input's own value when 0; a
// page size for an operation without a limit member is an error.
func TestFetchPageSize(t *testing.T) {
	s := newStore(25)
	in := &listInput{MaxKeys: ptr[int32](10)}
	fetch := paginator.Fetch(listObjects, in, s.call())
	for _, size := range []int{0, 4, 1000} {
		s.inputs = s.inputs[:0]
		if _, _, err := fetch(context.Background(), nil, size); err != nil {
			t.Fatal(err)
		}
		want := int32(size)
		if size == 0 {
			want = 10
		}
		if got := s.inputs[0].MaxKeys; got == nil || *got != want {
			t.Errorf("page size %d: got MaxKeys %v, want %d", size, got, want)
		}
	}
	if *in.MaxKeys != 10 {
		t.Errorf("got caller's MaxKeys %d, want 10", *in.MaxKeys)
	}
	// Through a Paginator: every page asks for PageSize.
	s.inputs = s.inputs[:0]
	p := listPaginator(in, s.call())
	p.PageSize = 7
	n := 0
	for _, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 25 || len(s.inputs) != 4 {
		t.Errorf("got %d items in %d calls, want 25 in 4", n, len(s.inputs))
	}
	for _, i := range s.inputs {
		if i.MaxKeys == nil || *i.MaxKeys != 7 {
			t.Errorf("got MaxKeys %v, want 7 on every page", i.MaxKeys)
		}
	}

	noLimit := &paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}}
	calls := 0
	_, _, err := paginator.Fetch(noLimit, nil, func(ctx context.Context, in *tokenInput) (*tokenOutput, error) {
		calls++
		return &tokenOutput{}, nil
	})(context.Background(), nil, 5)
	if err == nil || !strings.Contains(err.Error(), "PageSize") || calls != 0 {
		t.Errorf("page size without LimitKey: got error %v after %d calls, want a PageSize error before any", err, calls)
	}
	// A page size that does not fit the member is refused.
	small := &paginator.Spec{InputTokens: []string{"Marker"}, OutputTokens: []string{"NextMarker"}, LimitKey: "MaxKeys"}
	if _, _, err := paginator.Fetch(small, in, s.call())(context.Background(), nil, 1<<40); err == nil {
		t.Errorf("page size 2^40 into an int32 member: got no error, want one")
	}
}

// TestFetchMoreResults stops on a false MoreResults whatever the tokens,
// and treats a missing one (null) as false.
func TestFetchMoreResults(t *testing.T) {
	spec := &paginator.Spec{InputTokens: []string{"Marker"}, OutputTokens: []string{"NextMarker"}, MoreResults: "IsTruncated"}
	tests := []struct {
		name string
		out  listOutput
		want []any
	}{
		{"true", listOutput{NextMarker: ptr("m"), IsTruncated: ptr(true)}, []any{"m"}},
		{"false", listOutput{NextMarker: ptr("m"), IsTruncated: ptr(false)}, nil},
		{"null", listOutput{NextMarker: ptr("m")}, nil},
		{"true without a token", listOutput{IsTruncated: ptr(true)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, next, err := paginator.Fetch(spec, nil, func(ctx context.Context, in *listInput) (*listOutput, error) {
				return &tt.out, nil
			})(context.Background(), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, next); diff != "" {
				t.Errorf("next tokens (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFetchCallError hands the call's error back as it is, with no page.
func TestFetchCallError(t *testing.T) {
	boom := errors.New("boom")
	page, next, err := paginator.Fetch(listObjects, nil, func(ctx context.Context, in *listInput) (*listOutput, error) {
		return nil, boom
	})(context.Background(), nil, 0)
	if page != nil || next != nil || !errors.Is(err, boom) {
		t.Errorf("got page %v, tokens %v, error %v; want only boom", page, next, err)
	}
}

// TestFetchCopiesInput gives each page its own copy of the input: an
// input already handed to a call is not changed by the next page.
func TestFetchCopiesInput(t *testing.T) {
	var seen []*listInput
	fetch := paginator.Fetch(listObjects, &listInput{Bucket: "b"}, func(ctx context.Context, in *listInput) (*listOutput, error) {
		seen = append(seen, in)
		return &listOutput{Contents: []object{{Key: ptr(fmt.Sprint(len(seen)))}}, IsTruncated: ptr(true)}, nil
	})
	if _, _, err := fetch(context.Background(), []any{"a"}, 0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := fetch(context.Background(), []any{"b"}, 0); err != nil {
		t.Fatal(err)
	}
	if seen[0] == seen[1] || *seen[0].Marker != "a" || *seen[1].Marker != "b" {
		t.Errorf("got inputs %+v and %+v, want two copies with markers a and b", seen[0], seen[1])
	}
}

// resumeToken is a botocore-format starting token.
func resumeToken(t *testing.T, m map[string]any) string {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// TestResumeTokenPrecision resumes walks from botocore-format tokens: an
// integer token beyond 2^53 reaches the input member exactly (the token
// decodes as a json.Number), and a token the service hands back unchanged
// ends the walk with a PaginationError after its page.
func TestResumeTokenPrecision(t *testing.T) {
	type offInput struct{ Offset *int64 }
	type offOutput struct {
		Items      []string
		NextOffset *int64
	}
	spec := &paginator.Spec{InputTokens: []string{"Offset"}, OutputTokens: []string{"NextOffset"}, ResultKeys: []string{"Items"}}
	const big = int64(1<<53 + 1)
	var inputs []offInput
	call := func(ctx context.Context, in *offInput) (*offOutput, error) {
		inputs = append(inputs, *in)
		if len(inputs) == 1 {
			return &offOutput{Items: []string{"a", "b", "c"}, NextOffset: ptr(big + 2)}, nil
		}
		return &offOutput{Items: []string{"d"}, NextOffset: in.Offset}, nil
	}
	p := goto3.NewPaginator(spec.InputTokens, paginator.Fetch(spec, &offInput{}, call), func(o *offOutput) []string { return o.Items }, nil)
	p.StartingToken = resumeToken(t, map[string]any{"Offset": json.Number(fmt.Sprint(big))})
	var items []string
	var errs []error
	for it, err := range p.Items(context.Background()) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	if len(errs) != 1 || !errors.As(errs[0], new(*goto3.PaginationError)) {
		t.Errorf("got errors %v, want one PaginationError at the end", errs)
	}
	if len(inputs) != 2 || inputs[0].Offset == nil || *inputs[0].Offset != big || inputs[1].Offset == nil || *inputs[1].Offset != big+2 {
		t.Fatalf("got inputs %+v, want offsets %d then %d", inputs, big, big+2)
	}
	if diff := cmp.Diff([]string{"a", "b", "c", "d"}, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}

	// A walk stopped by MaxItems resumes with the exact token.
	inputs = inputs[:0]
	p.StartingToken, p.MaxItems = "", 2
	for _, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
	}
	tok := p.ResumeToken()
	if tok == "" {
		t.Fatal("got no ResumeToken after MaxItems, want one")
	}
	inputs = inputs[:0]
	p.StartingToken, p.MaxItems = tok, 0
	items = items[:0]
	for it, err := range p.Items(context.Background()) {
		if err != nil {
			if !errors.As(err, new(*goto3.PaginationError)) {
				t.Fatal(err)
			}
			continue
		}
		items = append(items, it)
	}
	if diff := cmp.Diff([]string{"c", "d"}, items); diff != "" {
		t.Errorf("resumed items (-want +got):\n%s", diff)
	}
	if len(inputs) < 1 || inputs[0].Offset != nil {
		t.Errorf("got inputs %+v, want the first page again (no offset) with its first two items skipped", inputs)
	}
}

// TestStructuredTokens: a token that is a map of structures (DynamoDB's
// LastEvaluatedKey into ExclusiveStartKey) reaches the input member as its
// Go type, from the previous page and from a resume token (where a blob is
// base64 text).
func TestStructuredTokens(t *testing.T) {
	type attr struct {
		S *string
		N *string
		B []byte
		L []attr
		M map[string]attr
	}
	type queryInput struct {
		Table    string
		StartKey map[string]attr
	}
	type queryOutput struct {
		Items   []string
		LastKey map[string]attr
	}
	key := map[string]attr{
		"pk": {S: ptr("c#1")},
		"n":  {N: ptr("12345678901234567890.5")},
		"b":  {B: []byte{0, 1, 2}},
		"l":  {L: []attr{{S: ptr("x")}, {M: map[string]attr{"y": {N: ptr("1")}}}}},
	}
	spec := &paginator.Spec{InputTokens: []string{"StartKey"}, OutputTokens: []string{"LastKey"}, ResultKeys: []string{"Items"}}
	var inputs []queryInput
	call := func(ctx context.Context, in *queryInput) (*queryOutput, error) {
		inputs = append(inputs, *in)
		if in.StartKey == nil {
			return &queryOutput{Items: []string{"a", "b"}, LastKey: key}, nil
		}
		return &queryOutput{Items: []string{"c"}}, nil
	}
	p := goto3.NewPaginator(spec.InputTokens, paginator.Fetch(spec, &queryInput{Table: "t"}, call), func(o *queryOutput) []string { return o.Items }, nil)
	var items []string
	for it, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if len(inputs) != 2 {
		t.Fatalf("got %d calls, want 2", len(inputs))
	}
	if diff := cmp.Diff(key, inputs[1].StartKey); diff != "" {
		t.Errorf("second page's StartKey (-want +got):\n%s", diff)
	}

	// Stopped by MaxItems after the first page, resumed from the token.
	inputs = inputs[:0]
	p.MaxItems = 2
	for _, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
	}
	tok := p.ResumeToken()
	if tok == "" {
		t.Fatal("got no resume token")
	}
	inputs = inputs[:0]
	p.MaxItems, p.StartingToken = 0, tok
	for _, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(inputs) != 1 {
		t.Fatalf("got %d calls, want 1", len(inputs))
	}
	if diff := cmp.Diff(key, inputs[0].StartKey); diff != "" {
		t.Errorf("resumed StartKey (-want +got):\n%s", diff)
	}

	// A token that does not fit the member is an error naming it.
	bad := &paginator.Spec{InputTokens: []string{"StartKey"}, OutputTokens: []string{"`{\"pk\": {\"Q\": \"x\"}}`"}}
	var gotErr error
	for _, err := range pagesOf(bad, &queryInput{}, call).Pages(context.Background()) {
		if err != nil {
			gotErr = err
		}
	}
	if gotErr == nil || !strings.Contains(gotErr.Error(), "has no member Q") {
		t.Errorf("got %v, want an error naming the member", gotErr)
	}
}
