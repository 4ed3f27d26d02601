package transfer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/goto3/goto3/services/s3"
)

// Filter selects the files of a directory transfer by their slash-separated
// path relative to the directory (for downloads, the key without the
// prefix). A nil Filter selects everything.
type Filter func(rel string) bool

// DirResult counts the files of a directory transfer.
type DirResult struct {
	Files int
	Bytes int64
}

// UploadDir uploads every regular file under dir (recursively, symbolic
// links not followed) that filter selects to bucket, each under the key
// prefix + its slash-separated relative path. Files go in parallel, up to
// Concurrency at a time, each with its own parts in parallel too. The
// first failure cancels the rest and is returned. Options apply to every
// file; content types are guessed per file.
func (m *Manager) UploadDir(ctx context.Context, bucket, prefix, dir string, filter Filter, opts ...Option) (*DirResult, error) {
	type file struct {
		path, key string
	}
	var files []file
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if filter != nil && !filter(rel) {
			return nil
		}
		files = append(files, file{p, prefix + rel})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("transfer: listing %s: %w", dir, err)
	}
	res := &DirResult{}
	sizes := make([]int64, len(files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(m.cfg.Concurrency)
	for i, f := range files {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			r, err := m.UploadFile(gctx, bucket, f.key, f.path, opts...)
			if err != nil {
				return err
			}
			sizes[i] = r.Size
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, n := range sizes {
		res.Bytes += n
	}
	res.Files = len(files)
	return res, nil
}

// errUnsafeKey is a key that would land outside the download directory.
var errUnsafeKey = errors.New("transfer: key would be written outside the directory")

// DownloadDir downloads every object under prefix that filter selects
// into dir, each at its key without the prefix (directories created as
// needed). Keys ending in "/" (folder markers) are skipped; a key that
// would escape dir ("..", an absolute path) fails the download. Files go
// in parallel, up to Concurrency at a time; each is written through a
// temporary file like DownloadFile.
func (m *Manager) DownloadDir(ctx context.Context, bucket, prefix, dir string, filter Filter, opts ...Option) (*DirResult, error) {
	o := applyOptions(opts)
	res := &DirResult{}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(m.cfg.Concurrency)
	var sizes []*int64
	var token *string
	var listErr error
list:
	for {
		out, err := m.api.ListObjectsV2(gctx, &s3.ListObjectsV2Input{
			Bucket: bucket, Prefix: strp(prefix), ContinuationToken: token,
			ExpectedBucketOwner: strp(o.ExpectedBucketOwner), RequestPayer: o.payer(),
		}, m.callOpts...)
		if err != nil {
			listErr = err
			break
		}
		for _, obj := range out.Contents {
			key := deref(obj.Key)
			rel := strings.TrimPrefix(key, prefix)
			if rel == "" || strings.HasSuffix(rel, "/") {
				continue
			}
			if filter != nil && !filter(rel) {
				continue
			}
			local, err := localPath(dir, rel)
			if err != nil {
				listErr = fmt.Errorf("%w: %q", err, key)
				break list
			}
			n := new(int64)
			sizes = append(sizes, n)
			if gctx.Err() != nil {
				break list
			}
			g.Go(func() error {
				if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
					return err
				}
				size, err := m.DownloadFile(gctx, bucket, key, local, opts...)
				*n = size
				return err
			})
		}
		if out.IsTruncated == nil || !*out.IsTruncated || out.NextContinuationToken == nil {
			break
		}
		token = out.NextContinuationToken
	}
	err := g.Wait()
	if listErr != nil {
		err = errors.Join(listErr, err)
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, n := range sizes {
		res.Bytes += *n
	}
	res.Files = len(sizes)
	return res, nil
}

// localPath maps a slash-separated relative key to a path under dir,
// refusing anything that would leave dir.
func localPath(dir, rel string) (string, error) {
	if strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") {
		return "", errUnsafeKey
	}
	clean := path.Clean(rel)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") || !filepath.IsLocal(filepath.FromSlash(clean)) {
		return "", errUnsafeKey
	}
	return filepath.Join(dir, filepath.FromSlash(clean)), nil
}
