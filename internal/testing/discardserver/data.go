package discardserver

import (
	"io"
	"sync"
)

// period is the length after which the served data repeats: 1 MiB + 3, so
// that no power-of-two part size lines parts up on identical bytes and a
// part written at the wrong offset is detected.
const period = 1<<20 + 3

// pattern holds two periods, so any run of up to one period starting at any
// offset is one slice.
var pattern = sync.OnceValue(func() []byte {
	b := make([]byte, 2*period)
	for i := range b {
		v := uint32(i%period) * 2654435761
		b[i] = byte(v>>24) ^ byte(i%period)
	}
	return b
})

// Data fills p with the object bytes at offset off (the same for every key
// and size), so a test can check what it downloaded.
func Data(off int64, p []byte) {
	pat := pattern()
	for len(p) > 0 {
		o := int(off % period)
		n := copy(p, pat[o:o+min(len(p), period)])
		p = p[n:]
		off += int64(n)
	}
}

// writeData writes n bytes of the object from offset off to w.
func writeData(w io.Writer, off, n int64) (int64, error) {
	pat := pattern()
	var done int64
	for done < n {
		o := int((off + done) % period)
		m := int(min(n-done, period))
		k, err := w.Write(pat[o : o+m])
		done += int64(k)
		if err != nil {
			return done, err
		}
	}
	return done, nil
}
