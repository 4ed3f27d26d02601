package transfer_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// TestPairedHashing uploads through a signing client to the fault server,
// which checks every part's X-Amz-Content-Sha256 and checksum against its
// body: parts hashed in pairs (the last pair one full part and one of a
// byte), an odd concurrency that leaves a part alone, file and stream
// sources.
func TestPairedHashing(t *testing.T) {
	for _, size := range []int64{5*mib*5 + 1, 2 * 5 * mib} {
		for _, conc := range []int{2, 3, 4, 5} {
			for _, alg := range []s3.ChecksumAlgorithm{s3.ChecksumAlgorithmSha1, s3.ChecksumAlgorithmSha256, ""} {
				for _, stream := range []bool{false, true} {
					name := fmt.Sprintf("size=%d/conc=%d/%s/stream=%v", size, conc, alg, stream)
					t.Run(name, func(t *testing.T) {
						data := pattern(size)
						fs, c, m := faultSetup(t, transfer.Options{ChecksumAlgorithm: alg, DisableChecksum: alg == "", Concurrency: conc})
						var err error
						var res *transfer.UploadOutput
						if stream {
							res, err = m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "obj", Body: struct{ io.Reader }{bytes.NewReader(data)}})
						} else {
							res, err = m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "obj", Path: writeTemp(t, data)})
						}
						if err != nil {
							t.Fatal(err)
						}
						if want := int((size + 5*mib - 1) / (5 * mib)); res.Parts != want {
							t.Errorf("got %d parts, want %d", res.Parts, want)
						}
						var buf bytes.Buffer
						if _, err := m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "bkt", Key: "obj", Writer: &buf}); err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(buf.Bytes(), data) {
							t.Errorf("downloaded %d bytes differing from the %d uploaded", buf.Len(), len(data))
						}
						noUploadsLeft(t, fs, c)
					})
				}
			}
		}
	}
}
