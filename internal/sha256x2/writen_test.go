package sha256x2_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/goto3/goto3/internal/sha256x2"
)

func TestWriteNBasic(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	src := randBytes(r, 1<<16)
	forEachPath(t, func(t *testing.T) {
		for n := 0; n <= 4; n++ {
			t.Run(fmt.Sprint(n), func(t *testing.T) {
				ds := make([]*sha256x2.Digest, n)
				ps := make([][]byte, n)
				for i := range n {
					ds[i] = sha256x2.New()
					ps[i] = src[1000*i+i:][:5000+100*i]
				}
				sha256x2.WriteN(ds, ps)
				for i := range n {
					if got, want := sum(ds[i]), want(ps[i]); got != want {
						t.Errorf("message %d: got %s, want %s", i, got, want)
					}
				}
			})
		}
	})
}
