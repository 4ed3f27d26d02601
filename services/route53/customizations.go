package route53

import (
	"context"
	"reflect"
	"strings"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
)

// Route 53's customizations (botocore's handlers.py):
//
//   - Ids as Route 53 returns them may be passed back as they are: an
//     input member whose model shape is ResourceId, DelegationSetId or
//     ChangeId ("HostedZoneId", "Id", "DelegationSetId",
//     "HostedZoneIdMarker", ... in 34 operations) keeps only the text after
//     its last "/", so that a hosted zone's Id "/hostedzone/Z1PA6795UKMFR9"
//     or a change's "/change/C2682N5HXP0BZ4" is sent as "Z1PA6795UKMFR9" and
//     "C2682N5HXP0BZ4" (fix_route53_ids). Which members is read from the
//     schema, not listed by hand; the caller's input is never changed (the
//     call sends a copy).
//   - PriorRequestNotComplete (botocore's legacy retry table for route53)
//     is a throttling error in every retry mode (package retry), so
//     needs nothing here.

// clientState is Route 53's state shared with per-call clients: none.
type clientState struct{}

func newClientState() clientState { return clientState{} }

// fromConfig reads Route 53's own settings: none.
func (o *Options) fromConfig(*goto3.Config) error { return nil }

// customize sets Route 53's customizations in po.
func (c *Client) customize(_ *Options, po *pipeline.Options, _ *EndpointParameters) error {
	po.Custom.PrepareInput = stripIDPrefixes
	return nil
}

// isIDShape reports whether a member of shape sh holds an id that
// fix_route53_ids shortens.
func isIDShape(sh *protocol.Shape) bool {
	if sh == nil || sh.Type != protocol.TypeString {
		return false
	}
	switch sh.Name {
	case "ResourceId", "DelegationSetId", "ChangeId":
		return true
	}
	return false
}

// stripIDPrefixes replaces call.Input with a copy in which every top-level
// id member (isIDShape) that contains a "/" keeps only what follows its
// last one. Nested members are left alone, as botocore does.
func stripIDPrefixes(_ context.Context, call *pipeline.Call) error {
	sh := call.Operation.Input
	if sh == nil || call.Input == nil {
		return nil
	}
	in := reflect.ValueOf(call.Input)
	if in.Kind() != reflect.Pointer || in.IsNil() {
		return nil
	}
	in = in.Elem()
	var cp reflect.Value // the copy, once one is needed
	for i := range sh.Members {
		m := &sh.Members[i]
		if m.Field < 0 || !isIDShape(m.Shape) {
			continue
		}
		f := in.Field(m.Field)
		ptr := f.Kind() == reflect.Pointer
		if ptr && f.IsNil() {
			continue
		}
		s := reflect.Indirect(f).String()
		j := strings.LastIndexByte(s, '/')
		if j < 0 {
			continue
		}
		if !cp.IsValid() {
			cp = reflect.New(in.Type())
			cp.Elem().Set(in)
		}
		dst := cp.Elem().Field(m.Field)
		if ptr {
			v := reflect.New(f.Type().Elem())
			v.Elem().SetString(s[j+1:])
			dst.Set(v)
		} else {
			dst.SetString(s[j+1:])
		}
	}
	if cp.IsValid() {
		call.Input = cp.Interface()
	}
	return nil
}
