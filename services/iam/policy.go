package iam

import (
	"encoding/json"
	"fmt"
	"strings"
)

// IAM returns policy documents (a role's AssumeRolePolicyDocument, a policy
// version's Document, an inline policy's PolicyDocument) URL-encoded, as
// RFC 3986 percent-encoded JSON. boto3 decodes them into dicts after every
// IAM call (botocore's json_decode_policies); goto3 keeps the members as
// the strings IAM sends, and these two functions decode them. Policy
// documents given to IAM (CreateRole, PutRolePolicy, CreatePolicyVersion,
// ...) are plain JSON text, not encoded.

// UnquotePolicyDocument returns the JSON text of a policy document as IAM
// returns it: every %XX escape decoded, "+" kept, anything else (an
// invalid escape, text that was not encoded) left as it is, and invalid
// UTF-8 replaced by U+FFFD, as Python's urllib.parse.unquote, which boto3
// uses.
func UnquotePolicyDocument(doc string) string {
	if !strings.Contains(doc, "%") {
		return doc
	}
	b := make([]byte, 0, len(doc))
	for i := 0; i < len(doc); i++ {
		if doc[i] == '%' && i+2 < len(doc) {
			hi, ok1 := unhex(doc[i+1])
			lo, ok2 := unhex(doc[i+2])
			if ok1 && ok2 {
				b = append(b, hi<<4|lo)
				i += 2
				continue
			}
		}
		b = append(b, doc[i])
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// DecodePolicyDocument decodes a policy document as IAM returns it
// (UnquotePolicyDocument, then JSON) into the value boto3 returns for it:
// objects are map[string]any, arrays []any, and numbers json.Number, so
// that none loses digits. A document that is not a JSON object is an error
// (boto3 then returns the string unchanged). To decode into a struct of
// your own, json.Unmarshal the result of UnquotePolicyDocument.
func DecodePolicyDocument(doc string) (map[string]any, error) {
	d := json.NewDecoder(strings.NewReader(UnquotePolicyDocument(doc)))
	d.UseNumber()
	var v map[string]any
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("iam: decoding a policy document: %w", err)
	}
	if v == nil {
		return nil, fmt.Errorf("iam: decoding a policy document: null")
	}
	if _, err := d.Token(); err == nil {
		return nil, fmt.Errorf("iam: decoding a policy document: data after the JSON object")
	}
	return v, nil
}
