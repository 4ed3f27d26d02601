package endpoints

import "fmt"

// Params holds the parameter values of one endpoint resolution. A nil
// pointer means the parameter is not set (and takes the rule set's default,
// if any); fields that the rule set does not declare are ignored, so one
// Params type serves every service. The zero value is an empty set.
//
// Parameters without a field here go in Other by name. Set fills either by
// name, and (*RuleSet).SetBuiltIn by built-in name such as "AWS::Region".
// Resolve does not retain p or anything it points to.
type Params struct {
	Region                         *string
	UseFIPS                        *bool
	UseDualStack                   *bool
	Endpoint                       *string
	Bucket                         *string
	ForcePathStyle                 *bool
	Accelerate                     *bool
	UseGlobalEndpoint              *bool
	UseObjectLambdaEndpoint        *bool
	Key                            *string
	Prefix                         *string
	CopySource                     *string
	DisableAccessPoints            *bool
	DisableMultiRegionAccessPoints *bool
	UseArnRegion                   *bool
	UseS3ExpressControlEndpoint    *bool
	DisableS3ExpressSessionAuth    *bool

	// Other holds parameters that have no field above, by their rule-set
	// name. Values are string, bool or []string (nil means unset).
	Other map[string]any
}

// fieldNames lists the Params fields in order; the index is the field id.
var fieldNames = [...]string{
	"Region", "UseFIPS", "UseDualStack", "Endpoint", "Bucket", "ForcePathStyle",
	"Accelerate", "UseGlobalEndpoint", "UseObjectLambdaEndpoint", "Key", "Prefix",
	"CopySource", "DisableAccessPoints", "DisableMultiRegionAccessPoints",
	"UseArnRegion", "UseS3ExpressControlEndpoint", "DisableS3ExpressSessionAuth",
}

const numFields = len(fieldNames)

func fieldIndex(name string) int {
	for i, n := range fieldNames {
		if n == name {
			return i
		}
	}
	return -1
}

func optString(s *string) value {
	if s == nil {
		return value{}
	}
	return value{k: kindString, s: *s}
}

func optBool(b *bool) value {
	if b == nil {
		return value{}
	}
	return value{k: kindBool, b: *b}
}

// field returns the value of field i.
func (p *Params) field(i int) value {
	switch i {
	case 0:
		return optString(p.Region)
	case 1:
		return optBool(p.UseFIPS)
	case 2:
		return optBool(p.UseDualStack)
	case 3:
		return optString(p.Endpoint)
	case 4:
		return optString(p.Bucket)
	case 5:
		return optBool(p.ForcePathStyle)
	case 6:
		return optBool(p.Accelerate)
	case 7:
		return optBool(p.UseGlobalEndpoint)
	case 8:
		return optBool(p.UseObjectLambdaEndpoint)
	case 9:
		return optString(p.Key)
	case 10:
		return optString(p.Prefix)
	case 11:
		return optString(p.CopySource)
	case 12:
		return optBool(p.DisableAccessPoints)
	case 13:
		return optBool(p.DisableMultiRegionAccessPoints)
	case 14:
		return optBool(p.UseArnRegion)
	case 15:
		return optBool(p.UseS3ExpressControlEndpoint)
	case 16:
		return optBool(p.DisableS3ExpressSessionAuth)
	}
	return value{}
}

// Set sets the parameter called name to v (string, *string, bool, *bool,
// []string, []any of strings, or nil to unset). Names with a field set the
// field; other names go to Other. It fails when v's type does not suit the
// field.
func (p *Params) Set(name string, v any) error {
	i := fieldIndex(name)
	if i < 0 {
		if _, ok := fromAny(v); !ok {
			return fmt.Errorf("endpoints: parameter %q: unsupported value type %T", name, v)
		}
		if p.Other == nil {
			p.Other = map[string]any{}
		}
		p.Other[name] = v
		return nil
	}
	val, ok := fromAny(v)
	if !ok || val.k == kindArray {
		return fmt.Errorf("endpoints: parameter %q: unsupported value type %T", name, v)
	}
	var sp **string
	var bp **bool
	switch i {
	case 0:
		sp = &p.Region
	case 1:
		bp = &p.UseFIPS
	case 2:
		bp = &p.UseDualStack
	case 3:
		sp = &p.Endpoint
	case 4:
		sp = &p.Bucket
	case 5:
		bp = &p.ForcePathStyle
	case 6:
		bp = &p.Accelerate
	case 7:
		bp = &p.UseGlobalEndpoint
	case 8:
		bp = &p.UseObjectLambdaEndpoint
	case 9:
		sp = &p.Key
	case 10:
		sp = &p.Prefix
	case 11:
		sp = &p.CopySource
	case 12:
		bp = &p.DisableAccessPoints
	case 13:
		bp = &p.DisableMultiRegionAccessPoints
	case 14:
		bp = &p.UseArnRegion
	case 15:
		bp = &p.UseS3ExpressControlEndpoint
	case 16:
		bp = &p.DisableS3ExpressSessionAuth
	}
	switch {
	case val.k == kindNone && sp != nil:
		*sp = nil
	case val.k == kindNone:
		*bp = nil
	case val.k == kindString && sp != nil:
		s := val.s
		*sp = &s
	case val.k == kindBool && bp != nil:
		b := val.b
		*bp = &b
	default:
		return fmt.Errorf("endpoints: parameter %q: unsupported value type %T", name, v)
	}
	return nil
}
