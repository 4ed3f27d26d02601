package xxhash_test

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"hash"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/xxhash"
)

// sanityBuffer reproduces xxHash's test buffer (fillTestBuffer in
// tests/sanity_test.c and XSUM_fillTestBuffer in cli/xsum_sanity_check.c):
// byteGen starts at PRIME32, each byte is its top 8 bits, and byteGen is
// multiplied by PRIME64 after each byte.
func sanityBuffer(n int) []byte {
	const prime32, prime64 = 2654435761, 11400714785074694797
	b := make([]byte, n)
	byteGen := uint64(prime32)
	for i := range b {
		b[i] = byte(byteGen >> 56)
		byteGen *= prime64
	}
	return b
}

// sanityBufferLen covers the longest vector (4160 bytes, from the generated
// sanity_test_vectors.h, whose buffer is 4096+64+1 bytes).
const sanityBufferLen = 4096 + 64 + 1

// vector is one line of testdata/vectors.txt.
type vector struct {
	line   int
	kind   string
	n      int
	seed   uint64
	want   uint64 // XXH64, XXH3-64, or XXH3-128 low64
	wantHi uint64 // XXH3-128 high64
	input  string // aws lines
	header string // aws lines
}

func (v vector) String() string {
	return fmt.Sprintf("vectors.txt:%d %s len=%d seed=%#x", v.line, v.kind, v.n, v.seed)
}

func readVectors(t *testing.T) []vector {
	t.Helper()
	f, err := os.Open("testdata/vectors.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vs []vector
	sc := bufio.NewScanner(f)
	hex := func(s string) uint64 {
		u, err := strconv.ParseUint(s, 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	dec := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		f := strings.Fields(text)
		v := vector{line: line, kind: f[0]}
		switch {
		case (v.kind == "xxh64" || v.kind == "xxh3") && len(f) == 4:
			v.n, v.seed, v.want = dec(f[1]), hex(f[2]), hex(f[3])
		case v.kind == "xxh3secret" && len(f) == 3:
			v.n, v.want = dec(f[1]), hex(f[2])
		case v.kind == "xxh128" && len(f) == 5:
			v.n, v.seed, v.want, v.wantHi = dec(f[1]), hex(f[2]), hex(f[3]), hex(f[4])
		case v.kind == "xxh128secret" && len(f) == 4:
			v.n, v.want, v.wantHi = dec(f[1]), hex(f[2]), hex(f[3])
		case v.kind == "hbase" && len(f) == 2:
			// len,seed,digest,seed,digest: one vector per seed.
			c := strings.Split(f[1], ",")
			if len(c) != 5 {
				t.Fatalf("line %d: %q", line, text)
			}
			for _, i := range []int{1, 3} {
				d, err := strconv.ParseInt(c[i+1], 10, 64)
				if err != nil {
					t.Fatal(err)
				}
				vs = append(vs, vector{line: line, kind: "hbase", n: dec(c[0]), seed: uint64(dec(c[i])), want: uint64(d)})
			}
			continue
		case v.kind == "aws" && len(f) == 4:
			v.input, v.header = strings.ReplaceAll(f[2], "_", " "), f[3]
			v.kind += "-" + f[1]
		default:
			t.Fatalf("vectors.txt:%d: unrecognized %q", line, text)
		}
		vs = append(vs, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return vs
}

// iotaBuffer is the input of the HBase vectors: byte i is i mod 256.
func iotaBuffer(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// splitRand is a small deterministic generator for write lengths, in the
// spirit of xxHash's SANITY_TEST_rand (seed times PRIME64, top bits).
type splitRand uint64

func (r *splitRand) next(n int) int {
	*r = splitRand(uint64(*r) * 11400714785074694797)
	return int(uint64(*r)>>40) % n
}

// writeModes feeds p to h whole, byte by byte, and in random pieces
// (including empty writes), resetting h before each, and calls check after
// each.
func writeModes(t *testing.T, h hash.Hash, p []byte, check func(mode string)) {
	t.Helper()
	h.Reset()
	h.Write(p)
	check("whole")
	h.Reset()
	for i := range p {
		h.Write(p[i : i+1])
	}
	check("byte by byte")
	h.Reset()
	r := splitRand(2654435761 + uint64(len(p)))
	for rest := p; len(rest) > 0; {
		k := min(r.next(max(len(p), 2)), len(rest))
		h.Write(rest[:k])
		rest = rest[k:]
	}
	check("random pieces")
}

// TestVectors checks every line of testdata/vectors.txt: the package's
// one-shot and streaming forms (whole, byte by byte, random pieces) and the
// reference model.
func TestVectors(t *testing.T) {
	vs := readVectors(t)
	sanity := sanityBuffer(sanityBufferLen)
	secret := sanity[7 : 7+136+11] // XXH3_SECRET_SIZE_MIN + 11, at offset 7
	counts := map[string]int{}
	for _, v := range vs {
		counts[v.kind]++
		t.Run(v.String(), func(t *testing.T) {
			switch v.kind {
			case "xxh64":
				p := sanity[:v.n]
				if got := xxhash.Sum64Seed(p, v.seed); got != v.want {
					t.Errorf("Sum64Seed: got %016x, want %016x", got, v.want)
				}
				if got := refXXH64(p, v.seed); got != v.want {
					t.Errorf("reference: got %016x, want %016x", got, v.want)
				}
				d := xxhash.New64Seed(v.seed)
				writeModes(t, d, p, func(mode string) {
					if got := d.Sum64(); got != v.want {
						t.Errorf("Digest64, %s: got %016x, want %016x", mode, got, v.want)
					}
				})
				if v.seed == 0 {
					if got := xxhash.Sum64(p); got != v.want {
						t.Errorf("Sum64: got %016x, want %016x", got, v.want)
					}
				}
			case "xxh3", "hbase":
				p := sanity[:v.n]
				if v.kind == "hbase" {
					p = iotaBuffer(v.n)
				}
				check3(t, p, v.seed, v.want)
			case "xxh128":
				p := sanity[:v.n]
				want := xxhash.Uint128{Hi: v.wantHi, Lo: v.want}
				if got := xxhash.Sum128Seed(p, v.seed); got != want {
					t.Errorf("Sum128Seed: got %016x, want %016x", got, want)
				}
				if lo, hi := refXXH3_128(p, v.seed); lo != v.want || hi != v.wantHi {
					t.Errorf("reference: got {%016x %016x}, want %016x", hi, lo, want)
				}
				d := xxhash.New128Seed(v.seed)
				writeModes(t, d, p, func(mode string) {
					if got := d.Sum128(); got != want {
						t.Errorf("Digest128, %s: got %016x, want %016x", mode, got, want)
					}
				})
				if v.seed == 0 {
					if got := xxhash.Sum128(p); got != want {
						t.Errorf("Sum128: got %016x, want %016x", got, want)
					}
				}
			case "xxh3secret":
				// The package has no custom secrets (S3 uses the default);
				// these check the reference model's handling of the secret.
				if got, _ := refXXH3(sanity[:v.n], secret, 0, true); got != v.want {
					t.Errorf("reference: got %016x, want %016x", got, v.want)
				}
			case "xxh128secret":
				if lo, hi := refXXH3(sanity[:v.n], secret, 0, false); lo != v.want || hi != v.wantHi {
					t.Errorf("reference: got {hi %016x lo %016x}, want {hi %016x lo %016x}", hi, lo, v.wantHi, v.want)
				}
			case "aws-xxhash64", "aws-xxhash3", "aws-xxhash128":
				var h hash.Hash
				switch v.kind {
				case "aws-xxhash64":
					h = xxhash.New64()
				case "aws-xxhash3":
					h = xxhash.New3()
				default:
					h = xxhash.New128()
				}
				h.Write([]byte(v.input))
				if got := base64.StdEncoding.EncodeToString(h.Sum(nil)); got != v.header {
					t.Errorf("%q: got header %s, want %s", v.input, got, v.header)
				}
			default:
				t.Fatalf("no check for kind %q", v.kind)
			}
		})
	}
	t.Logf("vectors checked by kind: %v", counts)
}

func check3(t *testing.T, p []byte, seed, want uint64) {
	t.Helper()
	if got := xxhash.Sum3Seed(p, seed); got != want {
		t.Errorf("Sum3Seed: got %016x, want %016x", got, want)
	}
	if got := refXXH3_64(p, seed); got != want {
		t.Errorf("reference: got %016x, want %016x", got, want)
	}
	if seed == 0 {
		if got := xxhash.Sum3(p); got != want {
			t.Errorf("Sum3: got %016x, want %016x", got, want)
		}
	}
	d := xxhash.New3Seed(seed)
	writeModes(t, d, p, func(mode string) {
		if got := d.Sum64(); got != want {
			t.Errorf("Digest3, %s: got %016x, want %016x", mode, got, want)
		}
	})
}
