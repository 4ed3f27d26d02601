// Package template checks Amazon SES email templates (ses.Template) and the
// data of templated sends before any request, and creates or updates a
// checked template.
//
// SES stores a template without looking at it and fails later, per message:
// SendTemplatedEmail and SendBulkTemplatedEmail succeed, then the message is
// dropped with a rendering failure when the template is malformed or its
// data lacks a referenced attribute. This package finds those faults
// locally:
//
//   - CheckName checks a template name against SES's rules (1 to 64 ASCII
//     letters, digits, '_' and '-').
//   - Check checks a whole template: its name, the Handlebars placeholders
//     of the subject, text and HTML parts (the subset SES supports:
//     references, comments, the built-in blocks if, unless, each and with,
//     sections, lookup and log), and the well-formedness of the HTML part.
//     Its Report lists the placeholders and paths the template reads.
//   - CheckData checks the TemplateData of a send against a template: at
//     most MaxDataLength bytes of one JSON object that supplies every path
//     the template renders with it, following Handlebars' rules for which
//     branches render.
//   - Ensure runs Check, then creates the template through an *ses.Client,
//     or updates it when it exists (the boto3 pattern).
//
// The Handlebars rules follow handlebars.js 4.7 as SES uses it; the tests
// compare Check and CheckData with vectors recorded from the real
// Handlebars (testdata/README.md).
//
// # Errors
//
// Check returns an error joining one *Error per faulty part (errors.Join;
// match with errors.As), each naming the part, and the line and column of
// its first fault. CheckData returns the template's errors, or a *DataError
// listing every missing path. Their messages start with `ses: template
// "name":`. Ensure returns the errors of the calls wrapped, so errors.As
// still finds the *goto3.OperationError, the *goto3.APIError and the
// modelled SES errors.
//
// # Contracts
//
// Check, CheckName and CheckData do no I/O, keep no state, never modify the
// template and are safe for concurrent use; their work is linear in the size
// of the template (and of the data). A Report, an Error and a DataError are
// plain values owned by the caller. Ensure sends requests through the
// client it is given and is safe for concurrent use as the client is; two
// concurrent Ensure calls for the same name leave whichever template SES
// stored last. There are no bodies to close.
//
// The package name is that of the standard library's text/template and
// html/template: a file importing both renames one of them.
package template
