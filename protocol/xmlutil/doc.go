// Package xmlutil is the schema-driven XML decoder and encoder shared by the
// REST-XML, Query and EC2 codecs.
//
// Decoding is streaming: a Decoder pulls tokens from an io.Reader through its
// own buffer (which grows only up to DecodeOptions.MaxTokenSize) and writes
// straight into the Go values that a protocol.Shape describes, reaching
// struct fields by Member.Field. It does not build a tree and does not use
// encoding/xml, so a ListObjectsV2 page of 1000 keys costs a few allocations
// per key. Elements are matched by local name (namespace prefixes are
// ignored, as botocore does); unknown elements are skipped; empty and
// self-closing elements give empty strings (numbers, booleans and timestamps
// stay unset); entities, character references and CDATA are resolved;
// comments, processing instructions and a DOCTYPE are skipped (entities it
// declares are not expanded). Nesting beyond DecodeOptions.MaxDepth and
// tokens beyond MaxTokenSize fail with an error wrapping ErrLimit, so hostile
// input cannot make the decoder allocate without bound; malformed XML yields
// a *SyntaxError. Nothing panics on bad input.
//
// The two entry points:
//
//	// Whole document: the root element's children fill v.
//	err := xmlutil.Decode(body, op.Output, reflect.ValueOf(out), xmlutil.DecodeOptions{})
//
//	// Walk to a sub-tree first (Query's <OpResponse><OpResult>):
//	d := xmlutil.NewDecoder(body, xmlutil.DecodeOptions{})
//	root, err := d.Root()
//	for {
//		child, ok, err := d.NextChild()   // ok == false: root's end consumed
//		...
//		if child.Name == "DescribeThingResult" {
//			err = xmlutil.DecodeElement(d, child, op.Output, reflect.ValueOf(out))
//		} else {
//			err = d.Skip()                // or text, err := d.Text()
//		}
//	}
//
// Structures decode from child elements named by MemberElementName and from
// attributes (xmlAttribute members, e.g. S3's xsi:type); a non-flattened
// list takes every child element as an item (so "member", "item" or any
// locationName work); a flattened list or map collects the repeated member
// elements; maps read <entry><key/><value/></entry> (or the key/value
// locationNames). Members whose location is not the body (headers, URI,
// status code) are ignored. Timestamps are parsed leniently, as botocore
// does: ISO 8601, HTTP dates and epoch seconds are all accepted whatever the
// declared format. Blobs are base64. Floats accept NaN, Infinity, -Infinity.
//
// Encoding: AppendElement appends one element for a schema-described value
// (xmlNamespace declarations, xmlAttribute members, flattened and wrapped
// lists with "member" or the member's locationName, maps with entry/key/value
// or their locationNames, timestamps in ISO 8601 unless timestampFormat says
// otherwise, blobs base64, floats via FormatFloat).
//
// With DecodeOptions.SizeHint (an HTTP Content-Length) a list directly under
// the root element gets, after its first item, the capacity the rest of the
// document would fill, capped at 16384 items, rather than growing by
// doubling.
//
// FormatTimestamp, ParseTimestamp and FormatFloat are also what the codecs
// use for headers, URI labels and query strings.
//
// A Decoder is not safe for concurrent use; the package functions are. The
// zero DecodeOptions and EncodeOptions are ready to use. Callers own and
// close the readers they pass in; a Decoder never closes them, and once the
// root element's end tag is reached it reads no further (it may have
// buffered up to one read beyond it).
package xmlutil
