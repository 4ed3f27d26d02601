package template

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/goto3/goto3/services/ses"
)

// MaxDataLength is the longest TemplateData SES accepts (the
// SendTemplatedEmail and TestRenderTemplate API reference: 262144).
const MaxDataLength = 262144

// maxNameLength is SES's limit on a template name.
const maxNameLength = 64

// Report is what Check found in a well-formed template.
type Report struct {
	// Name is the template name.
	Name string
	// Placeholders are the top-level names the subject, text and HTML
	// parts read from the template data, sorted, each once, whatever
	// block they are in (CheckData decides which ones given data must
	// supply).
	Placeholders []string
	// Paths are the full paths referenced from the top level, dotted
	// ("user.name"), sorted, each once. Placeholders are their first
	// segments.
	Paths []string

	uses []*pathUse // Paths as segments with their conditions, for CheckData
}

// Error is a fault Check found in one part of a template.
type Error struct {
	// Template is the template name.
	Template string
	// Part is the member at fault: "TemplateName", "SubjectPart",
	// "TextPart" or "HtmlPart".
	Part string
	// Line and Column locate the fault (1-based; Column counts
	// characters); both are 0 when the fault has no single position.
	Line, Column int
	// Msg describes the fault.
	Msg string
}

// Error reads like `ses: template "welcome": HtmlPart line 3, column 5:
// </div> closes <p> opened at line 2, column 1`.
func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("ses: template %s: %s: %s", quoteName(e.Template), e.Part, e.Msg)
	}
	return fmt.Sprintf("ses: template %s: %s line %d, column %d: %s", quoteName(e.Template), e.Part, e.Line, e.Column, e.Msg)
}

// quoteName quotes a template name for a message, cut after 80 bytes.
func quoteName(name string) string {
	if len(name) <= 80 {
		return strconv.Quote(name)
	}
	return strconv.Quote(name[:80]) + "..."
}

// DataError is a fault CheckData found in template data.
type DataError struct {
	// Template is the template name.
	Template string
	// Missing are the referenced paths the data does not supply, dotted,
	// sorted; empty when the data itself is at fault.
	Missing []string
	// Msg describes the fault.
	Msg string
}

// Error reads like `ses: template "welcome": template data lacks color,
// user.name`.
func (e *DataError) Error() string {
	if len(e.Missing) > 0 {
		return fmt.Sprintf("ses: template %s: template data lacks %s", quoteName(e.Template), strings.Join(e.Missing, ", "))
	}
	return fmt.Sprintf("ses: template %s: %s", quoteName(e.Template), e.Msg)
}

// CheckName reports whether name is a valid SES template name: 1 to 64
// ASCII letters, digits, '_' and '-'.
func CheckName(name string) error {
	if msg := nameFault(name); msg != "" {
		return &Error{Template: name, Part: "TemplateName", Msg: msg}
	}
	return nil
}

func nameFault(name string) string {
	if name == "" {
		return "the name is empty"
	}
	if len(name) > maxNameLength {
		return fmt.Sprintf("the name is %d bytes long, want at most %d", len(name), maxNameLength)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			r, _ := utf8.DecodeRuneInString(name[i:])
			return fmt.Sprintf("the name has %q at byte %d; want only ASCII letters, digits, '_' and '-'", r, i)
		}
	}
	return ""
}

// Check checks t before CreateTemplate or UpdateTemplate: the name follows
// SES's rules, the Handlebars placeholders of every part are balanced and
// use only what SES supports, and the HTML part is well-formed. It returns
// the placeholders the template reads, or an error joining one *Error per
// faulty part (match with errors.As); each part reports its first fault.
//
// # Placeholders
//
// SES renders templates with Handlebars. Check reads them so:
//
//   - {{name}}, {{{name}}} and {{&name}} reference name; {{user.name}} and
//     {{user/name}} reference the path user.name, whose top-level name is
//     user; [literal] segments name keys with other characters; {{~x~}}
//     (whitespace control) is {{x}}.
//   - {{!...}} and {{!--...--}} are comments; \{{...}} is literal text.
//   - Blocks are {{#if x}}, {{#unless x}}, {{#each x}} and {{#with x}},
//     closed by {{/if}} and so on, with one final {{else}} (or {{^}}) and
//     any number of chained {{else if y}} before it; also {{^x}}...{{/x}}
//     (an inverted section) and {{#x}}...{{/x}} (a section, read like
//     {{#with x}}). A block's argument is a reference in the enclosing
//     scope.
//   - Inside {{#with x}} a reference y means x.y.
//   - Inside {{#each x}} a reference is relative to the current item and is
//     not listed; ../y, @root.y and the {{else}} branch reach the enclosing
//     scope, and @index, @key, @first and @last are the loop's data. Block
//     parameters ({{#each items as |item i|}}) are local names; the one of
//     {{#with x as |p|}} stands for x.
//   - ../ counts only the blocks that change the scope (each, with,
//     sections), as in Handlebars 4; going above the top level is an error.
//   - A mustache with arguments calls a helper: only Handlebars' built-ins
//     exist in SES (lookup and log inline, and sub-expressions of them;
//     if, unless, each and with as blocks), so any other helper is an
//     error, as are partials, decorators and raw blocks.
//   - {{ without its }}, {{{ closed by }}, {{ closed by }}} (as in the CSS
//     .a{color:{{c}}}), and a }} after a single { and a name ({name}}) are
//     errors; other }} are text, as in Handlebars (CSS closing nested
//     rules).
//   - Placeholders and Paths list every reference, whatever block it is
//     in; CheckData decides which ones a given data object must supply.
//
// # HTML
//
// The HTML part is read as XHTML-like markup: every element but the void
// ones (area, base, br, col, embed, hr, img, input, link, meta, source,
// track, wbr and the legacy basefont, bgsound, frame, image, keygen, param,
// command, menuitem) is closed explicitly, in order; <x/> closes itself;
// tag and attribute names are case-insensitive; attribute values are
// quoted or unquoted, separated by space, each name once per tag;
// comments, <!DOCTYPE ...>, <?...?> and CDATA are skipped; the text of
// script, style, textarea, title, xmp, iframe, noembed and noframes runs
// to its end tag; a < that starts no tag is text. Character references are
// numeric (a valid code point, ended by ;) or named among the HTML 4 names
// plus &apos;, the ones email clients know; a & that starts no reference is
// text. Each {{...}} is opaque to this check (text, an attribute, or part
// of a value), so tags must balance in the source as written, not per
// branch: {{#if a}}<b>{{/if}} without a matching </b> is an error.
//
// Check does no I/O and is safe for concurrent use; its work is linear in
// the size of the template.
func Check(t *ses.Template) (*Report, error) {
	if t == nil {
		return nil, errors.New("ses: template.Check: nil template")
	}
	c := &checker{name: t.TemplateName, seen: make(map[string]*pathUse)}
	var errs []error
	if msg := nameFault(t.TemplateName); msg != "" {
		errs = append(errs, &Error{Template: t.TemplateName, Part: "TemplateName", Msg: msg})
	}
	parts := []struct {
		name string
		text *string
	}{{"SubjectPart", t.SubjectPart}, {"TextPart", t.TextPart}, {"HtmlPart", t.HtmlPart}}
	for _, p := range parts {
		if p.text == nil {
			continue
		}
		if err := c.checkPart(p.name, *p.text); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	r := &Report{Name: t.TemplateName, uses: c.uses}
	sort.Slice(r.uses, func(i, j int) bool { return lessPath(r.uses[i].segs, r.uses[j].segs) })
	top := make(map[string]bool)
	for _, u := range r.uses {
		r.Paths = append(r.Paths, strings.Join(u.segs, "."))
		if !top[u.segs[0]] {
			top[u.segs[0]] = true
			r.Placeholders = append(r.Placeholders, u.segs[0])
		}
	}
	sort.Strings(r.Placeholders)
	return r, nil
}

func lessPath(a, b []string) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// CheckData checks the TemplateData of a send against t: t passes Check,
// data is at most MaxDataLength bytes of one JSON object, and that object
// supplies every path the template renders with it. SES drops a message
// whose data lacks a referenced attribute (a rendering failure, after the
// send call succeeded), so:
//
//   - every path referenced outside blocks, and every block's own
//     argument ({{#if x}}: x), must be present; a value meant to be false
//     is sent as false, "" or null;
//   - a path referenced inside a block must be present only when that
//     branch renders with this data, by Handlebars' rules: if and unless
//     take false, null, missing, "", 0 (unless includeZero=true) and []
//     as false; with takes the same but 0 as true; each renders its body
//     for a non-empty array or object; a section ({{#x}}) renders unless x
//     is false, null, missing or []. A condition that cannot be evaluated
//     from the data (one on an each item, a sub-expression) counts as
//     rendering.
//
// A path is followed as Handlebars does: through object members, and into
// an array by index (items.[0].name) or length; a member of anything else
// is missing (a condition may read a string's length or characters, as
// JavaScript does). A missing path yields a *DataError listing every
// missing path, sorted.
func CheckData(t *ses.Template, data string) error {
	r, err := Check(t)
	if err != nil {
		return err
	}
	fail := func(format string, args ...any) error {
		return &DataError{Template: t.TemplateName, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > MaxDataLength {
		return fail("template data is %d bytes long, want at most %d", len(data), MaxDataLength)
	}
	var v any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		return fail("template data is not JSON: %v", err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		return fail("template data is a JSON %s, want an object", jsonKind(v))
	}
	var missing []string
	memo := make(map[*hbGuard]bool)
	for i, u := range r.uses {
		if !u.required(root, memo) {
			continue
		}
		// A block argument is read as a helper reads it (a string's
		// length counts); a rendered path as strict Handlebars does.
		if _, found := lookup(root, u.segs, !u.rendered); !found {
			missing = append(missing, r.Paths[i])
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return &DataError{Template: t.TemplateName, Missing: missing}
	}
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return "value"
}

// Ensure makes the template named t.TemplateName hold t, whether or not it
// exists, as the boto3 pattern does: it checks t with Check (an invalid
// template fails before any request), calls client.CreateTemplate, and when
// that fails with *ses.AlreadyExistsException calls client.UpdateTemplate.
// Should the template vanish between the two (UpdateTemplate fails with
// *ses.TemplateDoesNotExistException), it creates it once more. created
// reports whether the last successful call was CreateTemplate. optFns apply
// to every call, as they do to the client's methods.
//
// Errors from the calls are returned wrapped, so errors.As still finds the
// *goto3.OperationError, the *goto3.APIError and the modelled errors.
func Ensure(ctx context.Context, client *ses.Client, t *ses.Template, optFns ...func(*ses.Options)) (created bool, err error) {
	if _, err := Check(t); err != nil {
		return false, err
	}
	for attempt := 0; ; attempt++ {
		_, err := client.CreateTemplate(ctx, &ses.CreateTemplateInput{Template: t}, optFns...)
		if err == nil {
			return true, nil
		}
		var exists *ses.AlreadyExistsException
		if !errors.As(err, &exists) {
			return false, fmt.Errorf("ses: ensure template %q: %w", t.TemplateName, err)
		}
		_, err = client.UpdateTemplate(ctx, &ses.UpdateTemplateInput{Template: t}, optFns...)
		if err == nil {
			return false, nil
		}
		var gone *ses.TemplateDoesNotExistException
		if !errors.As(err, &gone) || attempt > 0 {
			return false, fmt.Errorf("ses: ensure template %q: %w", t.TemplateName, err)
		}
	}
}

// checker collects the paths of one template.
type checker struct {
	name  string
	uses  []*pathUse
	seen  map[string]*pathUse
	guard *hbGuard // the conditions around the current position
	inArg bool     // references are block arguments
}

// pathUse is a path the template references and the conditions it is
// referenced under.
type pathUse struct {
	segs     []string
	rendered bool       // referenced other than as a block argument
	always   bool       // referenced outside any condition
	guards   []*hbGuard // else, the conditions of each reference
}

func (c *checker) add(p []string) {
	if len(p) == 0 {
		return
	}
	k := strings.Join(p, "\x00")
	u := c.seen[k]
	if u == nil {
		u = &pathUse{segs: append([]string(nil), p...)}
		c.seen[k] = u
		c.uses = append(c.uses, u)
	}
	if !c.inArg {
		u.rendered = true
	}
	switch {
	case u.always:
	case c.guard == nil:
		u.always, u.guards = true, nil
	case len(u.guards) == 0 || u.guards[len(u.guards)-1] != c.guard:
		u.guards = append(u.guards, c.guard)
	}
}

// hbGuard is a block condition a reference is rendered under, linked to
// the conditions around it.
type hbGuard struct {
	parent *hbGuard
	cond   hbCond
	want   bool // the truth of cond that renders the branch
}

// hbCond is the condition of a block.
type hbCond struct {
	path        []string // from the top level; nil when not known there
	kind        byte     // 'i' if and unless, 'w' with, 'e' each, 's' section
	includeZero bool     // if includeZero=true
}

// required reports whether the data must supply u: some reference to it
// is rendered with root as data. Conditions that cannot be evaluated count
// as rendering.
func (u *pathUse) required(root map[string]any, memo map[*hbGuard]bool) bool {
	if u.always {
		return true
	}
	for _, g := range u.guards {
		if guardHolds(g, root, memo) {
			return true
		}
	}
	return false
}

// guardHolds reports whether g and every condition around it hold.
func guardHolds(g *hbGuard, root map[string]any, memo map[*hbGuard]bool) bool {
	var chain []*hbGuard
	for x := g; x != nil; x = x.parent {
		if _, ok := memo[x]; ok {
			break
		}
		chain = append(chain, x)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		x := chain[i]
		ok := x.parent == nil || memo[x.parent]
		if ok && x.cond.path != nil {
			v, _ := lookup(root, x.cond.path, true)
			ok = x.cond.truthy(v) == x.want
		}
		memo[x] = ok
	}
	return memo[g]
}

// lookup finds the value at p as Handlebars does: members of objects, and
// of arrays an index or length; of strings too when stringMembers is set
// (conditions; a rendered member of a string fails in Handlebars' strict
// mode). A missing value is nil (undefined, falsy).
func lookup(v any, p []string, stringMembers bool) (value any, found bool) {
	for _, seg := range p {
		switch x := v.(type) {
		case map[string]any:
			if v, found = x[seg]; !found {
				return nil, false
			}
		case []any:
			if seg == "length" {
				v = float64(len(x))
				continue
			}
			n, err := strconv.Atoi(seg)
			if err != nil || n < 0 || n >= len(x) || strconv.Itoa(n) != seg {
				return nil, false
			}
			v = x[n]
		case string: // as JavaScript: UTF-16 code units and length
			if !stringMembers {
				return nil, false
			}
			units := utf16.Encode([]rune(x))
			if seg == "length" {
				v = float64(len(units))
				continue
			}
			n, err := strconv.Atoi(seg)
			if err != nil || n < 0 || n >= len(units) || strconv.Itoa(n) != seg {
				return nil, false
			}
			v = string(rune(units[n]))
		default:
			return nil, false
		}
	}
	return v, true
}

// truthy reports whether Handlebars renders the main branch of a block with
// condition c over the value v.
func (c hbCond) truthy(v any) bool {
	switch c.kind {
	case 'e': // each: a non-empty array or object
		switch x := v.(type) {
		case []any:
			return len(x) > 0
		case map[string]any:
			return len(x) > 0
		}
		return false
	case 's': // a section: not false, null or an empty array
		switch x := v.(type) {
		case nil:
			return false
		case bool:
			return x
		case []any:
			return len(x) > 0
		}
		return true
	}
	switch x := v.(type) { // if and with
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0 || c.kind == 'w' || c.includeZero
	case []any:
		return len(x) > 0
	}
	return true
}

// checkPart checks one part and returns its first fault.
func (c *checker) checkPart(part, src string) error {
	var mask []byte
	if part == "HtmlPart" {
		mask = []byte(src)
	}
	off, msg := c.scanHandlebars(src, mask)
	if msg == "" && mask != nil {
		off, msg = checkHTML(src, mask)
	}
	if msg == "" {
		return nil
	}
	e := &Error{Template: c.name, Part: part, Msg: msg}
	e.Line, e.Column = position(src, off)
	return e
}

// position turns a byte offset into a 1-based line and character column.
func position(src string, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCountInString(src[start:off])
}

// at formats the position of off in src for messages.
func at(src string, off int) string {
	l, c := position(src, off)
	return fmt.Sprintf("line %d, column %d", l, c)
}

// Handlebars.

// hbScope is a scope of references: the top level, or the inside of a block
// that changes the context (each, with, sections).
type hbScope struct {
	parent *hbScope
	// opaque scopes (each items) are not paths from the top level.
	opaque bool
	// prefix is the path of the scope from the top level.
	prefix []string
	// params are the block parameters (as |a b|) and what the first means.
	params       []string
	paramsPrefix []string // the path the first param names; nil if opaque
	loop         bool     // @index and friends are defined
}

// hbFrame is an open block.
type hbFrame struct {
	name     string // as opened, for {{/name}}
	open     int    // offset of its {{
	inverted bool   // {{^name}}
	outer    *hbScope
	inner    *hbScope // scope of the current branch
	sawElse  bool
	// chain is the guard outside the block with the negations of the
	// conditions of the branches before the current one; cond and want
	// are the current branch's condition.
	chain *hbGuard
	cond  hbCond
	want  bool
	guard *hbGuard // the current branch's guard
}

// scanHandlebars checks the Handlebars syntax of src and records the paths
// it references. When mask is not nil, it blanks every mustache in mask
// with 0x01 for the HTML check. It returns the offset and message of the
// first fault, or "".
func (c *checker) scanHandlebars(src string, mask []byte) (int, string) {
	root := &hbScope{}
	var stack []*hbFrame
	c.guard = nil
	defer func() { c.guard = nil }()
	scope := func() *hbScope {
		if len(stack) == 0 {
			return root
		}
		return stack[len(stack)-1].inner
	}
	i := 0
	for {
		j := strings.Index(src[i:], "{{")
		textEnd := len(src)
		if j >= 0 {
			textEnd = i + j
		}
		for k := i; ; {
			n := strings.Index(src[k:textEnd], "}}")
			if n < 0 {
				break
			}
			if msg := strayClose(src, k+n); msg != "" {
				return k + n, msg
			}
			k += n + 2
		}
		if j < 0 {
			break
		}
		start := i + j
		// \{{ makes the text from its {{ to the next {{ literal, as the
		// Handlebars lexer does; \\{{ is a backslash and a mustache.
		if start > 0 && src[start-1] == '\\' && !(start > 1 && src[start-2] == '\\') {
			i = start + 2
			if k := strings.Index(src[i:], "{{"); k < 0 {
				i = len(src)
			} else {
				i += k
			}
			continue
		}
		end, msg := mustacheEnd(src, start)
		if msg != "" {
			return start, msg
		}
		for k := start; k < end && mask != nil; k++ {
			mask[k] = 1
		}
		i = end
		// Inner text between the braces and its kind.
		triple := isTriple(src[start:])
		inner := src[start+2 : end-2]
		if triple {
			// {{{x}}}, {{~{x}~}}: whitespace control goes outside the
			// third braces only.
			inner = strings.TrimPrefix(strings.TrimPrefix(inner, "~"), "{")
			inner = strings.TrimSuffix(strings.TrimSuffix(inner, "~"), "}")
		} else {
			inner = strings.TrimPrefix(inner, "~")
			if strings.HasPrefix(inner, "!") {
				continue // comment
			}
			inner = strings.TrimSuffix(inner, "~")
		}
		if triple {
			if off, msg := c.expr(start, inner, scope()); msg != "" {
				return off, msg
			}
			continue
		}
		sigil := byte(0)
		if inner != "" {
			sigil = inner[0]
		}
		switch sigil {
		case '>':
			return start, "partials ({{>...}}) are not supported in SES templates"
		case '*':
			return start, "decorators ({{*...}}) are not supported in SES templates"
		case '&':
			if off, msg := c.expr(start, inner[1:], scope()); msg != "" {
				return off, msg
			}
		case '#', '^':
			body := strings.TrimSpace(inner[1:])
			if sigil == '^' && body == "" { // {{^}} is {{else}}
				if off, msg := c.elseBranch(src, start, stack, ""); msg != "" {
					return off, msg
				}
				continue
			}
			if sigil == '#' && body != "" && (body[0] == '>' || body[0] == '*') {
				return start, "partial blocks and inline partials are not supported in SES templates"
			}
			f, msg := c.openBlock(src, start, sigil, body, scope())
			if msg != "" {
				return start, msg
			}
			stack = append(stack, f)
			c.guard = f.guard
		case '/':
			name := strings.TrimSpace(inner[1:])
			if len(stack) == 0 {
				return start, fmt.Sprintf("{{/%s}} closes no open block", name)
			}
			top := stack[len(stack)-1]
			if name != top.name {
				return start, fmt.Sprintf("{{/%s}} closes {{#%s}} opened at %s", name, top.name, at(src, top.open))
			}
			stack = stack[:len(stack)-1]
			c.guard = nil
			if len(stack) > 0 {
				c.guard = stack[len(stack)-1].guard
			}
		default:
			body := strings.TrimSpace(inner)
			if body == "else" || strings.HasPrefix(body, "else") && len(body) > 4 && isHBSpace(body[4]) {
				if off, msg := c.elseBranch(src, start, stack, strings.TrimSpace(body[4:])); msg != "" {
					return off, msg
				}
				continue
			}
			if off, msg := c.expr(start, inner, scope()); msg != "" {
				return off, msg
			}
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return top.open, fmt.Sprintf("{{#%s}} is never closed", top.name)
	}
	return 0, ""
}

// strayClose reports a }} outside any mustache that looks like a mistyped
// placeholder: a single { then a name, as in {name}}. Other }} (CSS rules
// closing nested braces) are plain text, as for Handlebars.
func strayClose(src string, off int) string {
	k := off
	for k > 0 && isNameChar(src[k-1]) {
		k--
	}
	if k == off || k == 0 || src[k-1] != '{' {
		return ""
	}
	return fmt.Sprintf("}} closes {%s, which opens with a single {", src[k:off])
}

func isNameChar(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// mustacheEnd finds the end of the mustache opened at start (after its
// closing braces), skipping string literals and [segment] literals.
func mustacheEnd(src string, start int) (int, string) {
	if strings.HasPrefix(src[start:], "{{{{") {
		return 0, "raw blocks ({{{{...}}}}) are not supported in SES templates"
	}
	triple := isTriple(src[start:])
	i := start + 2
	if triple {
		i = start + strings.IndexByte(src[start+2:], '{') + 3
	}
	body := src[i:]
	if !triple {
		if strings.HasPrefix(body, "!--") || strings.HasPrefix(body, "~!--") {
			// The comment ends at the first --}} or --~}}, which may
			// overlap its opener ({{!--}}), as in the Handlebars lexer.
			for k := 0; k < len(body); k++ {
				if strings.HasPrefix(body[k:], "--}}") {
					return i + k + 4, ""
				}
				if strings.HasPrefix(body[k:], "--~}}") {
					return i + k + 5, ""
				}
			}
			return 0, "{{!-- comment is never closed with --}}"
		}
		if strings.HasPrefix(body, "!") || strings.HasPrefix(body, "~!") {
			k := strings.Index(body, "}}")
			if k < 0 {
				return 0, "{{! comment is never closed with }}"
			}
			return i + k + 2, ""
		}
	}
	open := "{{"
	if triple {
		open = "{{{"
	}
	for ; i < len(src); i++ {
		switch ch := src[i]; ch {
		case '"', '\'':
			k := strings.IndexByte(src[i+1:], ch)
			if k < 0 {
				return 0, fmt.Sprintf("%s has a string literal that is never closed", open)
			}
			i += k + 1
		case '[':
			k := strings.IndexByte(src[i+1:], ']')
			if k < 0 {
				return 0, fmt.Sprintf("%s has a [ that is never closed", open)
			}
			i += k + 1
		case '{':
			if strings.HasPrefix(src[i:], "{{") {
				return 0, fmt.Sprintf("%s is not closed before the next {{ at %s", open, at(src, i))
			}
		case '}':
			if !strings.HasPrefix(src[i:], "}}") {
				continue
			}
			// A triple-stash closes with }}} or }~}}, a mustache with }}
			// or ~}} (then a } is text).
			three := strings.HasPrefix(src[i:], "}}}") && src[i-1] != '~'
			stripped := i >= 2 && src[i-2:i] == "}~"
			switch {
			case strings.HasPrefix(src[i:], "}}}}") && src[i-1] != '~':
				// The Handlebars lexer reads }}}} as the end of a raw block.
				return 0, fmt.Sprintf("%s is closed by }}}}", open)
			case triple && three:
				return i + 3, ""
			case triple && stripped:
				return i + 2, ""
			case triple:
				return 0, "{{{ is closed by }} instead of }}}"
			case isInverse(src[start+2 : i]):
				// {{else}} and {{^}} end at their }}, even before a }.
				return i + 2, ""
			case three || stripped:
				return 0, "{{ is closed by }}} instead of }}"
			}
			return i + 2, ""
		}
	}
	return 0, fmt.Sprintf("%s is never closed", open)
}

// isInverse reports whether the inside of a mustache is a plain else: else
// or ^, with spaces and whitespace control.
func isInverse(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "~"), "~")
	if strings.HasPrefix(s, "^") {
		return strings.TrimRight(s[1:], hbSpace) == ""
	}
	return strings.Trim(s, hbSpace) == "else"
}

// isTriple reports whether s opens a triple-stash: {{{ or {{~{.
func isTriple(s string) bool {
	return strings.HasPrefix(s, "{{{") || strings.HasPrefix(s, "{{~{")
}

// builtin block helpers; other names after # are sections.
var hbBlockHelpers = map[string]bool{"if": true, "unless": true, "each": true, "with": true}

// hbInlineHelpers are the built-in helpers that take arguments in a mustache.
var hbInlineHelpers = map[string]bool{"lookup": true, "log": true}

// openBlock opens {{#body}} or {{^body}}.
func (c *checker) openBlock(src string, start int, sigil byte, body string, outer *hbScope) (*hbFrame, string) {
	toks, params, msg := hbTokens(body)
	if msg != "" {
		return nil, msg
	}
	if len(toks) == 0 {
		return nil, fmt.Sprintf("{{%c}} names no block", sigil)
	}
	f := &hbFrame{open: start, outer: outer, inner: outer, chain: c.guard}
	head := toks[0]
	if head.kind != tokPath {
		return nil, fmt.Sprintf("{{%c%s}} does not start with a name", sigil, body)
	}
	f.name = head.text
	if sigil == '^' || !hbBlockHelpers[head.text] {
		// An inverted section or a section: {{#x}} reads like {{#with x}}.
		if len(toks) > 1 {
			return nil, fmt.Sprintf("{{%c%s}}: %q is not a block helper SES knows (if, unless, each, with)", sigil, body, head.text)
		}
		if sigil == '^' {
			c.inArg = true
			msg := c.ref(head, outer)
			c.inArg = false
			if msg != "" {
				return nil, msg
			}
			if len(params) > 0 {
				return nil, "block parameters need {{#each}} or {{#with}}"
			}
			f.inverted = true
			f.cond = hbCond{path: condPath(head, outer), kind: 's'}
			f.guard = &hbGuard{parent: f.chain, cond: f.cond, want: false}
			return f, ""
		}
		toks = append([]hbToken{{kind: tokPath, text: "with"}}, toks...)
	}
	inner, cond, want, msg := c.helperScope(toks, params, outer)
	if msg != "" {
		return nil, fmt.Sprintf("{{#%s}}: %s", body, msg)
	}
	if !hbBlockHelpers[head.text] {
		cond.kind = 's'
	}
	f.inner, f.cond, f.want = inner, cond, want
	f.guard = &hbGuard{parent: f.chain, cond: cond, want: want}
	return f, ""
}

// condPath is the path of a block argument from the top level, or nil.
func condPath(t hbToken, s *hbScope) []string {
	if t.kind != tokPath {
		return nil
	}
	p, top, msg := resolve(t, s)
	if !top || msg != "" || len(p) == 0 {
		return nil
	}
	return p
}

// helperScope checks a block helper call (toks[0] is if, unless, each or
// with) made in outer, records its references and returns the scope of its
// body, its condition and the truth of the condition that renders the body.
func (c *checker) helperScope(toks []hbToken, params []string, outer *hbScope) (*hbScope, hbCond, bool, string) {
	name := toks[0].text
	var args []hbToken
	cond := hbCond{kind: 'i'}
	for _, t := range toks[1:] {
		if t.kind != tokHash {
			args = append(args, t)
		} else if t.text == "includeZero" && t.value != nil && t.value.text == "true" {
			cond.includeZero = true
		}
		c.inArg = true
		msg := c.ref(t, outer)
		c.inArg = false
		if msg != "" {
			return nil, cond, false, msg
		}
	}
	if len(args) != 1 {
		return nil, cond, false, fmt.Sprintf("%s takes one argument, got %d", name, len(args))
	}
	if len(params) > 0 && name != "each" && name != "with" {
		return nil, cond, false, "block parameters need each or with"
	}
	cond.path = condPath(args[0], outer)
	switch name {
	case "each":
		cond.kind = 'e'
		return &hbScope{parent: outer, opaque: true, loop: true, params: params}, cond, true, ""
	case "with":
		cond.kind = 'w'
		s := &hbScope{parent: outer, params: params, loop: outer.loop}
		p, top, msg := resolve(args[0], outer)
		if msg != "" {
			return nil, cond, false, msg
		}
		if !top {
			s.opaque = true
		} else {
			s.prefix = p
		}
		if len(params) > 0 {
			// as |x| names the same value as the new scope itself.
			s.paramsPrefix = s.prefix
		}
		return s, cond, true, ""
	case "unless":
		return outer, cond, false, ""
	}
	return outer, cond, true, ""
}

// elseBranch handles {{else}}, {{^}} and {{else helper args}}.
func (c *checker) elseBranch(src string, start int, stack []*hbFrame, chain string) (int, string) {
	if len(stack) == 0 {
		return start, "{{else}} outside any block"
	}
	f := stack[len(stack)-1]
	if f.sawElse {
		return start, fmt.Sprintf("{{else}} after the final {{else}} of {{#%s}} opened at %s", f.name, at(src, f.open))
	}
	if f.inverted && chain != "" {
		return start, fmt.Sprintf("{{else %s}} cannot follow {{^%s}}; only a plain {{else}} can", chain, f.name)
	}
	// The branches before this one were not taken.
	f.chain = &hbGuard{parent: f.chain, cond: f.cond, want: !f.want}
	c.guard = f.chain
	if chain == "" {
		f.sawElse = true
		f.inner, f.guard = f.outer, f.chain
		return 0, ""
	}
	toks, params, msg := hbTokens(chain)
	if msg == "" && (len(toks) == 0 || toks[0].kind != tokPath || !hbBlockHelpers[toks[0].text]) {
		msg = fmt.Sprintf("{{else %s}}: want else if, unless, each or with", chain)
	}
	if msg != "" {
		return start, msg
	}
	inner, cond, want, msg := c.helperScope(toks, params, f.outer)
	if msg != "" {
		return start, fmt.Sprintf("{{else %s}}: %s", chain, msg)
	}
	f.inner, f.cond, f.want = inner, cond, want
	f.guard = &hbGuard{parent: f.chain, cond: cond, want: want}
	c.guard = f.guard
	return 0, ""
}

// expr checks the expression of a mustache ({{x}}, {{helper a b}}).
func (c *checker) expr(start int, body string, s *hbScope) (int, string) {
	toks, params, msg := hbTokens(body)
	if msg == "" && len(params) > 0 {
		msg = "block parameters (as |x|) belong to a block {{#...}}"
	}
	if msg == "" && len(toks) == 0 {
		msg = "empty {{}}"
	}
	if msg != "" {
		return start, msg
	}
	head := toks[0]
	if head.kind == tokHash {
		return start, fmt.Sprintf("{{%s}}: a hash argument needs a helper before it", strings.TrimSpace(body))
	}
	if len(toks) == 1 {
		if head.kind == tokPath && hbBlockHelpers[head.text] {
			return start, fmt.Sprintf("{{%s}} is a block helper; use {{#%s ...}}...{{/%s}}", head.text, head.text, head.text)
		}
		if head.kind == tokSub {
			if msg := c.sub(head, s); msg != "" {
				return start, msg
			}
			return 0, ""
		}
		if msg := c.ref(head, s); msg != "" {
			return start, msg
		}
		return 0, ""
	}
	if head.kind != tokPath || !hbInlineHelpers[head.text] {
		return start, fmt.Sprintf("{{%s}}: %q is not a helper SES knows (lookup, log)", strings.TrimSpace(body), head.text)
	}
	for _, t := range toks[1:] {
		if msg := c.ref(t, s); msg != "" {
			return start, msg
		}
	}
	return 0, ""
}

// sub checks a sub-expression (helper args).
func (c *checker) sub(t hbToken, s *hbScope) string {
	if len(t.sub) == 0 {
		return "empty sub-expression ()"
	}
	head := t.sub[0]
	if head.kind != tokPath || !hbInlineHelpers[head.text] {
		return fmt.Sprintf("sub-expression (%s ...): not a helper SES knows (lookup, log)", head.text)
	}
	for _, a := range t.sub[1:] {
		if msg := c.ref(a, s); msg != "" {
			return msg
		}
	}
	return ""
}

// ref records the reference a parameter token makes in scope s.
func (c *checker) ref(t hbToken, s *hbScope) string {
	switch t.kind {
	case tokLiteral:
		return ""
	case tokHash:
		if t.value == nil {
			return ""
		}
		return c.ref(*t.value, s)
	case tokSub:
		return c.sub(t, s)
	}
	p, top, msg := resolve(t, s)
	if msg != "" {
		return msg
	}
	if top {
		c.add(p)
	}
	return ""
}

// resolve turns a path token into a path from the top level; top is false
// for references into an each item, to block parameters that name one, and
// to loop data.
func resolve(t hbToken, s *hbScope) (path []string, top bool, msg string) {
	segs := t.segs
	if t.data {
		for n := 0; n < t.up; n++ {
			if s = s.parent; s == nil {
				return nil, false, fmt.Sprintf("%s goes above the top level", t.text)
			}
		}
		switch segs[0] {
		case "root":
			return segs[1:], true, ""
		case "index", "key", "first", "last":
			for x := s; x != nil; x = x.parent {
				if x.loop {
					return nil, false, ""
				}
			}
			return nil, false, fmt.Sprintf("@%s outside {{#each}}", segs[0])
		}
		return nil, false, fmt.Sprintf("unknown data variable @%s", segs[0])
	}
	for n := 0; n < t.up; n++ {
		s = s.parent
		if s == nil {
			return nil, false, fmt.Sprintf("%s goes above the top level", t.text)
		}
	}
	if !t.this && t.up == 0 && len(segs) > 0 {
		for x := s; x != nil; x = x.parent {
			for i, name := range x.params {
				if name != segs[0] {
					continue
				}
				if i > 0 || x.paramsPrefix == nil {
					return nil, false, "" // an item, index or key
				}
				return append(append([]string(nil), x.paramsPrefix...), segs[1:]...), true, ""
			}
		}
	}
	if s.opaque {
		return nil, false, ""
	}
	return append(append([]string(nil), s.prefix...), segs...), true, ""
}

type hbTokenKind int

const (
	tokPath hbTokenKind = iota
	tokLiteral
	tokHash
	tokSub
)

type hbToken struct {
	kind  hbTokenKind
	text  string    // as written
	data  bool      // @ path
	this  bool      // this. or ./ path
	up    int       // leading ../ count
	segs  []string  // path segments, brackets removed
	value *hbToken  // hash value
	sub   []hbToken // sub-expression
}

const maxSubDepth = 32

// hbTokens splits the inside of a mustache into parameter tokens and block
// parameters (as |a b|).
func hbTokens(s string) (toks []hbToken, params []string, msg string) {
	toks, rest, msg := hbParams(s, 0)
	if msg != "" {
		return nil, nil, msg
	}
	rest = strings.TrimLeft(rest, hbSpace)
	if rest == "" {
		return toks, nil, ""
	}
	if rest[0] == ')' {
		return nil, nil, "unbalanced )"
	}
	// as |a b|
	rest = strings.TrimSpace(strings.TrimPrefix(rest, "as"))
	if !strings.HasPrefix(rest, "|") {
		return nil, nil, fmt.Sprintf("unexpected %q", rest)
	}
	k := strings.IndexByte(rest[1:], '|')
	if k < 0 {
		return nil, nil, "block parameters |... are never closed with |"
	}
	params = strings.Fields(rest[1 : 1+k])
	if len(params) == 0 {
		return nil, nil, "as || names no block parameter"
	}
	for _, p := range params {
		if !validID(p) {
			return nil, nil, fmt.Sprintf("invalid block parameter %q", p)
		}
	}
	if r := strings.TrimSpace(rest[k+2:]); r != "" {
		return nil, nil, fmt.Sprintf("unexpected %q after block parameters", r)
	}
	return toks, params, ""
}

const hbSpace = " \t\r\n\f\v"

func isHBSpace(c byte) bool { return strings.IndexByte(hbSpace, c) >= 0 }

// hbParams reads tokens until the end of s, a ')' or an "as |"; it returns
// the unread rest.
func hbParams(s string, depth int) ([]hbToken, string, string) {
	var toks []hbToken
	for {
		s = strings.TrimLeft(s, hbSpace)
		if s == "" || s[0] == ')' || isBlockParams(s) {
			return toks, s, ""
		}
		t, rest, msg := hbParam(s, depth)
		if msg != "" {
			return nil, "", msg
		}
		toks = append(toks, t)
		s = rest
	}
}

// isBlockParams reports whether s starts with "as |".
func isBlockParams(s string) bool {
	return strings.HasPrefix(s, "as") && len(s) > 2 && isHBSpace(s[2]) &&
		strings.HasPrefix(strings.TrimLeft(s[2:], hbSpace), "|")
}

// hbParam reads one token: a sub-expression, a literal, key=value or a path.
func hbParam(s string, depth int) (hbToken, string, string) {
	switch s[0] {
	case '(':
		if depth >= maxSubDepth {
			return hbToken{}, "", "sub-expressions nested too deep"
		}
		toks, rest, msg := hbParams(s[1:], depth+1)
		if msg != "" {
			return hbToken{}, "", msg
		}
		if !strings.HasPrefix(rest, ")") {
			return hbToken{}, "", "sub-expression ( is never closed with )"
		}
		return hbToken{kind: tokSub, text: "(...)", sub: toks}, rest[1:], ""
	case '"', '\'':
		k := strings.IndexByte(s[1:], s[0])
		if k < 0 {
			return hbToken{}, "", "string literal is never closed"
		}
		return hbToken{kind: tokLiteral, text: s[:k+2]}, s[k+2:], ""
	}
	// A word: up to space, ( ) = or |, with [..] segments taken whole.
	n := 0
	for n < len(s) {
		ch := s[n]
		if ch == '[' {
			k := strings.IndexByte(s[n:], ']')
			if k < 0 {
				return hbToken{}, "", "[ is never closed with ]"
			}
			n += k + 1
			continue
		}
		if isHBSpace(ch) || ch == '(' || ch == ')' || ch == '=' || ch == '|' {
			break
		}
		n++
	}
	word, rest := s[:n], s[n:]
	if word == "" {
		return hbToken{}, "", fmt.Sprintf("unexpected %q", s[:1])
	}
	if strings.HasPrefix(rest, "=") {
		if !validID(word) {
			return hbToken{}, "", fmt.Sprintf("invalid hash key %q", word)
		}
		v := strings.TrimLeft(rest[1:], hbSpace)
		if v == "" || v[0] == ')' {
			return hbToken{}, "", fmt.Sprintf("%s= has no value", word)
		}
		val, rest, msg := hbParam(v, depth)
		if msg != "" {
			return hbToken{}, "", msg
		}
		if val.kind == tokHash {
			return hbToken{}, "", fmt.Sprintf("unexpected = after %s=", word)
		}
		return hbToken{kind: tokHash, text: word, value: &val}, rest, ""
	}
	if isLiteral(word) {
		return hbToken{kind: tokLiteral, text: word}, rest, ""
	}
	t, msg := parsePath(word)
	return t, rest, msg
}

func isLiteral(w string) bool {
	switch w {
	case "true", "false", "null", "undefined":
		return true
	}
	if w[0] != '-' && (w[0] < '0' || w[0] > '9') {
		return false
	}
	_, err := strconv.ParseFloat(w, 64)
	return err == nil
}

// parsePath parses a Handlebars path expression.
func parsePath(w string) (hbToken, string) {
	t := hbToken{kind: tokPath, text: w}
	bad := func() (hbToken, string) { return hbToken{}, fmt.Sprintf("invalid path %q", t.text) }
	if strings.HasPrefix(w, "@") {
		t.data = true
		w = w[1:]
	}
	for {
		if strings.HasPrefix(w, "../") {
			t.up++
			w = w[3:]
			continue
		}
		if w == ".." {
			t.up++
			w = ""
		}
		break
	}
	switch {
	case w == "this" || w == ".":
		t.this, w = true, ""
	case strings.HasPrefix(w, "this.") || strings.HasPrefix(w, "this/"):
		t.this, w = true, w[5:]
		if w == "" {
			return bad()
		}
	case strings.HasPrefix(w, "./"):
		t.this, w = true, w[2:]
		if w == "" {
			return bad()
		}
	}
	for w != "" {
		var seg string
		if len(t.segs) > 0 && isNumber(w) {
			// The Handlebars lexer reads a number at the end of a path
			// as a literal: items.0 is written items.[0].
			return hbToken{}, fmt.Sprintf("invalid path %q: write a trailing number in brackets, as items.[0]", t.text)
		}
		if w[0] == '[' {
			k := strings.IndexByte(w, ']')
			seg, w = w[1:k], w[k+1:]
		} else {
			k := strings.IndexAny(w, "./")
			if k < 0 {
				k = len(w)
			}
			seg, w = w[:k], w[k:]
			if !validID(seg) || seg == "this" || seg == ".." {
				return bad()
			}
		}
		t.segs = append(t.segs, seg)
		if w == "" {
			break
		}
		if w[0] != '.' && w[0] != '/' || len(w) == 1 {
			return bad()
		}
		w = w[1:]
	}
	if t.data && (len(t.segs) == 0 || t.this) {
		return bad()
	}
	if len(t.segs) == 0 && !t.this && t.up == 0 {
		return bad()
	}
	return t, ""
}

// isNumber reports whether s is a Handlebars number literal: -?\d+(\.\d+)?.
func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, dot := strings.Cut(s, ".")
	digits := func(d string) bool {
		if d == "" {
			return false
		}
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				return false
			}
		}
		return true
	}
	return digits(intPart) && (!dot || digits(frac))
}

// validID reports whether s is a Handlebars identifier: no whitespace and
// none of !"#%&'()*+,./;<=>@[\]^`{|}~.
func validID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHBIDChar(s[i]) {
			return false
		}
	}
	return true
}

func isHBIDChar(c byte) bool {
	if c <= ' ' || c == 0x7f {
		return false
	}
	return strings.IndexByte("!\"#%&'()*+,./;<=>@[\\]^`{|}~", c) < 0
}

// HTML.

// htmlVoid are the elements that have no end tag (WHATWG HTML, "void
// elements", plus legacy ones parsers still treat so).
var htmlVoid = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true,
	"track": true, "wbr": true,
	"basefont": true, "bgsound": true, "frame": true, "image": true, "keygen": true,
	"param": true, "command": true, "menuitem": true,
}

// htmlRawText are the elements whose content runs to their end tag without
// markup (WHATWG HTML raw text and escapable raw text elements, plus the
// legacy ones tokenized the same way).
var htmlRawText = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true,
	"xmp": true, "iframe": true, "noembed": true, "noframes": true,
}

// htmlEntities are the HTML 4.01 character entity names plus apos.
var htmlEntities = func() map[string]bool {
	names := `nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg
	macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12
	frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc
	Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash
	Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig
	ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc
	otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml
	quot amp lt gt OElig oelig Scaron scaron Yuml circ tilde ensp emsp thinsp zwnj zwj lrm
	rlm ndash mdash lsquo rsquo sbquo ldquo rdquo bdquo dagger Dagger permil lsaquo rsaquo
	euro
	fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron
	Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma delta epsilon zeta eta
	theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi
	omega thetasym upsih piv bull hellip prime Prime oline frasl weierp image real trade
	alefsym larr uarr rarr darr harr crarr lArr uArr rArr dArr hArr forall part exist empty
	nabla isin notin ni prod sum minus lowast radic prop infin ang and or cap cup int there4
	sim cong asymp ne equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil rceil
	lfloor rfloor lang rang loz spades clubs hearts diams
	apos`
	m := make(map[string]bool)
	for _, n := range strings.Fields(names) {
		m[n] = true
	}
	return m
}()

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// htmlOpen is an element waiting for its end tag.
type htmlOpen struct {
	name string
	off  int
}

// checkHTML checks that m (src with every mustache blanked to 0x01) is
// well-formed; offsets index src.
func checkHTML(src string, m []byte) (int, string) {
	var stack []htmlOpen
	i := 0
	for i < len(m) {
		lt := indexByteFrom(m, i, '<')
		if lt < 0 {
			lt = len(m)
		}
		if off, msg := checkRefs(src, m, i, lt); msg != "" {
			return off, msg
		}
		i = lt
		if i >= len(m) {
			break
		}
		rest := m[i+1:]
		switch {
		case hasPrefix(rest, "!--"):
			k := indexFrom(m, i+4, "-->")
			if k < 0 {
				return i, "comment <!-- is never closed with -->"
			}
			i = k + 3
		case hasPrefix(rest, "![CDATA["):
			k := indexFrom(m, i+9, "]]>")
			if k < 0 {
				return i, "<![CDATA[ is never closed with ]]>"
			}
			i = k + 3
		case hasPrefix(rest, "!") || hasPrefix(rest, "?"):
			k := indexByteFrom(m, i+1, '>')
			if k < 0 {
				return i, fmt.Sprintf("<%c is never closed with >", rest[0])
			}
			i = k + 1
		case hasPrefix(rest, "/"):
			if len(rest) < 2 || !isASCIILetter(rest[1]) {
				return i, "</ is not followed by a tag name"
			}
			name, end, _, off, msg := readTag(src, m, i+2)
			if msg != "" {
				return off, msg
			}
			if htmlVoid[name] {
				return i, fmt.Sprintf("</%s> ends the void element <%s>, which has no end tag", name, name)
			}
			if len(stack) == 0 {
				return i, fmt.Sprintf("</%s> closes no open element", name)
			}
			top := stack[len(stack)-1]
			if top.name != name {
				return i, fmt.Sprintf("</%s> closes <%s> opened at %s", name, top.name, at(src, top.off))
			}
			stack = stack[:len(stack)-1]
			i = end
		case len(rest) > 0 && isASCIILetter(rest[0]):
			name, end, selfClosed, off, msg := readTag(src, m, i+1)
			if msg != "" {
				return off, msg
			}
			switch {
			case htmlVoid[name] || selfClosed:
			case htmlRawText[name]:
				k := rawTextEnd(m, end, name)
				if k < 0 {
					return i, fmt.Sprintf("<%s> is never closed with </%s>", name, name)
				}
				_, e, _, off, msg := readTag(src, m, k+2)
				if msg != "" {
					return off, msg
				}
				end = e
			default:
				stack = append(stack, htmlOpen{name: name, off: i})
			}
			i = end
		default:
			i++ // a < that starts no tag is text
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return top.off, fmt.Sprintf("<%s> is never closed", top.name)
	}
	return 0, ""
}

// readTag reads a tag from its name at i to its closing >: it returns the
// lower-case name, the offset after the > and whether it ends with />; or
// the offset and message of a fault.
func readTag(src string, m []byte, i int) (name string, end int, selfClosing bool, off int, msg string) {
	start := i
	for i < len(m) && !isHTMLSpace(m[i]) && m[i] != '/' && m[i] != '>' && m[i] != 1 {
		switch m[i] {
		case '<', '"', '\'', '=':
			return "", 0, false, i, fmt.Sprintf("unexpected %c in the tag name %s", m[i], m[start:i])
		}
		i++
	}
	name = strings.ToLower(string(m[start:i]))
	end_ := m[start-1] == '/'
	tagStart := start - 1
	if end_ {
		tagStart--
	}
	seen := make(map[string]bool) // attribute names
	for {
		for i < len(m) && (isHTMLSpace(m[i]) || m[i] == 1 || m[i] == '/' && (i+1 >= len(m) || m[i+1] != '>')) {
			i++
		}
		if i >= len(m) {
			return "", 0, false, tagStart, fmt.Sprintf("tag <%s is never closed with >", name)
		}
		if m[i] == '>' {
			return name, i + 1, false, 0, ""
		}
		if m[i] == '/' { // followed by >
			if end_ {
				return "", 0, false, i, fmt.Sprintf("end tag </%s/> closes itself", name)
			}
			return name, i + 2, true, 0, ""
		}
		// An attribute name.
		an := i
		dynamic := false
		for i < len(m) && !isHTMLSpace(m[i]) && m[i] != '/' && m[i] != '>' && m[i] != '=' {
			switch m[i] {
			case '"', '\'', '<':
				return "", 0, false, i, fmt.Sprintf("unexpected %c in an attribute name of <%s>", m[i], name)
			case 1:
				dynamic = true
			}
			i++
		}
		if i == an { // = with no name
			return "", 0, false, i, fmt.Sprintf("attribute value with no name in <%s>", name)
		}
		attr := strings.ToLower(string(m[an:i]))
		if !dynamic {
			if seen[attr] {
				return "", 0, false, an, fmt.Sprintf("duplicate attribute %s in <%s>", attr, name)
			}
			seen[attr] = true
		}
		j := i
		for j < len(m) && isHTMLSpace(m[j]) {
			j++
		}
		if j >= len(m) || m[j] != '=' {
			continue // no value
		}
		i = j + 1
		for i < len(m) && isHTMLSpace(m[i]) {
			i++
		}
		if i >= len(m) {
			return "", 0, false, tagStart, fmt.Sprintf("tag <%s is never closed with >", name)
		}
		switch q := m[i]; q {
		case '"', '\'':
			k := indexByteFrom(m, i+1, q)
			if k < 0 {
				return "", 0, false, i, fmt.Sprintf("value of %s in <%s> is never closed with %c", attr, name, q)
			}
			if off, msg := checkRefs(src, m, i+1, k); msg != "" {
				return "", 0, false, off, msg
			}
			i = k + 1
			if i < len(m) && !isHTMLSpace(m[i]) && m[i] != '>' && m[i] != '/' && m[i] != 1 {
				return "", 0, false, i, fmt.Sprintf("no space after the value of %s in <%s>", attr, name)
			}
		case '>':
			return "", 0, false, i, fmt.Sprintf("attribute %s= in <%s> has no value", attr, name)
		default:
			v := i
			for i < len(m) && !isHTMLSpace(m[i]) && m[i] != '>' {
				switch m[i] {
				case '"', '\'', '<', '=', '`':
					return "", 0, false, i, fmt.Sprintf("unexpected %c in the unquoted value of %s in <%s>", m[i], attr, name)
				}
				i++
			}
			if off, msg := checkRefs(src, m, v, i); msg != "" {
				return "", 0, false, off, msg
			}
		}
	}
}

// rawTextEnd finds the </name that ends raw text starting at i.
func rawTextEnd(m []byte, i int, name string) int {
	for {
		k := indexFrom(m, i, "</")
		if k < 0 {
			return -1
		}
		e := k + 2 + len(name)
		if e <= len(m) && bytes.EqualFold(m[k+2:e], []byte(name)) &&
			(e == len(m) || isHTMLSpace(m[e]) || m[e] == '/' || m[e] == '>') {
			return k
		}
		i = k + 2
	}
}

// checkRefs checks the character references in m[i:j].
func checkRefs(src string, m []byte, i, j int) (int, string) {
	for {
		k := indexByteFrom(m[:j], i, '&')
		if k < 0 {
			return 0, ""
		}
		i = k + 1
		if i < j && m[i] == '#' {
			n := i + 1
			hex := n < j && (m[n] == 'x' || m[n] == 'X')
			if hex {
				n++
			}
			d := n
			for n < j && (m[n] >= '0' && m[n] <= '9' || hex && (m[n]|0x20 >= 'a' && m[n]|0x20 <= 'f')) {
				n++
			}
			ref := string(m[k:n])
			if n == d {
				return k, fmt.Sprintf("character reference %s has no digits", ref)
			}
			if n >= j || m[n] != ';' {
				return k, fmt.Sprintf("character reference %s does not end with ;", ref)
			}
			base := 10
			if hex {
				base = 16
			}
			v, err := strconv.ParseUint(string(m[d:n]), base, 32)
			if err != nil || v == 0 || v > utf8.MaxRune || v >= 0xD800 && v <= 0xDFFF {
				return k, fmt.Sprintf("character reference %s; is not a valid character", ref)
			}
			i = n + 1
			continue
		}
		n := i
		for n < j && (isASCIILetter(m[n]) || m[n] >= '0' && m[n] <= '9') {
			n++
		}
		if n > i && n < j && m[n] == ';' && !htmlEntities[string(m[i:n])] {
			return k, fmt.Sprintf("unknown character reference &%s; (HTML 4 names and &apos; are known)", m[i:n])
		}
	}
}

func hasPrefix(b []byte, s string) bool { return len(b) >= len(s) && string(b[:len(s)]) == s }

func indexByteFrom(b []byte, i int, c byte) int {
	if i >= len(b) {
		return -1
	}
	k := bytes.IndexByte(b[i:], c)
	if k < 0 {
		return -1
	}
	return i + k
}

func indexFrom(b []byte, i int, s string) int {
	if i >= len(b) {
		return -1
	}
	k := bytes.Index(b[i:], []byte(s))
	if k < 0 {
		return -1
	}
	return i + k
}
