package jsonutil_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goto3/goto3/protocol/jsonutil"
)

var fuzzSeeds = []string{
	`{}`, `null`, `[1, 2.5e3, -0, "x\u00e9\ud83d\ude00", true, false, null, {"a": {}}]`,
	`{"Str":"s","Int":-7,"Long":9223372036854775807,"Float":1.1,"Double":"NaN","Bool":true}`,
	`{"Blob":"YmluYXJ5","When":1398796238.123,"WhenISO":"2014-04-29T18:30:38Z","Big":1e400}`,
	`{"Dense":["a",null],"Sparse":[null,"b"],"DenseMap":{"a":1,"b":null},"SparseMap":{"x":null}}`,
	`{"Nested":{"Nested":{"Choice":{"__type":"x","B":[1]}}},"Doc":{"a":[1,{"b":null}]},"json_name":"r"}`,
	`"\ud800"`, "\"\xff\"", `{"a":1,}`, `[`, `01`,
}

// FuzzReader: the Reader accepts exactly the documents encoding/json
// accepts (within its depth limit), with the same values, and never
// panics.
func FuzzReader(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := jsonutil.NewReader(data)
		got, err := r.ReadDocument()
		if err == nil {
			err = r.End()
		}
		if errors.Is(err, jsonutil.ErrDepth) {
			return
		}
		valid := json.Valid(data)
		if (err == nil) != valid {
			t.Fatalf("Reader error %v, encoding/json valid %v, for %q", err, valid, data)
		}
		if err != nil {
			return
		}
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var want any
		if err := d.Decode(&want); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		if !cmp.Equal(want, got) {
			t.Fatalf("document of %q: got %#v, encoding/json %#v", data, got, want)
		}
	})
}

// FuzzDecode: decoding any body into the schema never panics, and a
// decoded value encodes to a body that decodes to a value encoding to the
// same bytes, whose decoding gives that value back (decode(encode(x)) is
// x once x is in the form decoding gives).
func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v1, err := decode(t, string(data), jsonutil.DecodeOptions{})
		if err != nil {
			return
		}
		b1, err := jsonutil.AppendStructure(nil, &shKitchen, reflect.ValueOf(v1), jsonutil.EncodeOptions{})
		if err != nil {
			return // a union with two members set, a document NaN, ...
		}
		v2, err := decode(t, string(b1), jsonutil.DecodeOptions{})
		if err != nil {
			t.Fatalf("decoding the encoding %s of %q: %v", b1, data, err)
		}
		b2, err := jsonutil.AppendStructure(nil, &shKitchen, reflect.ValueOf(v2), jsonutil.EncodeOptions{})
		if err != nil {
			t.Fatalf("encoding again: %v", err)
		}
		if !bytes.Equal(b1, b2) {
			t.Fatalf("encodings differ:\n%s\n%s", b1, b2)
		}
		v3, err := decode(t, string(b2), jsonutil.DecodeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(v2, v3, cmpopts.EquateNaNs()); diff != "" {
			t.Fatalf("decode(encode(x)) differs from x (-x +got):\n%s", diff)
		}
	})
}
