package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// MergeExtras applies a botocore "sdk-extras" overlay (such as
// service-2.sdk-extras.json) to a model document, as botocore's loader
// does when it loads the model (loaders.py ExtrasProcessor, utils.py
// deep_merge): the overlay's "merge" object is merged into the model,
// objects key by key and recursively, anything else replaced. Key order
// is kept, and keys the overlay adds come after the model's (the order
// of Python's dicts), because the order of a structure's members fixes
// the order of its Go fields.
func MergeExtras(model, extras []byte) ([]byte, error) {
	base, err := decodeOrdered(model)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	ext, err := decodeOrdered(extras)
	if err != nil {
		return nil, fmt.Errorf("extras: %w", err)
	}
	bo, ok1 := base.(*ordered)
	eo, ok2 := ext.(*ordered)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("model and extras must be JSON objects")
	}
	if m, ok := eo.vals["merge"].(*ordered); ok {
		deepMerge(bo, m)
	}
	var buf bytes.Buffer
	if err := encodeOrdered(&buf, bo); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ordered is a JSON object that remembers its key order.
type ordered struct {
	keys []string
	vals map[string]any // *ordered, []any, json.Number, string, bool or nil
}

func deepMerge(base, extra *ordered) {
	for _, k := range extra.keys {
		ev := extra.vals[k]
		if bo, ok := base.vals[k].(*ordered); ok {
			if eo, ok := ev.(*ordered); ok {
				deepMerge(bo, eo)
				continue
			}
		}
		if _, ok := base.vals[k]; !ok {
			base.keys = append(base.keys, k)
		}
		base.vals[k] = ev
	}
}

func decodeOrdered(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	v, err := decodeValue(d)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the JSON value")
	}
	return v, nil
}

func decodeValue(d *json.Decoder) (any, error) {
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t {
	case json.Delim('{'):
		o := &ordered{vals: map[string]any{}}
		for d.More() {
			kt, err := d.Token()
			if err != nil {
				return nil, err
			}
			k := kt.(string)
			v, err := decodeValue(d)
			if err != nil {
				return nil, err
			}
			if _, dup := o.vals[k]; !dup {
				o.keys = append(o.keys, k)
			}
			o.vals[k] = v
		}
		_, err := d.Token() // '}'
		return o, err
	case json.Delim('['):
		a := []any{}
		for d.More() {
			v, err := decodeValue(d)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := d.Token() // ']'
		return a, err
	}
	return t, nil
}

func encodeOrdered(w *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case *ordered:
		w.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				w.WriteByte(',')
			}
			kb, err := json.Marshal(k)
			if err != nil {
				return err
			}
			w.Write(kb)
			w.WriteByte(':')
			if err := encodeOrdered(w, x.vals[k]); err != nil {
				return err
			}
		}
		w.WriteByte('}')
	case []any:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(',')
			}
			if err := encodeOrdered(w, e); err != nil {
				return err
			}
		}
		w.WriteByte(']')
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return err
		}
		w.Write(b)
	}
	return nil
}
