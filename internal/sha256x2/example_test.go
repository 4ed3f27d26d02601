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
