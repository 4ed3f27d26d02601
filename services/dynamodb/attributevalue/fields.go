package attributevalue

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// TagKey is the struct tag goto3 reads: `dynamodb:"name,options"`.
const TagKey = "dynamodb"

// setKind is the set type a tag asks for.
type setKind uint8

const (
	noSet setKind = iota
	stringSet
	numberSet
	binarySet
)

func (k setKind) String() string {
	return [...]string{"", "stringset", "numberset", "binaryset"}[k]
}

// field is one attribute of a struct type: a field of the struct or of a
// struct embedded in it.
type field struct {
	name      string
	index     []int // the path of field indexes, through embedded structs
	typ       reflect.Type
	tagged    bool // the name comes from the tag
	omitEmpty bool
	omitZero  bool
	set       setKind
	direct    bool // directType(typ): UnmarshalItemJSON reads it straight
}

// structFields is the attribute list of a struct type.
type structFields struct {
	list   []field
	byName map[string]int
	sorted []int // list's indexes in the order of the names
	err    error // a malformed tag
	// order is the list indexes of the attributes of the first M that
	// UnmarshalItemJSON read into the type, in their order (-1 for a name
	// without a field): the order to try first.
	order atomic.Pointer[[]int]
}

var fieldCache sync.Map // reflect.Type -> *structFields

func cachedFields(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f, _ := fieldCache.LoadOrStore(t, typeFields(t))
	return f.(*structFields)
}

// parseTag splits a dynamodb tag into its name and options.
func parseTag(tag string) (name string, omitEmpty, omitZero bool, set setKind, err error) {
	name, opts, _ := strings.Cut(tag, ",")
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		switch o {
		case "omitempty":
			omitEmpty = true
		case "omitzero":
			omitZero = true
		case "stringset", "numberset", "binaryset":
			if set != noSet {
				return "", false, false, 0, fmt.Errorf("tag %q names two set types", tag)
			}
			set = map[string]setKind{"stringset": stringSet, "numberset": numberSet, "binaryset": binarySet}[o]
		case "":
		default:
			return "", false, false, 0, fmt.Errorf("tag %q: unknown option %q", tag, o)
		}
	}
	return name, omitEmpty, omitZero, set, nil
}

// typeFields lists the attributes of struct type t with encoding/json's
// rules: exported fields (and the exported fields of embedded structs,
// flattened, whether the embedded type is exported or not), named by their
// tag or their Go name, a "-" tag leaving a field out. When several fields
// have one name, the shallowest wins, then the tagged one at that depth;
// two left at the same depth cancel each other out.
func typeFields(t reflect.Type) *structFields {
	type queued struct {
		typ   reflect.Type
		index []int
	}
	var found []field
	var tagErr error
	current := []queued{{typ: t}}
	visited := map[reflect.Type]bool{}
	for len(current) > 0 {
		var next []queued
		// count of names at this depth, to detect duplicates
		for _, q := range current {
			if visited[q.typ] {
				continue
			}
			visited[q.typ] = true
			for i := 0; i < q.typ.NumField(); i++ {
				sf := q.typ.Field(i)
				ft := sf.Type
				if sf.Anonymous {
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get(TagKey)
				if tag == "-" {
					continue
				}
				name, omitEmpty, omitZero, set, err := parseTag(tag)
				if err != nil {
					if tagErr == nil {
						tagErr = fmt.Errorf("field %s of %s: %v", sf.Name, t, err)
					}
					continue
				}
				index := append(append([]int(nil), q.index...), i)
				if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
					next = append(next, queued{typ: ft, index: index})
					continue
				}
				f := field{name: name, index: index, typ: sf.Type, tagged: name != "",
					omitEmpty: omitEmpty, omitZero: omitZero, set: set, direct: directType(sf.Type)}
				if f.name == "" {
					f.name = sf.Name
				}
				found = append(found, f)
			}
		}
		current = next
	}
	// Keep, per name, the dominant field: the shallowest, then the tagged
	// one; drop names that stay ambiguous.
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.name != b.name {
			return a.name < b.name
		}
		if len(a.index) != len(b.index) {
			return len(a.index) < len(b.index)
		}
		return a.tagged && !b.tagged
	})
	out := found[:0]
	for i := 0; i < len(found); {
		j := i + 1
		for j < len(found) && found[j].name == found[i].name {
			j++
		}
		group := found[i:j]
		i = j
		if len(group) > 1 && len(group[0].index) == len(group[1].index) && group[0].tagged == group[1].tagged {
			continue // ambiguous
		}
		out = append(out, group[0])
	}
	// Back in the order of the struct's fields.
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].index, out[j].index
		for k := 0; k < len(a) && k < len(b); k++ {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return len(a) < len(b)
	})
	sf := &structFields{list: out, byName: make(map[string]int, len(out)), err: tagErr}
	for i, f := range out {
		sf.byName[f.name] = i
		sf.sorted = append(sf.sorted, i)
	}
	sort.Slice(sf.sorted, func(a, b int) bool { return out[sf.sorted[a]].name < out[sf.sorted[b]].name })
	return sf
}
