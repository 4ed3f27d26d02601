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

// TestOperationErrorShape: an error code names the operation's error
// first, then the service's, where a code two errors share names the last
// in the model's order, as botocore's client.exceptions (CloudWatch's
// DashboardNotFoundError and ResourceNotFound share ResourceNotFound);
// a shape's name is the last resort.
func TestOperationErrorShape(t *testing.T) {
	dashboard := &protocol.Shape{Name: "DashboardNotFoundError", ErrorCode: "ResourceNotFound", Exception: true}
	resource := &protocol.Shape{Name: "ResourceNotFound", ErrorCode: "ResourceNotFound", Exception: true}
	queue := &protocol.Shape{Name: "QueueDoesNotExist", ErrorCode: "AWS.SimpleQueueService.NonExistentQueue", Exception: true}
	svc := &protocol.Service{Errors: []*protocol.Shape{dashboard, queue, resource}}
	getDashboard := &protocol.Operation{Service: svc, Name: "GetDashboard", Errors: []*protocol.Shape{dashboard}}
	deleteAlarms := &protocol.Operation{Service: svc, Name: "DeleteAlarms"}
	for _, tt := range []struct {
		name string
		op   *protocol.Operation
		code string
		want *protocol.Shape
	}{
		{"the operation's own error", getDashboard, "ResourceNotFound", dashboard},
		{"the service's last of a shared code", deleteAlarms, "ResourceNotFound", resource},
		{"by shape name", deleteAlarms, "QueueDoesNotExist", queue},
		{"by code", deleteAlarms, "AWS.SimpleQueueService.NonExistentQueue", queue},
		{"unknown", deleteAlarms, "Throttling", nil},
		{"empty code", deleteAlarms, "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.op.ErrorShape(tt.code); got != tt.want {
				t.Errorf("ErrorShape(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}
