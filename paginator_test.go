package goto3_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
)

// page is a fake page: Names is the first result key, Others a second.
type page struct {
	Names  []string
	Others []string
	Token  string // the token it was fetched with
	Size   int    // the page size asked for
}

// fakePages serves pages of names; a page holds size names (3 when no page
// size is asked), and its token is the index of its first name.
func fakePages(names []string, calls *[]string) goto3.PageFunc[*page] {
	return func(_ context.Context, tokens []any, size int) (*page, []any, error) {
		start := 0
		tok := ""
		if tokens != nil && tokens[0] != nil {
			tok = tokens[0].(string)
			for i, n := range names {
				if n == tok {
					start = i
				}
			}
		}
		*calls = append(*calls, tok)
		per := 3
		if size > 0 {
			per = size
		}
		end := min(start+per, len(names))
		p := &page{Names: slices.Clone(names[start:end]), Others: []string{"x" + tok}, Token: tok, Size: size}
		if end == len(names) {
			return p, nil, nil
		}
		return p, []any{names[end]}, nil
	}
}

func newFake(names []string, calls *[]string) *goto3.Paginator[*page, string] {
	return goto3.NewPaginator([]string{"Marker"}, fakePages(names, calls),
		func(p *page) []string { return p.Names },
		func(p *page, from, to int, clearOthers bool) {
			p.Names = p.Names[from:to]
			if clearOthers {
				p.Others = nil
			}
		})
}

var letters = []string{"a", "b", "c", "d", "e", "f", "g", "h"}

func collect(t *testing.T, p *goto3.Paginator[*page, string]) []string {
	t.Helper()
	var got []string
	for it, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it)
	}
	return got
}

func TestPaginatorWalksEverything(t *testing.T) {
	var calls []string
	p := newFake(letters, &calls)
	if got := collect(t, p); !slices.Equal(got, letters) {
		t.Errorf("got %v, want %v", got, letters)
	}
	if diff := cmp.Diff([]string{"", "d", "g"}, calls); diff != "" {
		t.Errorf("tokens sent (-want +got):\n%s", diff)
	}
	if tok := p.ResumeToken(); tok != "" {
		t.Errorf("got resume token %q after a full walk, want none", tok)
	}
}

// MaxItems stops in the middle of a page; the resume token (botocore's
// format: base64 JSON of the page's tokens and boto_truncate_amount)
// resumes exactly after the last item handed out.
func TestPaginatorMaxItemsAndResume(t *testing.T) {
	var calls []string
	p := newFake(letters, &calls)
	p.MaxItems = 4
	if got := collect(t, p); !slices.Equal(got, letters[:4]) {
		t.Fatalf("got %v, want %v", got, letters[:4])
	}
	tok := p.ResumeToken()
	raw, err := base64.StdEncoding.DecodeString(tok)
	if err != nil {
		t.Fatalf("resume token %q is not base64: %v", tok, err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"Marker": "d", "boto_truncate_amount": float64(1)}, m); diff != "" {
		t.Errorf("resume token (-want +got):\n%s", diff)
	}

	q := newFake(letters, &calls)
	q.StartingToken = tok
	q.MaxItems = 3
	var pages []*page
	for pg, err := range q.Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, pg)
	}
	// The first page is the one the walk stopped in, cut after the item
	// already handed out, its other result keys emptied (as botocore).
	if len(pages) != 2 || !slices.Equal(pages[0].Names, []string{"e", "f"}) || pages[0].Others != nil {
		t.Fatalf("resumed pages %+v, want two, the first with Names [e f] and no Others", pages)
	}
	// The page where MaxItems is reached is cut, its other keys kept.
	if !slices.Equal(pages[1].Names, []string{"g"}) || pages[1].Others == nil {
		t.Errorf("last page %+v, want Names [g] and its Others", pages[1])
	}
	if got := collect(t, q); !slices.Equal(got, []string{"e", "f", "g"}) {
		t.Errorf("resumed walk: got %v, want [e f g]", got)
	}

	// Resumed and stopped in the same page: cut once, to the one item
	// handed out, and the next resume token counts from the page's start.
	u := newFake(letters, &calls)
	u.StartingToken, u.MaxItems = tok, 1
	pages = pages[:0]
	for pg, err := range u.Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, pg)
	}
	if len(pages) != 1 || !slices.Equal(pages[0].Names, []string{"e"}) || pages[0].Others != nil {
		t.Errorf("pages %+v, want one with Names [e] and no Others", pages)
	}
	if got := collect(t, u); !slices.Equal(got, []string{"e"}) {
		t.Errorf("items: got %v, want [e]", got)
	}
	v := newFake(letters, &calls)
	v.StartingToken = u.ResumeToken()
	if got := collect(t, v); !slices.Equal(got, letters[5:]) {
		t.Errorf("resumed from %q: got %v, want %v", u.ResumeToken(), got, letters[5:])
	}

	// A walk that stops at a page's end resumes from the next page.
	r := newFake(letters, &calls)
	r.MaxItems = 3
	collect(t, r)
	s := newFake(letters, &calls)
	s.StartingToken = r.ResumeToken()
	if got := collect(t, s); !slices.Equal(got, letters[3:]) {
		t.Errorf("got %v, want %v", got, letters[3:])
	}
}

// A token written by boto3 (json.dumps separators, insertion order) is
// read too.
func TestPaginatorBotoToken(t *testing.T) {
	tok := base64.StdEncoding.EncodeToString([]byte(`{"Marker": "g", "boto_truncate_amount": 1}`))
	var calls []string
	p := newFake(letters, &calls)
	p.StartingToken = tok
	if got := collect(t, p); !slices.Equal(got, []string{"h"}) {
		t.Errorf("got %v, want [h]", got)
	}
}

func TestPaginatorPageSize(t *testing.T) {
	var calls []string
	p := newFake(letters, &calls)
	p.PageSize = 5
	n := 0
	for pg, err := range p.Pages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if pg.Size != 5 {
			t.Errorf("page asked with size %d, want 5", pg.Size)
		}
		n++
	}
	if n != 2 {
		t.Errorf("got %d pages of 5, want 2", n)
	}
}

func TestPaginatorErrors(t *testing.T) {
	var calls []string
	for _, tc := range []struct {
		name, token, want string
	}{
		{"not base64", "!!", "invalid StartingToken"},
		{"not JSON", base64.StdEncoding.EncodeToString([]byte("nope")), "invalid StartingToken"},
		{"unknown key", base64.StdEncoding.EncodeToString([]byte(`{"NextToken":"x"}`)), "NextToken"},
		{"bad truncation", base64.StdEncoding.EncodeToString([]byte(`{"Marker":"a","boto_truncate_amount":-1}`)), "boto_truncate_amount"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newFake(letters, &calls)
			p.StartingToken = tc.token
			for _, err := range p.Items(context.Background()) {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("got %v, want an error containing %q", err, tc.want)
				}
				return
			}
			t.Fatal("no error")
		})
	}
	// A failing page is yielded once, and ends the walk.
	boom := errors.New("boom")
	p := goto3.NewPaginator([]string{"Marker"}, func(context.Context, []any, int) (*page, []any, error) { return nil, nil, boom },
		func(p *page) []string { return p.Names }, nil)
	n := 0
	for _, err := range p.Pages(context.Background()) {
		n++
		if !errors.Is(err, boom) {
			t.Errorf("got %v, want boom", err)
		}
	}
	if n != 1 {
		t.Errorf("got %d yields, want 1", n)
	}
	neg := newFake(letters, &calls)
	neg.MaxItems = -1
	for _, err := range neg.Items(context.Background()) {
		if err == nil {
			t.Error("a negative MaxItems was accepted")
		}
	}
}

func TestPaginatorStopEarly(t *testing.T) {
	var calls []string
	p := newFake(letters, &calls)
	for it, err := range p.Items(context.Background()) {
		if err != nil || it != "a" {
			t.Fatalf("got %q, %v", it, err)
		}
		break
	}
	if len(calls) != 1 {
		t.Errorf("breaking out after one item made %d calls, want 1", len(calls))
	}
}

// Search yields each element of a list result and any other result as it
// is (null included), page after page, as boto3's PageIterator.search;
// values are plain; MaxItems applies to the pages searched.
func TestPaginatorSearch(t *testing.T) {
	var calls []string
	p := newFake(letters, &calls)
	var got []any
	for v, err := range p.Search(context.Background(), "Names[?@ != 'b']") {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if diff := cmp.Diff([]any{"a", "c", "d", "e", "f", "g", "h"}, got); diff != "" {
		t.Errorf("list results (-want +got):\n%s", diff)
	}
	got = got[:0]
	for v, err := range newFake(letters, &calls).Search(context.Background(), "{first: Names[0], n: length(Names), none: Missing}") {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	want := []any{
		map[string]any{"first": "a", "n": int64(3), "none": nil},
		map[string]any{"first": "d", "n": int64(3), "none": nil},
		map[string]any{"first": "g", "n": int64(2), "none": nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("object results (-want +got):\n%s", diff)
	}
	got = got[:0]
	q := newFake(letters, &calls)
	q.MaxItems = 4
	for v, err := range q.Search(context.Background(), "Token") {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if diff := cmp.Diff([]any{"", "d"}, got); diff != "" {
		t.Errorf("with MaxItems 4 (-want +got):\n%s", diff)
	}
	for _, err := range newFake(letters, &calls).Search(context.Background(), "Names[") {
		var je interface{ Error() string }
		if err == nil || !errors.As(err, &je) || !strings.Contains(err.Error(), "syntax") {
			t.Errorf("invalid expression: got %v, want a syntax error", err)
		}
	}
	n := 0
	for _, err := range newFake(letters, &calls).Search(context.Background(), "abs(Token)") {
		n++
		if err == nil || !strings.Contains(err.Error(), "invalid-type") {
			t.Errorf("got %v, want an invalid-type error", err)
		}
	}
	if n != 1 {
		t.Errorf("got %d results after an expression error, want the error alone", n)
	}
}
