package jsonutil

import "testing"

func TestKeyPrefixExhaustive(t *testing.T) {
	for _, s := range []string{"", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi", "\xff\x00\x01", "zz\x00\x00\xff"} {
		var want uint64
		for i := 0; i < 8; i++ {
			want <<= 8
			if i < len(s) {
				want |= uint64(s[i])
			}
		}
		if got := keyPrefix(s); got != want {
			t.Errorf("keyPrefix(%q) = %x, want %x", s, got, want)
		}
	}
}
