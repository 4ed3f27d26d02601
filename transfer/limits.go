package transfer

// Sizes S3 imposes on multipart uploads.
const (
	// MinPartSize is the smallest part S3 accepts (except the last): 5 MiB.
	MinPartSize = 5 << 20
	// MaxPartSize is the largest part S3 accepts: 5 GiB.
	MaxPartSize = 5 << 30
	// MaxParts is the largest number of parts of one upload.
	MaxParts = 10000
	// MaxCopyObjectSize is the largest object CopyObject copies in one
	// call: 5 GiB.
	MaxCopyObjectSize = 5 << 30
)

// partSizeFor returns the part size for an object of size bytes: the
// configured size, grown to a multiple of 1 MiB so that no more than
// MaxParts parts are needed.
func partSizeFor(size, configured int64) int64 {
	const mib = 1 << 20
	ps := configured
	if size > ps*MaxParts {
		ps = (size + MaxParts - 1) / MaxParts
		ps = (ps + mib - 1) / mib * mib
	}
	return ps
}

// numParts is the number of parts of size ps an object of size bytes has
// (at least 1).
func numParts(size, ps int64) int64 {
	if size <= 0 {
		return 1
	}
	return (size + ps - 1) / ps
}
