package pipeline_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
)

type vAttr struct {
	S *string
	M map[string]vAttr
	L []vAttr
}

type vLine struct {
	Label string
	Next  *vLine
}

type vInput struct {
	Items  map[string][]vLine
	Values map[string]vAttr
}

var (
	vString = protocol.Shape{Name: "String", Type: protocol.TypeString}
	vAttrSh = protocol.Shape{Name: "Attr", Type: protocol.TypeStructure, Union: true, Payload: -1}
	vAttrM  = protocol.Shape{Name: "AttrMap", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &vString}, Value: &protocol.Member{Field: -1, Shape: &vAttrSh}}
	vAttrL  = protocol.Shape{Name: "AttrList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &vAttrSh}}
	vLineSh = protocol.Shape{Name: "Line", Type: protocol.TypeStructure, Payload: -1}
	vLines  = protocol.Shape{Name: "Lines", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &vLineSh}}
	vItems  = protocol.Shape{Name: "Items", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &vString}, Value: &protocol.Member{Field: -1, Shape: &vLines}}
	vInSh   = protocol.Shape{Name: "Input", Type: protocol.TypeStructure, Payload: -1, Members: []protocol.Member{
		{Name: "Items", Field: 0, Shape: &vItems}, {Name: "Values", Field: 1, Shape: &vAttrM}}}
)

func init() {
	vAttrSh.Members = []protocol.Member{{Name: "S", Field: 0, Shape: &vString}, {Name: "M", Field: 1, Shape: &vAttrM}, {Name: "L", Field: 2, Shape: &vAttrL}}
	// The required member sits at the end of a recursive structure.
	vLineSh.Members = []protocol.Member{{Name: "Label", Field: 0, Shape: &vString, Required: true}, {Name: "Next", Field: 1, Shape: &vLineSh}}
}

// TestValidateWalksOnlyWhatMayFail: values whose shapes hold no required
// member anywhere (a recursive union such as DynamoDB's AttributeValue)
// are not walked; those that do are, through maps, lists and pointers.
func TestValidateWalksOnlyWhatMayFail(t *testing.T) {
	for _, tt := range []struct {
		sh   *protocol.Shape
		want bool
	}{
		{&vAttrSh, false}, {&vAttrM, false}, {&vAttrL, false}, {&vString, false},
		{&vLineSh, true}, {&vLines, true}, {&vItems, true}, {&vInSh, true},
	} {
		if got := pipeline.Checked(tt.sh); got != tt.want {
			t.Errorf("Checked(%s): got %v, want %v", tt.sh.Name, got, tt.want)
		}
	}
	s := "v"
	in := vInput{
		Items:  map[string][]vLine{"k": {{Label: "a", Next: &vLine{Label: "b"}}, {Label: "c", Next: &vLine{Next: &vLine{Label: "e"}}}}},
		Values: map[string]vAttr{"x": {M: map[string]vAttr{"y": {L: []vAttr{{S: &s}}}}}},
	}
	err := pipeline.ValidateStruct(&vInSh, reflect.ValueOf(in), 0)
	var ve *goto3.ValidationError
	if !errors.As(err, &ve) || ve.Member != `Items["k"][1].Next.Label` {
		t.Errorf("got %v, want a ValidationError for Items[\"k\"][1].Next.Label", err)
	}
	in.Items["k"][1].Next.Label = "d"
	if err := pipeline.ValidateStruct(&vInSh, reflect.ValueOf(in), 0); err != nil {
		t.Errorf("got %v for a valid input", err)
	}
}
