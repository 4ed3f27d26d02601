package jsonutil

// IterInPlace reports whether maps are iterated in place (mapiter.go);
// SetIterInPlace switches the encoder's in-place paths (the iteration,
// and mapOf with its check of runtime types), for the tests of the
// fallbacks, and returns the previous setting.
func IterInPlace() bool {
	checkMaps()
	return iterInPlace
}

func SetIterInPlace(on bool) bool {
	checkMaps()
	old := iterInPlace
	iterInPlace = on && checkIterLayout()
	rtypeKnown = on && checkRtype()
	return old
}
