package protocol_test

import (
	"reflect"
	"testing"

	"github.com/goto3/goto3/protocol"
)

type thing struct{ Name *string }

type other struct{ N int32 }

func TestShapeReflectType(t *testing.T) {
	tests := []struct {
		name  string
		shape protocol.Shape
		want  reflect.Type
	}{
		{"none", protocol.Shape{Type: protocol.TypeStructure}, nil},
		{"GoType", protocol.Shape{Type: protocol.TypeStructure, GoType: reflect.TypeFor[thing]()}, reflect.TypeFor[thing]()},
		{"NilPtr", protocol.Shape{Type: protocol.TypeStructure, NilPtr: (*thing)(nil)}, reflect.TypeFor[thing]()},
		{"GoType wins", protocol.Shape{Type: protocol.TypeStructure, GoType: reflect.TypeFor[other](), NilPtr: (*thing)(nil)}, reflect.TypeFor[other]()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.shape.ReflectType(); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
