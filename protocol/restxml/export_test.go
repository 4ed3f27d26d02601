package restxml

// ParseIMFFixdate exposes the allocation-free HTTP date parser to tests.
var ParseIMFFixdate = parseIMFFixdate
