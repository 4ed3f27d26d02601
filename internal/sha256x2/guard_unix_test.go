//go:build unix

package sha256x2_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"

	"github.com/goto3/goto3/internal/sha256x2"
)

// guarded maps n readable bytes between two PROT_NONE pages and returns
// them twice: ending exactly where the page after starts (tail) and
// starting exactly where the page before ends (head). A kernel that reads
// one byte beyond either end of its input faults.
func guarded(t *testing.T, n int) (head, tail []byte) {
	t.Helper()
	pg := syscall.Getpagesize()
	body := (n + pg - 1) / pg * pg
	if body == 0 {
		body = pg
	}
	m, err := syscall.Mmap(-1, 0, body+2*pg, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Skipf("cannot map guard pages: %v", err)
	}
	t.Cleanup(func() { syscall.Munmap(m) })
	if err := syscall.Mprotect(m[:pg], syscall.PROT_NONE); err != nil {
		t.Skipf("cannot protect a guard page: %v", err)
	}
	if err := syscall.Mprotect(m[pg+body:], syscall.PROT_NONE); err != nil {
		t.Skipf("cannot protect a guard page: %v", err)
	}
	r := rand.New(rand.NewPCG(uint64(n), 3))
	for i := pg; i < pg+body; i++ {
		m[i] = byte(r.Uint32())
	}
	return m[pg : pg+n : pg+n], m[pg+body-n : pg+body : pg+body]
}

func hexSum(p []byte) string { s := sha256.Sum256(p); return hex.EncodeToString(s[:]) }

// TestNoReadBeyondInput hashes inputs that start or end at a page
// boundary next to an inaccessible page, through Write, Write2 and WriteN
// with one to four messages (each its own guarded mapping).
func TestNoReadBeyondInput(t *testing.T) {
	lengths := []int{0, 1, 63, 64, 65, 127, 128, 129, 4032, 4096, 4097, 8192 - 1, 65536, 65536 + 64, 65536*2 + 64*3 + 17}
	forEachPath(t, func(t *testing.T) {
		for _, n := range lengths {
			for _, where := range []string{"head", "tail"} {
				t.Run(fmt.Sprint(where, n), func(t *testing.T) {
					var in [4][]byte
					for i := range in {
						// Unequal lengths, so that every kernel runs.
						h, tl := guarded(t, max(0, n-64*i))
						in[i] = tl
						if where == "head" {
							in[i] = h
						}
					}
					d := sha256x2.New()
					d.Write(in[0])
					if got, want := hex.EncodeToString(d.Sum(nil)), hexSum(in[0]); got != want {
						t.Errorf("Write: got %s, want %s", got, want)
					}
					d, e := sha256x2.New(), sha256x2.New()
					sha256x2.Write2(d, in[0], e, in[1])
					if got, want := hex.EncodeToString(e.Sum(nil)), hexSum(in[1]); got != want {
						t.Errorf("Write2: got %s, want %s", got, want)
					}
					for k := 1; k <= 4; k++ {
						ds := newDigests(k)
						sha256x2.WriteN(ds, in[:k])
						for i, d := range ds {
							if got, want := hex.EncodeToString(d.Sum(nil)), hexSum(in[i]); got != want {
								t.Errorf("WriteN of %d, message %d: got %s, want %s", k, i, got, want)
							}
						}
					}
				})
			}
		}
	})
}
