package codegen_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/internal/codegen"
)

func TestDocText(t *testing.T) {
	tests := []struct {
		name  string
		html  string
		width int
		want  []string
	}{
		{"empty", "", 76, nil},
		{"blank paragraph", "<p> </p>", 76, nil},
		{"plain text", "Hello world.", 76, []string{"Hello world."}},
		{"paragraphs", "<p>One.</p> <p>Two.</p>", 76, []string{"One.", "", "Two."}},
		{"inline markup dropped", "<p>Use <code>GetObject</code> with <b>care</b> and <i>style</i>.</p>", 76,
			[]string{"Use GetObject with care and style."}},
		{"entities decoded", "<p>a &lt; b &amp;&amp; c &gt; d &quot;e&quot; &#39;f&#39;</p>", 76,
			[]string{`a < b && c > d "e" 'f'`}},
		{"whitespace collapsed", "<p>a\n   b\t\tc</p>", 76, []string{"a b c"}},
		{"link", `<p>See <a href="https://x.example/doc">the docs</a>.</p>`, 76,
			[]string{"See the docs (https://x.example/doc)."}},
		{"link whose text is the url", `<p><a href="https://x.example">https://x.example</a></p>`, 76,
			[]string{"https://x.example"}},
		{"link without text", `<p>See <a href="https://x.example"></a></p>`, 76, []string{"See https://x.example"}},
		{"link without href", `<p><a>anchor</a></p>`, 76, []string{"anchor"}},
		{"list", "<ul><li><p>one</p></li><li>two</li></ul>", 76, []string{"  - one", "  - two"}},
		{"list item with two paragraphs joins them", "<ul><li><p>one</p><p>more</p></li></ul>", 76, []string{"  - one more"}},
		{"nested lists flatten", "<ul><li>a<ul><li>b</li></ul></li></ul>", 76, []string{"  - a", "  - b"}},
		{"paragraph after list", "<ul><li>a</li></ul><p>after</p>", 76, []string{"  - a", "", "after"}},
		{"pre keeps layout", "<pre><code>if x {\n    y()\n}\n</code></pre>", 76,
			[]string{"\tif x {", "\t    y()", "\t}"}},
		{"pre with blank line", "<pre>a\n\nb</pre>", 76, []string{"\ta", "", "\tb"}},
		{"note and important are blocks", "<note>Careful.</note><important>Really.</important>", 76,
			[]string{"Careful.", "", "Really."}},
		{"unknown tags dropped", "<p><fullname>Name</fullname> <weird a=1>text</weird></p>", 76, []string{"Name", "", "text"}},
		{"lone less-than", "<p>a < b</p>", 76, []string{"a < b"}},
		{"comment dropped", "<p>a<!-- hidden --> b</p>", 76, []string{"a b"}},
		{"unterminated pre", "<pre>x", 76, []string{"\tx"}},
		{"wrap", "<p>aaa bbb ccc ddd</p>", 7, []string{"aaa bbb", "ccc ddd"}},
		{"long word kept whole", "<p>https://example.com/a/very/long/url ok</p>", 10,
			[]string{"https://example.com/a/very/long/url", "ok"}},
		{"wrapped item indented", "<ul><li>aaa bbb ccc</li></ul>", 10, []string{"  - aaa", "    bbb", "    ccc"}},
		{"headings are paragraphs", "<h2>Title</h2><p>Body.</p>", 76, []string{"Title", "", "Body."}},
		{"single-quoted attribute", `<a href='https://q.example'>q</a>`, 76, []string{"q (https://q.example)"}},
		{"control characters dropped", "a\x00b\r\nc", 76, []string{"ab c"}},
		{"invalid UTF-8 replaced", "a\xffb", 76, []string{"a\uFFFDb"}},
		{"br breaks", "a<br/>b", 76, []string{"a", "", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := codegen.DocText(tt.html, tt.width)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DocText(%q) (-want +got):\n%s", tt.html, diff)
			}
		})
	}
}

// FuzzDocText checks that any input converts without panicking, into lines
// without newlines or raw tags from the input's markup, deterministically.
func FuzzDocText(f *testing.F) {
	for _, s := range []string{
		"<p>a <a href=\"u\">b</a></p>",
		"<ul><li>x<ul><li>y</li></ul></li></ul><pre>z\n w</pre>",
		"<a href='", "<<>>", "<!--", "&amp;&lt;", "<pre><pre></pre>",
		"a&#17;b", "<pre>&#x11;&#xFEFF;</pre>", "<a href=\"&#17;\">x</a>", "&#13;",
	} {
		f.Add(s, 40)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width < 1 || width > 200 {
			width = 76
		}
		a := codegen.DocText(s, width)
		b := codegen.DocText(s, width)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("two conversions differ:\n%s", diff)
		}
		for _, l := range a {
			if strings.Contains(l, "\n") {
				t.Fatalf("line %q contains a newline", l)
			}
			if !utf8.ValidString(l) {
				t.Fatalf("line %q is not valid UTF-8", l)
			}
			for _, r := range l {
				if r != '\t' && (r < 0x20 || r == 0x7f || r == 0xfeff) {
					t.Fatalf("line %q holds control character %U", l, r)
				}
			}
		}
	})
}
