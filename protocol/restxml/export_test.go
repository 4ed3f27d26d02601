package restxml

import "github.com/goto3/goto3/protocol/internal/restbind"

// ParseIMFFixdate exposes the allocation-free HTTP date parser to tests.
var ParseIMFFixdate = restbind.ParseIMFFixdate
