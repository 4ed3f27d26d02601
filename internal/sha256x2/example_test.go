package sha256x2_test

import (
	"fmt"

	"github.com/goto3/goto3/internal/sha256x2"
)

// Two upload parts hashed side by side for their x-amz-content-sha256
// headers.
func Example() {
	part1 := []byte("abc")
	part2 := []byte("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
	d, e := sha256x2.New(), sha256x2.New()
	sha256x2.Write2(d, part1, e, part2)
	fmt.Printf("%x\n%x\n", d.Sum(nil), e.Sum(nil))
	// Output:
	// ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	// 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1
}

// Four upload parts hashed side by side.
func ExampleWriteN() {
	parts := [][]byte{[]byte("abc"), []byte(""), []byte("abc"), []byte("part four")}
	ds := []*sha256x2.Digest{sha256x2.New(), sha256x2.New(), sha256x2.New(), sha256x2.New()}
	sha256x2.WriteN(ds, parts)
	for _, d := range ds {
		fmt.Printf("%x\n", d.Sum(nil)[:8])
	}
	// Output:
	// ba7816bf8f01cfea
	// e3b0c44298fc1c14
	// ba7816bf8f01cfea
	// 154765e2ac57d758
}
