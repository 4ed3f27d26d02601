package awsquery

import (
	"errors"
	"reflect"

	"github.com/goto3/goto3/protocol"
)

// decodeDocument decodes the children of doc's root element into v.
// TODO: wire to protocol/xmlutil once it is committed.
func decodeDocument(doc []byte, shape *protocol.Shape, v reflect.Value, d Dialect) error {
	return errors.New("awsquery: XML decoding not wired yet")
}
