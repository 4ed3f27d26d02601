package jsonutil

// IterInPlace reports whether maps are iterated in place (mapiter.go);
// SetIterInPlace switches it, for the tests of the copying fallback, and
// returns the previous setting.
func IterInPlace() bool { return iterInPlace }

func SetIterInPlace(on bool) bool {
	old := iterInPlace
	iterInPlace = on && checkIterLayout()
	return old
}
