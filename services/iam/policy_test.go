package iam_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/services/iam"
)

// Policy documents decode as boto3 decodes them (botocore's
// json_decode_policies; testdata/gen_policy.py): the same unquoted text and
// the same value, or an error where boto3 keeps the string.
func TestDecodePolicyDocumentBotocore(t *testing.T) {
	raw, err := os.ReadFile("testdata/policy.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Name, Document, Unquoted string
			Decoded                  json.RawMessage
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, tc := range doc.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			if got := iam.UnquotePolicyDocument(tc.Document); got != tc.Unquoted {
				t.Errorf("UnquotePolicyDocument:\n got %s\nwant %s", got, tc.Unquoted)
			}
			got, err := iam.DecodePolicyDocument(tc.Document)
			if tc.Decoded == nil {
				if err == nil {
					t.Errorf("got %v, want an error (boto3 keeps the string)", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]any
			d := json.NewDecoder(bytes.NewReader(tc.Decoded))
			d.UseNumber()
			if err := d.Decode(&want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("DecodePolicyDocument (-boto3 +goto3):\n%s", diff)
			}
		})
	}
}
