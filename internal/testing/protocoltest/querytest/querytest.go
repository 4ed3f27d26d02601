package querytest

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goto3/goto3/protocol"
)

// Codec is the API of protocol/query and protocol/ec2query.
type Codec struct {
	MarshalRequest    func(*http.Request, *protocol.Operation, any, protocol.MarshalOptions) error
	UnmarshalResponse func(*http.Response, *protocol.Operation, any) error
	UnmarshalError    func(*http.Response, *protocol.Operation) *protocol.ResponseError
	// Build, when set, runs after MarshalRequest as the request pipeline's
	// build stage does (request compression).
	Build func(*http.Request, *protocol.Operation) error
}

// compareJSON compares an expected JSON value with a produced one after a
// round trip through encoding/json, so that numbers are float64 on both
// sides; fractional epoch seconds compare to the microsecond.
func compareJSON(t *testing.T, want, got any) {
	t.Helper()
	w, g := normalize(t, want), normalize(t, got)
	if w == nil {
		w = map[string]any{}
	}
	if g == nil {
		g = map[string]any{}
	}
	if diff := cmp.Diff(w, g, cmpopts.EquateApprox(0, 1e-6), cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func normalize(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("json: %v", err)
	}
	return out
}
