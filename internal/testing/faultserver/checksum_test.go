package faultserver_test

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/internal/xxhash"
)

// algorithm is one of S3's ten checksum algorithms: its header, its XML
// member, a hash, and its value of "hello world" (the xxHash header values
// published in aws/aws-sdk-go-v2#3404, also in internal/xxhash's vectors;
// the others as the standard library and Python's hashlib and zlib give
// them).
type algorithm struct {
	name, header, member string
	new                  func() hash.Hash
	helloWorld           string
	fullObject           bool // FULL_OBJECT allowed in a multipart upload
}

var algorithms = []algorithm{
	{"CRC32", "X-Amz-Checksum-Crc32", "ChecksumCRC32", func() hash.Hash { return crc32.NewIEEE() }, "DUoRhQ==", true},
	{"CRC32C", "X-Amz-Checksum-Crc32c", "ChecksumCRC32C", func() hash.Hash { return crc32.New(crc32.MakeTable(crc32.Castagnoli)) }, "yZRlqg==", true},
	{"CRC64NVME", "X-Amz-Checksum-Crc64nvme", "ChecksumCRC64NVME", func() hash.Hash { return crc64.New(crc64.MakeTable(0x9a6c9329ac4bc9b5)) }, "jSnVw/bqjr4=", true},
	{"SHA1", "X-Amz-Checksum-Sha1", "ChecksumSHA1", sha1.New, "Kq5sNclPz7QV2+lfQIuc6R7oRu0=", false},
	{"SHA256", "X-Amz-Checksum-Sha256", "ChecksumSHA256", sha256.New, "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=", false},
	{"SHA512", "X-Amz-Checksum-Sha512", "ChecksumSHA512", sha512.New, "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==", false},
	{"MD5", "X-Amz-Checksum-Md5", "ChecksumMD5", md5.New, "XrY7u+Ae7tCTyyK7j1rNww==", false},
	{"XXHASH64", "X-Amz-Checksum-Xxhash64", "ChecksumXXHASH64", func() hash.Hash { return xxhash.New64() }, "RatnNLIeaWg=", false},
	{"XXHASH3", "X-Amz-Checksum-Xxhash3", "ChecksumXXHASH3", func() hash.Hash { return xxhash.New3() }, "1Eex6kDmmIs=", false},
	{"XXHASH128", "X-Amz-Checksum-Xxhash128", "ChecksumXXHASH128", func() hash.Hash { return xxhash.New128() }, "340J6T+HSQCpm4d1zBW2xw==", false},
}

func (a algorithm) sum(parts ...[]byte) []byte {
	h := a.new()
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// TestAllChecksumAlgorithms puts, reads back and uploads in parts with
// each of S3's ten checksum algorithms: a value is checked (BadDigest when
// wrong), stored and returned under checksum mode; a multipart upload's
// part values are checked and its object gets the composite "<checksum of
// the parts' binary checksums>-N" (CRC64NVME: the whole object's CRC);
// FULL_OBJECT is refused for all but the CRCs.
func TestAllChecksumAlgorithms(t *testing.T) {
	hello := []byte("hello world")
	parts := [][]byte{[]byte("part-one"), []byte("part-two"), []byte("3")}
	for _, a := range algorithms {
		t.Run(a.name, func(t *testing.T) {
			if got := b64(a.sum(hello)); got != a.helloWorld {
				t.Fatalf("the test's %s of \"hello world\" is %s, the published value %s", a.name, got, a.helloWorld)
			}
			s := start(t, faultserver.Options{MinPartSize: 4})
			r := send(t, s, "PUT", "/bkt/hello", hello, map[string]string{a.header: a.helloWorld}, "")
			if r.status != 200 || r.header.Get(a.header) != a.helloWorld {
				t.Fatalf("PutObject: got %d %s with %s %q, want 200 with the value echoed", r.status, r.body, a.header, r.header.Get(a.header))
			}
			wrong := b64(a.sum([]byte("hello worle")))
			if r := send(t, s, "PUT", "/bkt/other", hello, map[string]string{a.header: wrong}, ""); r.status != 400 || parseErr(t, r).Code != "BadDigest" {
				t.Errorf("PutObject with a wrong value: got %d %s, want 400 BadDigest", r.status, r.body)
			}
			r = send(t, s, "GET", "/bkt/hello", nil, map[string]string{"X-Amz-Checksum-Mode": "ENABLED"}, "")
			if got := r.header.Get(a.header); got != a.helloWorld || r.header.Get("X-Amz-Checksum-Type") != "FULL_OBJECT" {
				t.Errorf("GetObject: got %s %q (%s), want %q (FULL_OBJECT)", a.header, got, r.header.Get("X-Amz-Checksum-Type"), a.helloWorld)
			}

			// Multipart, COMPOSITE.
			id := createUpload(t, s, "mp", map[string]string{"X-Amz-Checksum-Algorithm": a.name})
			var body strings.Builder
			var raw []byte
			body.WriteString("<CompleteMultipartUpload>")
			for i, p := range parts {
				sum := a.sum(p)
				raw = append(raw, sum...)
				path := fmt.Sprintf("/bkt/mp?partNumber=%d&uploadId=%s", i+1, id)
				if r := send(t, s, "PUT", path, p, map[string]string{a.header: b64(a.sum(p, []byte("x")))}, ""); r.status != 400 || parseErr(t, r).Code != "BadDigest" {
					t.Errorf("UploadPart %d with a wrong value: got %d %s, want 400 BadDigest", i+1, r.status, r.body)
				}
				r := send(t, s, "PUT", path, p, map[string]string{a.header: b64(sum)}, "")
				if r.status != 200 || r.header.Get(a.header) != b64(sum) {
					t.Fatalf("UploadPart %d: got %d %s with %q, want 200 and the value echoed", i+1, r.status, r.body, r.header.Get(a.header))
				}
				fmt.Fprintf(&body, "<Part><PartNumber>%d</PartNumber><ETag>%s</ETag><%s>%s</%s></Part>", i+1, r.header.Get("ETag"), a.member, b64(sum), a.member)
			}
			body.WriteString("</CompleteMultipartUpload>")
			r = send(t, s, "POST", "/bkt/mp?uploadId="+id, []byte(body.String()), nil, "")
			want, typ := b64(a.sum(raw))+"-3", "COMPOSITE"
			if a.name == "CRC64NVME" {
				// FULL_OBJECT only: the CRC of the whole object.
				want, typ = b64(a.sum(parts...)), "FULL_OBJECT"
			}
			if r.status != 200 || !strings.Contains(string(r.body), "<"+a.member+">"+want+"</"+a.member+">") || !strings.Contains(string(r.body), "<ChecksumType>"+typ+"</ChecksumType>") {
				t.Errorf("CompleteMultipartUpload: got %d %s, want %s %s %s", r.status, r.body, a.member, want, typ)
			}
			if info, _ := s.Object("bkt", "mp"); info.ChecksumAlgorithm != a.name || info.Checksum != want {
				t.Errorf("object: got %s %q, want %s %q", info.ChecksumAlgorithm, info.Checksum, a.name, want)
			}

			// FULL_OBJECT: the CRCs only.
			r = send(t, s, "POST", "/bkt/full?uploads", nil, map[string]string{"X-Amz-Checksum-Algorithm": a.name, "X-Amz-Checksum-Type": "FULL_OBJECT"}, "")
			if a.fullObject != (r.status == http.StatusOK) {
				t.Errorf("CreateMultipartUpload FULL_OBJECT: got %d %s, want allowed %v", r.status, r.body, a.fullObject)
			}
			if !a.fullObject && parseErr(t, r).Code != "InvalidRequest" {
				t.Errorf("CreateMultipartUpload FULL_OBJECT: got %s, want InvalidRequest", r.body)
			}
		})
	}
}
