package paginator_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

func TestPages(t *testing.T) {
	s := newStore(25)
	in := &listInput{Bucket: "b", MaxKeys: ptr[int32](10)}
	var pages, keys int
	for page, err := range paginator.Pages(context.Background(), listObjects, in, s.ListObjects, []option{func(n *int) { *n++ }}) {
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
	pages := paginator.Pages(context.Background(), listObjects, in, s.ListObjects, nil)
	var got []string
	for o, err := range paginator.Items(pages, func(o *listOutput) []object { return o.Contents }) {
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
	for _, err := range paginator.Items(pages, func(o *listOutput) []object { return o.Contents }) {
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
	for page, err := range paginator.Pages(context.Background(), listObjects, &listInput{MaxKeys: ptr[int32](10)}, s.ListObjects, nil) {
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
		{"repeated token", &paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}}, []tokenOutput{{NextToken: ptr("a")}, {NextToken: ptr("b")}, {NextToken: ptr("b")}}, 3},
		{"two tokens, one null", &paginator.Spec{InputTokens: []string{"KeyMarker", "VersionID"}, OutputTokens: []string{"NextKeyMarker", "NextVersionID"}},
			[]tokenOutput{{NextKeyMarker: ptr("k1"), NextVersionID: ptr("v1")}, {NextKeyMarker: ptr("k2")}, {}}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inputs []tokenInput
			call := func(ctx context.Context, in *tokenInput, _ ...option) (*tokenOutput, error) {
				inputs = append(inputs, *in)
				return &tt.answers[min(len(inputs), len(tt.answers))-1], nil
			}
			for _, err := range paginator.Pages(context.Background(), tt.spec, nil, call, nil) {
				if err != nil {
					t.Fatal(err)
				}
				if len(inputs) > 10 {
					t.Fatal("got more than 10 calls, want the paginator to stop")
				}
			}
			if len(inputs) != tt.wantCalls {
				t.Errorf("got %d calls, want %d", len(inputs), tt.wantCalls)
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
	} {
		call := func(ctx context.Context, in *tokenInput, _ ...option) (*tokenOutput, error) {
			return &tokenOutput{NextToken: ptr("x")}, nil
		}
		var gotErr error
		for _, err := range paginator.Pages(context.Background(), spec, nil, call, nil) {
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
	b.ReportAllocs()
	for b.Loop() {
		s.inputs = s.inputs[:0]
		for _, err := range paginator.Pages(context.Background(), listObjects, in, s.ListObjects, nil) {
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
		call := func(ctx context.Context, in *tokenInput, _ ...option) (*tokenOutput, error) {
			return &tokenOutput{NextToken: ptr("x")}, nil
		}
		var pages int
		var gotErr error
		for page, err := range paginator.Pages(context.Background(), spec, nil, call, nil) {
			if err != nil {
				gotErr = err
				continue
			}
			if page != nil {
				pages++
			}
		}
		if pages != 1 || gotErr == nil || !strings.HasPrefix(gotErr.Error(), "paginator: jmespath: invalid-type error") {
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
			call := func(ctx context.Context, in *numInput, _ ...option) (*numOutput, error) {
				inputs = append(inputs, *in)
				if len(inputs) > 1 {
					return &numOutput{}, nil
				}
				return &numOutput{NextOffset: ptr(int64(1<<53 + 1)), NextPage: 7, NextScore: 0.5, Frac: ptr(1.5), Huge: 1 << 40}, nil
			}
			var gotErr error
			for _, err := range paginator.Pages(context.Background(), spec, nil, call, nil) {
				if err != nil {
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
