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

// UploadDir uploads every regular file under in.Dir (recursively,
// symbolic links not followed) that in.Filter selects to in.Bucket, each
// under in.KeyPrefix + its slash-separated relative path. Files go in
// parallel, up to Concurrency at a time, each with its own parts in
// parallel too. The first failure cancels the rest and is returned. The
// input's attributes apply to every file; content types are guessed per
// file unless set. Progress counts all the files together.
func (m *Manager) UploadDir(ctx context.Context, in *UploadDirInput, optFns ...func(*Options)) (*UploadDirOutput, error) {
	const op = "UploadDir"
	switch {
	case in == nil:
		return nil, errNilInput(op)
	case in.Bucket == "":
		return nil, errMissing(op, "Bucket")
	case in.Dir == "":
		return nil, errMissing(op, "Dir")
	}
	c, err := m.config(optFns)
	if err != nil {
		return nil, err
	}
	type file struct {
		path, key string
		size      int64
	}
	var files []file
	var total int64
	err = filepath.WalkDir(in.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(in.Dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if in.Filter != nil && !in.Filter(rel) {
			return nil
		}
		var size int64
		if info, err := d.Info(); err == nil {
			size = info.Size()
		}
		total += size
		files = append(files, file{p, in.KeyPrefix + rel, size})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("transfer: listing %s: %w", in.Dir, err)
	}
	prog := newProgress(in.Progress, total)
	sizes := make([]int64, len(files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.Concurrency)
	for i, f := range files {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			fin := in.fileInput(f.key, f.path, nil)
			r, err := m.uploadFile(gctx, c, fin, prog)
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
	res := &UploadDirOutput{Files: len(files)}
	for _, n := range sizes {
		res.Bytes += n
	}
	return res, nil
}

// errUnsafeKey is a key that would land outside the download directory.
var errUnsafeKey = errors.New("transfer: key would be written outside the directory")

// DownloadDir downloads every object under in.KeyPrefix that in.Filter
// selects into in.Dir, each at its key without the prefix (directories
// created as needed). Keys ending in "/" (folder markers) are skipped; a
// key that would escape the directory ("..", an absolute path) fails the
// download. Files go in parallel, up to Concurrency at a time; each is
// written through a temporary file like DownloadFile. Progress counts all
// the objects together; its size is -1 until the listing ended.
func (m *Manager) DownloadDir(ctx context.Context, in *DownloadDirInput, optFns ...func(*Options)) (*DownloadDirOutput, error) {
	const op = "DownloadDir"
	switch {
	case in == nil:
		return nil, errNilInput(op)
	case in.Bucket == "":
		return nil, errMissing(op, "Bucket")
	case in.Dir == "":
		return nil, errMissing(op, "Dir")
	}
	c, err := m.config(optFns)
	if err != nil {
		return nil, err
	}
	a := requestAttrs(in.SSECustomerKey, in.ExpectedBucketOwner, in.RequestPayer)
	prog := newProgress(in.Progress, -1)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.Concurrency)
	var sizes []*int64
	listed, sized := int64(0), true
	var token *string
	var listErr error
list:
	for {
		out, err := m.api.ListObjectsV2(gctx, &s3.ListObjectsV2Input{
			Bucket: in.Bucket, Prefix: strp(in.KeyPrefix), ContinuationToken: token,
			ExpectedBucketOwner: a.owner(), RequestPayer: a.payer(),
		}, c.callOpts...)
		if err != nil {
			listErr = err
			break
		}
		for _, obj := range out.Contents {
			key := deref(obj.Key)
			rel := strings.TrimPrefix(key, in.KeyPrefix)
			if rel == "" || strings.HasSuffix(rel, "/") {
				continue
			}
			if in.Filter != nil && !in.Filter(rel) {
				continue
			}
			local, err := localPath(in.Dir, rel)
			if err != nil {
				listErr = fmt.Errorf("%w: %q", err, key)
				break list
			}
			n := new(int64)
			sizes = append(sizes, n)
			if obj.Size != nil {
				listed += *obj.Size
			} else {
				sized = false
			}
			if gctx.Err() != nil {
				break list
			}
			g.Go(func() error {
				if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
					return err
				}
				d := m.newDownload(c, in.Bucket, key, "", a, prog)
				d.shared = true
				res, err := d.toFile(gctx, local)
				if err == nil {
					*n = res.Size
				}
				return err
			})
		}
		if out.IsTruncated == nil || !*out.IsTruncated || out.NextContinuationToken == nil {
			break
		}
		token = out.NextContinuationToken
	}
	if listErr == nil && sized {
		prog.setSize(listed)
	}
	err = g.Wait()
	if listErr != nil {
		err = errors.Join(listErr, err)
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &DownloadDirOutput{Files: len(sizes)}
	for _, n := range sizes {
		res.Bytes += *n
	}
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
