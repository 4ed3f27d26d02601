package protocol_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/goto3/goto3/protocol"
)

func TestMissing(t *testing.T) {
	s := "x"
	var nilAny any
	for _, tc := range []struct {
		v    any
		want bool
	}{
		{"", true}, {"x", false},
		{(*string)(nil), true}, {&s, false},
		{[]byte(nil), true}, {[]byte{}, false},
		{[]string(nil), true}, {[]string{}, false},
		{map[string]int(nil), true}, {map[string]int{}, false},
		{time.Time{}, true}, {time.Unix(0, 1), false},
		{0, false}, {false, false}, {struct{}{}, false},
	} {
		if got := protocol.Missing(reflect.ValueOf(tc.v)); got != tc.want {
			t.Errorf("Missing(%#v) = %v, want %v", tc.v, got, tc.want)
		}
	}
	if !protocol.Missing(reflect.ValueOf(&nilAny).Elem()) {
		t.Error("a nil interface is not missing")
	}
}
