package transfer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/sha256x2"
	"github.com/goto3/goto3/transfer"
)

// TestBatchPartFailureCancelsSiblings: parts hashed together (a SHA-256
// checksum, Concurrency 4) are sent together; when one of them fails, the
// others of its batch must be cancelled at once, as every other part is
// (the first failure cancels the rest), and the error must be the
// failure, not a sibling's cancellation. The other parts here hang until
// their context ends, as a part does on a stalled connection.
func TestBatchPartFailureCancelsSiblings(t *testing.T) {
	if !sha256x2.Accelerated() {
		t.Skip("parts are hashed and sent in batches only with the SHA-NI kernel")
	}
	for _, failing := range []int32{1, 2, 4} {
		for _, stream := range []bool{false, true} {
			t.Run(fmt.Sprintf("part%d/stream=%v", failing, stream), func(t *testing.T) {
				f := newFake()
				f.partFault = func(ctx context.Context, num int32, n int) error {
					if num == failing {
						return internalError()
					}
					select {
					case <-ctx.Done():
						return ctx.Err()
					case <-time.After(3 * time.Second):
						return nil
					}
				}
				cfg := smallConfig()
				cfg.Checksum = transfer.ChecksumSHA256
				m := newManager(t, f, cfg)
				var src io.Reader = bytes.NewReader(pattern(4 * 5 * mib))
				if stream {
					src = streamOnly{src}
				}
				t0 := time.Now()
				_, err := m.Upload(context.Background(), "bkt", "key", src)
				if d := time.Since(t0); d > 2*time.Second {
					t.Errorf("took %v to fail, want the failing part's siblings cancelled at once", d)
				}
				var ae *apiError
				if !errors.As(err, &ae) || ae.code != "InternalError" {
					t.Errorf("got %v, want the failing part's InternalError", err)
				}
				if errors.Is(err, context.Canceled) {
					t.Errorf("got %v, want the failure, not a sibling's cancellation", err)
				}
				if n := f.openUploads(); n != 0 || f.count("AbortMultipartUpload") != 1 {
					t.Errorf("got %d uploads open after %d aborts, want none after 1", n, f.count("AbortMultipartUpload"))
				}
			})
		}
	}
}
