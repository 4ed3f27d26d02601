package jsonutil

// IterInPlace reports whether maps are iterated in place (mapiter.go);
// SetIterInPlace switches the encoder's in-place paths (the iteration,
// and mapOf with its check of runtime types), for the tests of the
// fallbacks, and returns the previous setting.
func IterInPlace() bool { return iterInPlace }

func SetIterInPlace(on bool) bool {
	old := iterInPlace
	iterInPlace = on && checkIterLayout()
	rtypeKnown = on && checkRtype()
	return old
}

// AssignInPlace reports whether maps are filled in place (mapassign.go);
// SetAssignInPlace switches it and returns the previous setting.
func AssignInPlace() bool { return assignInPlace }

func SetAssignInPlace(on bool) bool {
	old := assignInPlace
	assignInPlace = on && checkRtype() && checkMapAssign()
	return old
}
