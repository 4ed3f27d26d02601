package faultserver_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/sigv4"
)

// encodeChunked encodes data with sigv4's aws-chunked writer and returns the
// body and its seed signature.
func encodeChunked(t testing.TB, data []byte, co sigv4.ChunkedOptions) ([]byte, string) {
	req, _ := http.NewRequest("PUT", "http://127.0.0.1/bkt/k", nil)
	r, err := sigv4.NewSigner(sigv4.S3Options).SignChunked(req, faultserver.DefaultCredentials, sigv4.Params{Service: "s3", Region: "us-east-1", Time: clock}, bytes.NewReader(data), int64(len(data)), co)
	if err != nil {
		t.Fatal(err)
	}
	seed := r.SeedSignature() // before reading: it then moves along the chain
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return body, seed
}

// The package's own chunk decoder (used with DisableVerify, and written apart
// from sigv4's) agrees with sigv4's encoder: what is signed decodes and
// verifies, a one-byte change does not.
func TestOwnDecoderAgreesWithSigv4(t *testing.T) {
	amzDate := clock.Format("20060102T150405Z")
	secret := faultserver.DefaultCredentials.SecretAccessKey
	for _, size := range []int{0, 1, 8192, 65536, 65537, 200000} {
		for _, tc := range []struct {
			name            string
			signed, trailer bool
			co              sigv4.ChunkedOptions
		}{
			{"signed", true, false, sigv4.ChunkedOptions{}},
			{"signed-trailer", true, true, sigv4.ChunkedOptions{TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()}},
			{"unsigned-trailer", false, true, sigv4.ChunkedOptions{Unsigned: true, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()}},
		} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, size), func(t *testing.T) {
				data := bytes.Repeat([]byte{'d'}, size)
				for i := range data {
					data[i] = byte(i * 7)
				}
				body, seed := encodeChunked(t, data, tc.co)
				key := ""
				if tc.signed {
					key = secret
				}
				got, tr, code := faultserver.DecodeChunked(body, tc.signed, tc.trailer, key, amzDate, "us-east-1", "s3", seed)
				if code != "" || !bytes.Equal(got, data) {
					t.Fatalf("got %d bytes, code %q; want the %d bytes", len(got), code, size)
				}
				if tc.trailer {
					h := crc32.NewIEEE()
					h.Write(data)
					if want := base64.StdEncoding.EncodeToString(h.Sum(nil)); tr["x-amz-checksum-crc32"] != want {
						t.Errorf("trailer: got %q, want %q", tr["x-amz-checksum-crc32"], want)
					}
				}
				if !tc.signed || size == 0 {
					return
				}
				bad := bytes.Clone(body)
				bad[bytes.IndexByte(bad, '\n')+1+size/2] ^= 0x20
				if _, _, code := faultserver.DecodeChunked(bad, tc.signed, tc.trailer, key, amzDate, "us-east-1", "s3", seed); code != "SignatureDoesNotMatch" {
					t.Errorf("one byte changed: got code %q, want SignatureDoesNotMatch", code)
				}
			})
		}
	}
}

func FuzzDecodeChunked(f *testing.F) {
	body, _ := encodeChunked(f, []byte(strings.Repeat("x", 9000)), sigv4.ChunkedOptions{Unsigned: true, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()})
	f.Add(body, false, true)
	f.Add([]byte("0\r\n\r\n"), false, false)
	f.Add([]byte("3;chunk-signature=abc\r\nabc\r\n0;chunk-signature=def\r\n\r\n"), true, false)
	f.Fuzz(func(t *testing.T, body []byte, signed, trailer bool) {
		got, _, code := faultserver.DecodeChunked(body, signed, trailer, "", "20261124T120000Z", "us-east-1", "s3", "")
		if code == "" && len(got) > len(body) {
			t.Errorf("decoded %d bytes from a %d-byte body", len(got), len(body))
		}
	})
}
