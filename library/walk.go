package library

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// candidate is a file the walk found that may be a photo.
type candidate struct {
	rel     string // slash-separated, relative to the album; the exact bytes, not always UTF-8 (PhotoID is of these)
	abs     string // the exact bytes too: open the file by this, never by a name that went through JSON
	size    int64
	modTime int64 // Unix nanoseconds
}

// photoExtensions are the names the walk considers; the content is sniffed later, so a JPEG named .HEIC or
// .png is still read as what it is. Files with other names (videos, sidecars, notes) are not photos.
var photoExtensions = map[string]bool{
	".jpg": true, ".jpeg": true, ".jpe": true, ".jfif": true,
	".heic": true, ".heif": true, ".hif": true,
	".png": true, ".webp": true, ".tif": true, ".tiff": true,
}

func isPhotoName(name string) bool {
	return photoExtensions[strings.ToLower(filepath.Ext(name))]
}

// walkAlbum lists the photo candidates below root. Hidden files and folders are skipped; symbolic links are
// followed, but a folder already visited (a link loop) is not entered twice. Problems (an unreadable folder, a
// dangling link) are reported through skip and the walk goes on.
func walkAlbum(ctx context.Context, root string, skip func(rel, reason string)) ([]candidate, error) {
	w := walker{root: root, skip: skip, seen: map[string]bool{}}
	if err := w.dir(ctx, ""); err != nil {
		return nil, err
	}
	return w.found, nil
}

type walker struct {
	root  string
	skip  func(rel, reason string)
	seen  map[string]bool // real paths of visited folders
	found []candidate
}

func (w *walker) dir(ctx context.Context, rel string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	abs := filepath.Join(w.root, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(abs)
	if err != nil && rel == "" {
		return fmt.Errorf("read album %s: %w", w.root, err)
	}
	if err != nil {
		w.skip(rel, fmt.Sprintf("cannot resolve folder: %v", err))
		return nil
	}
	if w.seen[real] {
		if rel != "" {
			w.skip(rel, "folder already visited through another link (symlink loop)")
		}
		return nil
	}
	w.seen[real] = true
	entries, err := os.ReadDir(abs)
	if err != nil {
		if rel == "" {
			return fmt.Errorf("read album %s: %w", w.root, err)
		}
		w.skip(rel, fmt.Sprintf("unreadable folder: %v", err))
		// ReadDir returns what it could read before the error; keep going with those.
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		childRel := path.Join(rel, name)
		childAbs := filepath.Join(abs, name)
		mode := e.Type()
		if mode&os.ModeSymlink != 0 {
			fi, err := os.Stat(childAbs)
			if err != nil {
				if isPhotoName(name) {
					w.skip(childRel, fmt.Sprintf("broken link: %v", err))
				}
				continue
			}
			mode = fi.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if err := w.dir(ctx, childRel); err != nil {
				return err
			}
		case mode.IsRegular() && isPhotoName(name):
			fi, err := os.Stat(childAbs)
			if err != nil {
				w.skip(childRel, fmt.Sprintf("cannot stat: %v", err))
				continue
			}
			w.found = append(w.found, candidate{rel: childRel, abs: childAbs, size: fi.Size(), modTime: fi.ModTime().UnixNano()})
		}
	}
	return nil
}
