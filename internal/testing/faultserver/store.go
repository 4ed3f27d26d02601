package faultserver

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

type object struct {
	data         []byte
	etag         string // quoted
	lastModified time.Time
	contentType  string
	meta         http.Header // x-amz-meta-* and a few standard headers
	checksumAlg  string
	checksum     string // base64, "-N" suffixed for a composite multipart checksum
	parts        int    // number of parts when completed from a multipart upload
}

type part struct {
	data     []byte
	etag     string // quoted
	checksum string // base64 of the part's checksum, if any
	modified time.Time
}

type upload struct {
	id, bucket, key string
	initiated       time.Time
	contentType     string
	meta            http.Header
	checksumAlg     string
	checksumType    string // COMPOSITE or FULL_OBJECT when checksumAlg is set
	parts           map[int]*part
}

type bucket struct {
	name    string
	created time.Time
	objects map[string]*object
}

// store is the server's in-memory S3; guarded by Server.mu.
type store struct {
	buckets   map[string]*bucket
	uploads   map[string]*upload
	uploadSeq int
	etagSeq   int
}

func newStore() store {
	return store{buckets: map[string]*bucket{}, uploads: map[string]*upload{}}
}

func quotedMD5(sum [16]byte) string { return `"` + hex.EncodeToString(sum[:]) + `"` }

// ObjectInfo describes a stored object.
type ObjectInfo struct {
	Data         []byte
	ETag         string // quoted, as S3 sends it
	LastModified time.Time
	ContentType  string
	Metadata     map[string]string // x-amz-meta-* without the prefix
	// ChecksumAlgorithm and Checksum (base64; "-N" suffixed for a
	// multipart composite checksum) are set when the object was stored
	// with a checksum.
	ChecksumAlgorithm string
	Checksum          string
	Parts             int // parts it was assembled from; 0 for a single PUT
}

// CreateBucket creates a bucket (no error if it exists).
func (s *Server) CreateBucket(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.store.buckets[name] == nil {
		s.store.buckets[name] = &bucket{name: name, created: s.now(), objects: map[string]*object{}}
	}
}

// PutObject stores data under bucket/key, creating the bucket if needed,
// and returns the quoted ETag.
func (s *Server) PutObject(bucketName, key string, data []byte) string {
	s.CreateBucket(bucketName)
	s.mu.Lock()
	defer s.mu.Unlock()
	o := &object{data: append([]byte(nil), data...), etag: quotedMD5(md5.Sum(data)), lastModified: s.now(), contentType: "binary/octet-stream"}
	s.store.buckets[bucketName].objects[key] = o
	return o.etag
}

// Object returns a copy of the stored object and whether it exists.
func (s *Server) Object(bucketName, key string) (ObjectInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.store.buckets[bucketName]
	if b == nil {
		return ObjectInfo{}, false
	}
	o := b.objects[key]
	if o == nil {
		return ObjectInfo{}, false
	}
	info := ObjectInfo{
		Data:              append([]byte(nil), o.data...),
		ETag:              o.etag,
		LastModified:      o.lastModified,
		ContentType:       o.contentType,
		ChecksumAlgorithm: o.checksumAlg,
		Checksum:          o.checksum,
		Parts:             o.parts,
	}
	for k, v := range o.meta {
		if m, ok := strings.CutPrefix(strings.ToLower(k), "x-amz-meta-"); ok {
			if info.Metadata == nil {
				info.Metadata = map[string]string{}
			}
			info.Metadata[m] = v[0]
		}
	}
	return info, true
}

// Keys returns the keys of a bucket in lexical order.
func (s *Server) Keys(bucketName string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.store.buckets[bucketName]
	if b == nil {
		return nil
	}
	keys := make([]string, 0, len(b.objects))
	for k := range b.objects {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Upload describes a multipart upload in progress.
type Upload struct {
	Bucket, Key, UploadID string
	Parts                 []int // part numbers uploaded so far, ascending
}

// Uploads returns the multipart uploads in progress in every bucket, by
// bucket, key and upload id. After a failed and aborted transfer it must be
// empty.
func (s *Server) Uploads() []Upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Upload
	for _, u := range s.store.uploads {
		up := Upload{Bucket: u.bucket, Key: u.key, UploadID: u.id}
		for n := range u.parts {
			up.Parts = append(up.Parts, n)
		}
		sort.Ints(up.Parts)
		out = append(out, up)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Bucket != b.Bucket {
			return a.Bucket < b.Bucket
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.UploadID < b.UploadID
	})
	return out
}

// changeObject applies a ChangeObject action.
func (s *Server) changeObject(bucketName, key string, a Action) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.store.buckets[bucketName]
	if b == nil || b.objects[key] == nil {
		return
	}
	old := b.objects[key]
	o := *old
	o.lastModified = s.now()
	o.checksum, o.checksumAlg, o.parts = "", "", 0
	if a.hasData {
		o.data = append([]byte(nil), a.data...)
		o.etag = quotedMD5(md5.Sum(o.data))
	}
	if o.etag == old.etag {
		s.store.etagSeq++
		o.etag = quotedMD5(md5.Sum(fmt.Appendf(append([]byte(nil), o.data...), "\x00faultserver generation %d", s.store.etagSeq)))
	}
	b.objects[key] = &o
}
