package goto3

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"sort"

	"github.com/goto3/goto3/internal/jmespath"
)

// PaginationConfig is boto3's PaginationConfig: how far a paginator walks.
// The zero value walks every page from the first.
type PaginationConfig struct {
	// MaxItems stops the walk after this many items of the paginator's
	// first result key (the one Items yields); 0 means all. A walk that
	// stops there hands back a ResumeToken.
	MaxItems int
	// PageSize is the page size asked of the service in the operation's
	// limit member (MaxKeys, Limit, MaxResults, ...); 0 leaves the input's
	// own value or the service's default.
	PageSize int
	// StartingToken resumes a walk where an earlier one stopped: the
	// ResumeToken of that walk (botocore's format, so a token from boto3
	// works too).
	StartingToken string
}

// PageFunc fetches one page of a paginated operation for a Paginator:
// tokens are the values of the operation's input token members (nil for
// the first page), pageSize the page size to ask for (0: leave it). It
// returns the page and the tokens of the next one (nil after the last).
// An error with a non-zero page means the page was fetched but where to go
// next could not be told: the Paginator yields the page, then the error.
// Generated clients make them; a custom one may be given to NewPaginator.
type PageFunc[Page any] func(ctx context.Context, tokens []any, pageSize int) (page Page, next []any, err error)

// Paginator walks the pages of a paginated operation, as boto3's
// paginators do: a client's <Operation>Paginator method returns one, and
// its PaginationConfig (embedded: MaxItems, PageSize, StartingToken) may
// be set before the walk.
//
//	p := client.ListObjectsV2Paginator(&s3.ListObjectsV2Input{Bucket: b})
//	p.MaxItems = 100
//	for obj, err := range p.Items(ctx) { ... }
//	next := p.ResumeToken() // "" when the walk reached the end
//
// Pages yields whole pages; Items yields the elements of the paginator's
// first result key (the only one MaxItems counts); the other result keys
// (S3's CommonPrefixes, say) are on the pages; Search evaluates a JMESPath
// expression over each page, as boto3's search. A walk stops at the first
// error, which it yields with the zero page or item. Ranging again starts
// over from StartingToken. A Paginator is not safe for concurrent walks.
type Paginator[Page, Item any] struct {
	PaginationConfig

	w     walker
	fetch PageFunc[Page]
	items func(Page) []Item
	count func(Page) int
	trim  func(p Page, from, to int, clearOthers bool)
}

// NewPaginator returns a Paginator over the pages fetch returns. names are
// the input token members (their order is that of the tokens); items
// returns a page's elements of the first result key; trim, when not nil,
// keeps only the elements [from:to) of that key in a page, and empties the
// other result keys when clearOthers is set (botocore's truncation when a
// walk resumes, or stops, in the middle of a page). Generated clients call
// it; its users rarely need to.
func NewPaginator[Page, Item any](names []string, fetch PageFunc[Page], items func(Page) []Item, trim func(p Page, from, to int, clearOthers bool)) *Paginator[Page, Item] {
	return &Paginator[Page, Item]{w: walker{names: names}, fetch: fetch, items: items, trim: trim,
		count: func(p Page) int { return len(items(p)) }}
}

// ResumeToken returns the token that resumes the last walk where MaxItems
// stopped it (give it as StartingToken), or "" when the walk went to the
// end or has not run.
func (p *Paginator[Page, Item]) ResumeToken() string { return p.w.resume }

// Pages yields the pages in order. With MaxItems, the page where the count
// is reached is cut to the items still wanted.
func (p *Paginator[Page, Item]) Pages(ctx context.Context) iter.Seq2[Page, error] {
	return func(yield func(Page, error) bool) {
		walk(ctx, &p.w, p.PaginationConfig, p.fetch, p.count, p.trim,
			func(page Page, _, _ int) bool { return yield(page, nil) },
			func(err error) {
				var zero Page
				yield(zero, err)
			})
	}
}

// Items yields the elements of the paginator's first result key, page
// after page, at most MaxItems of them.
func (p *Paginator[Page, Item]) Items(ctx context.Context) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		walk(ctx, &p.w, p.PaginationConfig, p.fetch, p.count, p.trim,
			func(page Page, from, to int) bool {
				for _, it := range p.items(page)[from:to] {
					if !yield(it, nil) {
						return false
					}
				}
				return true
			},
			func(err error) {
				var zero Item
				yield(zero, err)
			})
	}
}

// Search yields the results of the JMESPath expression over each page, as
// boto3's paginator.search: a list result's elements one by one, any
// other result (null included) as it is. Results are plain JSON-like
// values, as boto3's are: nil, bool, string, numbers (int64, float64 or
// json.Number), []any, and map[string]any for structures (their set
// fields, by member name); timestamps and blobs stay time.Time and
// []byte.
//
//	for id, err := range p.Search(ctx, "Reservations[].Instances[].InstanceId") { ... }
//
// An invalid expression is the first and only error yielded; an error of
// a page, or of the expression on a page, ends the walk.
func (p *Paginator[Page, Item]) Search(ctx context.Context, expression string) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		e, err := jmespath.Compile(expression)
		if err != nil {
			yield(nil, fmt.Errorf("goto3: paginator: %w", err))
			return
		}
		for page, err := range p.Pages(ctx) {
			if err != nil {
				yield(nil, err)
				return
			}
			if !searchPage(e, page, yield) {
				return
			}
		}
	}
}

// searchPage yields the results of e over one page; false when the walk
// ends (yield said so, or e failed).
func searchPage(e *jmespath.Expr, page any, yield func(any, error) bool) bool {
	r, err := e.Search(page)
	if err != nil {
		yield(nil, fmt.Errorf("goto3: paginator: %w", err))
		return false
	}
	r = jmespath.Plain(r)
	if l, ok := r.([]any); ok {
		for _, v := range l {
			if !yield(v, nil) {
				return false
			}
		}
		return true
	}
	return yield(r, nil)
}

// walker is the state of a Paginator that does not depend on its types:
// the token names and the last walk's resume token.
type walker struct {
	names  []string
	resume string
}

// walk runs the pagination: each page goes to onPage with the range of
// its items (as items returns them when onPage is called: trim, when set,
// has already cut the page) that the walk hands out, until onPage returns
// false; an error goes to onErr and ends the walk. It is generic in the
// page type only, so that every paginator over pointer pages shares its
// code (EC2 has 207 paginators).
func walk[Page any](ctx context.Context, w *walker, cfg PaginationConfig, fetch PageFunc[Page], count func(Page) int,
	trim func(Page, int, int, bool), onPage func(page Page, from, to int) bool, onErr func(error)) {
	w.resume = ""
	if cfg.MaxItems < 0 || cfg.PageSize < 0 {
		onErr(fmt.Errorf("goto3: paginator: MaxItems and PageSize must not be negative (got %d, %d)", cfg.MaxItems, cfg.PageSize))
		return
	}
	tokens, skip, err := w.decodeToken(cfg.StartingToken)
	if err != nil {
		onErr(err)
		return
	}
	total := 0
	for {
		page, next, err := fetch(ctx, tokens, cfg.PageSize)
		if err != nil {
			if isZero(page) {
				onErr(err)
				return
			}
			next = nil // the page first, then err
		}
		n := count(page)
		from, to := min(skip, n), n
		stop := cfg.MaxItems > 0 && total+(to-from) >= cfg.MaxItems
		if stop {
			if keep := cfg.MaxItems - total; keep < to-from {
				// Stop in this page: resume from its tokens, skipping what
				// was handed out (botocore's boto_truncate_amount counts the
				// page's items from its start).
				to = from + keep
				w.resume = w.encodeToken(tokens, to)
			} else if next != nil {
				w.resume = w.encodeToken(next, 0)
			}
		}
		if trim != nil && (from > 0 || to < n) {
			// Once, with the final range: botocore empties the other
			// result keys of a page a resumed walk starts inside.
			trim(page, from, to, skip > 0)
			from, to = 0, to-from
		}
		if stop {
			if onPage(page, from, to) && err != nil && w.resume == "" {
				onErr(err)
			}
			return
		}
		total += to - from
		if !onPage(page, from, to) {
			return
		}
		if err != nil {
			onErr(err)
			return
		}
		if next == nil {
			return
		}
		tokens, skip = next, 0
	}
}

// Resume tokens are botocore's (paginate.py TokenEncoder): the base64 of a
// JSON object mapping each input token member to its value, plus
// "boto_truncate_amount" when the walk stopped inside a page.
const truncateKey = "boto_truncate_amount"

func (w *walker) encodeToken(tokens []any, truncate int) string {
	m := make(map[string]any, len(w.names)+1)
	for i, n := range w.names {
		if i < len(tokens) && tokens[i] != nil {
			m[n] = tokens[i]
		}
	}
	if truncate > 0 {
		m[truncateKey] = truncate
	}
	if len(m) == 0 {
		return ""
	}
	b, _ := json.Marshal(m) // keys sorted: the same token for the same place
	return base64.StdEncoding.EncodeToString(b)
}

var errBadToken = errors.New("goto3: paginator: invalid StartingToken")

func (w *walker) decodeToken(s string) (tokens []any, skip int, err error) {
	if s == "" {
		return nil, 0, nil
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", errBadToken, err)
	}
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		return nil, 0, fmt.Errorf("%w: %v", errBadToken, err)
	}
	tokens = make([]any, len(w.names))
	var unknown []string
	for k, v := range m {
		if k == truncateKey {
			n, ok := v.(json.Number)
			i, err := n.Int64()
			if !ok || err != nil || i < 0 {
				return nil, 0, fmt.Errorf("%w: %s is not a count", errBadToken, truncateKey)
			}
			skip = int(i)
			continue
		}
		found := false
		for i, n := range w.names {
			if n == k {
				tokens[i], found = v, true
			}
		}
		if !found {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, 0, fmt.Errorf("%w: it names %v, which this operation does not take (want %v)", errBadToken, unknown, w.names)
	}
	return tokens, skip, nil
}

func isZero[T any](v T) bool {
	return reflect.ValueOf(&v).Elem().IsZero()
}

// PaginationError is a walk that cannot go on (botocore's
// PaginationError): the service handed back the page tokens it was sent.
type PaginationError struct {
	Message string
}

func (e *PaginationError) Error() string { return "goto3: pagination: " + e.Message }
