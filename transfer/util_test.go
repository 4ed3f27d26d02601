package transfer_test

import (
	"sort"

	"github.com/goto3/goto3/transfer"
)

func sortStrings(s []string) { sort.Strings(s) }

// dsize returns the bytes a download wrote.
func dsize(o *transfer.DownloadOutput, err error) (int64, error) {
	if o == nil {
		return 0, err
	}
	return o.Size, err
}
