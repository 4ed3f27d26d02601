package pipeline_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc64"
	"testing"

	"github.com/goto3/goto3/internal/pipeline"
)

func TestCRC64NVMECheckValue(t *testing.T) {
	h := pipeline.NewChecksum("crc64nvme")
	h.Write([]byte("123456789"))
	got := h.(interface{ Sum64() uint64 }).Sum64()
	if want := uint64(0xae8b14860a799888); got != want {
		t.Errorf("got %#x, want %#x", got, want)
	}
	// And through the base64 header form.
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], crc64.Checksum([]byte("123456789"), crc64.MakeTable(pipeline.CRC64NVMEPolynomial)))
	if !bytes.Equal(h.Sum(nil), b[:]) {
		t.Errorf("Sum: got %x, want %x", h.Sum(nil), b)
	}
}
