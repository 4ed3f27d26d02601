package endpoints

import (
	"errors"
	"strings"
)

// ARN is an Amazon Resource Name split into its fields, as aws.parseArn
// sees it: arn:<partition>:<service>:<region>:<account-id>:<resource>.
type ARN struct {
	Partition string
	Service   string
	Region    string // may be empty
	AccountID string // may be empty
	Resource  string // everything after the fifth colon
}

// ErrInvalidARN is returned by ParseARN for a string that is not an ARN.
var ErrInvalidARN = errors.New("endpoints: invalid ARN")

// ParseARN splits s into an ARN. The partition, service and resource must be
// non-empty; region and account may be empty. It never panics.
func ParseARN(s string) (ARN, error) {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return ARN{}, ErrInvalidARN
	}
	var f [4]string
	for i := range f {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return ARN{}, ErrInvalidARN
		}
		f[i], rest = rest[:j], rest[j+1:]
	}
	a := ARN{Partition: f[0], Service: f[1], Region: f[2], AccountID: f[3], Resource: rest}
	if a.Partition == "" || a.Service == "" || a.Resource == "" {
		return ARN{}, ErrInvalidARN
	}
	return a, nil
}

// ResourceID splits the resource on ':' and '/', the way the rules
// language's resourceId attribute does: "accesspoint/name" gives
// ["accesspoint", "name"], "outpost:op-1:" gives ["outpost", "op-1", ""].
func (a ARN) ResourceID() []string {
	return splitResource(a.Resource)
}

func splitResource(r string) []string {
	n := 1
	for i := 0; i < len(r); i++ {
		if r[i] == ':' || r[i] == '/' {
			n++
		}
	}
	out := make([]string, 0, n)
	start := 0
	for i := 0; i < len(r); i++ {
		if r[i] == ':' || r[i] == '/' {
			out = append(out, r[start:i])
			start = i + 1
		}
	}
	return append(out, r[start:])
}

// arnObject is the record aws.parseArn returns.
type arnObject struct {
	a   ARN
	ids arrayValue
}

func newARNObject(a ARN) *arnObject {
	parts := splitResource(a.Resource)
	ids := make(arrayValue, len(parts))
	for i, p := range parts {
		ids[i] = stringValue(p)
	}
	return &arnObject{a: a, ids: ids}
}

func (o *arnObject) attr(a attrID) Value {
	if a == attrResourceID {
		return Value{k: kindArray, obj: o.ids}
	}
	if s, ok := o.attrString(a); ok {
		return stringValue(s)
	}
	return Value{}
}

func (o *arnObject) attrString(a attrID) (string, bool) {
	switch a {
	case attrPartition:
		return o.a.Partition, true
	case attrService:
		return o.a.Service, true
	case attrRegion:
		return o.a.Region, true
	case attrAccountID:
		return o.a.AccountID, true
	}
	return "", false
}

func (o *arnObject) index(int) Value { return Value{} }

// same compares the ARNs; ids follow from a.
func (o *arnObject) same(x object) bool { p, ok := x.(*arnObject); return ok && o.a == p.a }
