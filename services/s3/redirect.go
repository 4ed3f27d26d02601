package s3

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// The region redirect (S3-R), as botocore's S3RegionRedirectorv2
// (utils.py): a request for a bucket in another region than the client's
// fails (301 PermanentRedirect, 400 AuthorizationHeaderMalformed, a HEAD's
// bare 301 or 400); the client finds the bucket's region (the
// x-amz-bucket-region header, else the error's <Region>, else a HeadBucket
// call), remembers it for the bucket, and sends the request once more,
// resolved for that region (pipeline.Customizations.Redirect). Later calls
// for the bucket resolve their endpoint with the remembered region
// (endpointParams), presigned ones included.

// regionCacheSize bounds the buckets whose region a client remembers
// (botocore keeps them all); past it one is forgotten per new one.
const regionCacheSize = 1000

// regionCache maps bucket names to the regions redirects found for them.
// It is shared by a Client and the clients its per-call options make, and
// safe for concurrent use; every call with a bucket looks in it, and while
// it is empty (no redirect yet) that costs an atomic load.
type regionCache struct {
	n  atomic.Int32
	mu sync.RWMutex
	m  map[string]string
}

func newRegionCache() *regionCache { return &regionCache{m: make(map[string]string)} }

func (c *regionCache) get(bucket string) (string, bool) {
	if c.n.Load() == 0 {
		return "", false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	r, ok := c.m[bucket]
	return r, ok
}

func (c *regionCache) set(bucket, region string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[bucket]; !ok && len(c.m) >= regionCacheSize {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[bucket] = region
	c.n.Store(int32(len(c.m)))
}

// headerBucketRegion is the header in which S3 names a bucket's region.
const headerBucketRegion = "X-Amz-Bucket-Region"

// redirect is the Redirect customization: it mirrors the conditions of
// S3RegionRedirectorv2.redirect_from_error and the region sources of its
// get_bucket_region. o are the options of the failed call (its HeadBucket
// uses them).
func (c *Client) redirect(regions *regionCache, o *Options) func(context.Context, *pipeline.Call, *goto3.APIError, []byte) (bool, error) {
	return func(ctx context.Context, call *pipeline.Call, apiErr *goto3.APIError, body []byte) (bool, error) {
		bucket, _ := call.EndpointParams[endpointParamBucket].Str()
		if bucket == "" || isARN(bucket) {
			// botocore does not redirect access points; a call without
			// a bucket has nothing to redirect.
			return false, nil
		}
		op := call.Operation.Name
		code := apiErr.Code
		headerRegion := apiErr.Header.Get(headerBucketRegion)
		errRegion, hasErrRegion := errorRegion(body)
		headStatus := code == "301" || code == "400"
		switch {
		case headStatus && op == "HeadObject":
			// A HEAD signed for the wrong region gets a bare 400.
		case headStatus && op == "HeadBucket" && len(apiErr.Header.Values(headerBucketRegion)) > 0:
		case code == "AuthorizationHeaderMalformed" && hasErrRegion:
		case apiErr.StatusCode == http.StatusMovedPermanently, apiErr.StatusCode == http.StatusFound, apiErr.StatusCode == http.StatusTemporaryRedirect:
		case code == "PermanentRedirect":
		case code == "IllegalLocationConstraintException" && op != "CreateBucket":
			// An opt-in region's bucket asked for elsewhere.
		default:
			return false, nil
		}
		region := headerRegion
		if region == "" {
			region = errRegion
		}
		if region == "" && op != "HeadBucket" {
			// Ask the bucket (botocore would also ask from a HeadBucket
			// that failed this way, and again from that call, without end).
			var err error
			if region, err = c.headBucketRegion(ctx, bucket, o); err != nil {
				return false, err
			}
		}
		if region == "" {
			return false, nil
		}
		if !validRegionName(region) {
			return false, fmt.Errorf("s3: bucket %q: S3 named the region %q, which is not a valid region name", bucket, region)
		}
		regions.set(bucket, region)
		return true, nil
	}
}

// headBucketRegion asks S3 for bucket's region with HeadBucket: its
// x-amz-bucket-region header, from the answer or from an error answer.
func (c *Client) headBucketRegion(ctx context.Context, bucket string, o *Options) (string, error) {
	out, err := c.HeadBucket(ctx, &HeadBucketInput{Bucket: bucket}, func(co *Options) { *co = *o })
	if err == nil {
		return out.ResultMetadata.Header.Get(headerBucketRegion), nil
	}
	var apiErr *goto3.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Header.Get(headerBucketRegion), nil
	}
	return "", fmt.Errorf("s3: finding the region of bucket %q: %w", bucket, err)
}

// errorRegion returns the text of the <Region> element of an S3 error
// document (<Error> or <ErrorResponse><Error>), and whether it has one.
func errorRegion(body []byte) (string, bool) {
	if len(body) == 0 {
		return "", false
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	var path []string
	var text []byte
	in := false
	for {
		tok, err := d.RawToken()
		if err == io.EOF || err != nil {
			return "", false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			if t.Name.Local == "Region" && isErrorElement(path[:len(path)-1]) {
				in, text = true, text[:0]
			}
		case xml.CharData:
			if in {
				text = append(text, t...)
			}
		case xml.EndElement:
			if in && len(path) > 0 && path[len(path)-1] == "Region" {
				return string(text), true
			}
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
			if len(path) == 0 {
				return "", false
			}
		}
	}
}

// isErrorElement reports whether path is that of an error document's
// <Error> element.
func isErrorElement(path []string) bool {
	switch len(path) {
	case 1:
		return path[0] == "Error"
	case 2:
		return path[0] == "ErrorResponse" && path[1] == "Error"
	}
	return false
}

// validRegionName is botocore's validate_region_name: a host label of
// letters, digits and hyphens, neither beginning nor ending with a hyphen,
// not all digits, at most 63 characters.
func validRegionName(r string) bool {
	if len(r) > 63 || r[0] == '-' || r[len(r)-1] == '-' {
		return false
	}
	digits := true
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case '0' <= c && c <= '9':
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '-':
			digits = false
		default:
			return false
		}
	}
	return !digits
}
