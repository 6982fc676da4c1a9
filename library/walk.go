package library

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/cairn-photos/cairn/library/media"
)

// candidate is a file the walk found that may be a photo.
type candidate struct {
	rel string // slash-separated, relative to the album; the exact bytes, not always UTF-8 (PhotoID is of these)
	abs string // the exact bytes too: open the file by this, never by a name that went through JSON
	// size is the file's; modTime the latest of the file's and its sidecar's, so that editing a sidecar
	// reads the photo again.
	size    int64
	modTime int64 // Unix nanoseconds
	// sidecar is the XMP sidecar that goes with the file (NAME.EXT.xmp, else NAME.xmp), empty when none.
	sidecar string // absolute
	// companions are the other files of the same shot: the RAW beside a JPEG of the same name, which is not
	// read as a photo of its own (slash-separated, relative to the album).
	companions []string
}

// walked is what a walk of the album found.
type walked struct {
	found []candidate
	// others counts the files that are not photos, by lower-case extension without the dot ("" for none):
	// videos, sidecars, notes.
	others map[string]int
}

// walkAlbum lists the photo candidates below root. Hidden files and folders are skipped; symbolic links are
// followed, but a folder already visited (a link loop) is not entered twice. Problems (an unreadable folder, a
// dangling link) are reported through skip and the walk goes on.
func walkAlbum(ctx context.Context, root string, skip func(rel, reason string)) (walked, error) {
	w := walker{root: root, skip: skip, seen: map[string]bool{}, others: map[string]int{}}
	if err := w.dir(ctx, ""); err != nil {
		return walked{}, err
	}
	return walked{found: w.found, others: w.others}, nil
}

type walker struct {
	root   string
	skip   func(rel, reason string)
	seen   map[string]bool // real paths of visited folders
	found  []candidate
	others map[string]int
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
	var here []candidate
	sidecars := map[string]sidecarFile{} // by lower-case name
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
				if IsPhotoName(name) {
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
		case mode.IsRegular() && IsPhotoName(name):
			fi, err := os.Stat(childAbs)
			if err != nil {
				w.skip(childRel, fmt.Sprintf("cannot stat: %v", err))
				continue
			}
			here = append(here, candidate{rel: childRel, abs: childAbs, size: fi.Size(), modTime: fi.ModTime().UnixNano()})
		case mode.IsRegular():
			ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
			w.others[ext]++
			if ext == "xmp" {
				if fi, err := os.Stat(childAbs); err == nil {
					sidecars[strings.ToLower(name)] = sidecarFile{abs: childAbs, modTime: fi.ModTime().UnixNano()}
				}
			}
		}
	}
	w.found = append(w.found, withSidecars(pairRAWs(here), sidecars)...)
	return nil
}

// sidecarFile is an XMP file seen in a folder.
type sidecarFile struct {
	abs     string
	modTime int64
}

// pairRAWs makes a RAW and a JPEG (or HEIC, …) of the same shot — the same folder and base name, in any case
// — one photo: the processed file is read, the RAW is its companion. A RAW alone stays a photo of its own.
func pairRAWs(files []candidate) []candidate {
	base := func(rel string) string { return strings.ToLower(strings.TrimSuffix(path.Base(rel), path.Ext(rel))) }
	primary := map[string]int{} // base name → index of the shot's primary file
	for i, c := range files {
		if isRawName(c.rel) {
			continue
		}
		if p, ok := primary[base(c.rel)]; !ok || preferredPrimary(c.rel, files[p].rel) {
			primary[base(c.rel)] = i
		}
	}
	var out []candidate
	var raws []candidate
	for _, c := range files {
		if _, paired := primary[base(c.rel)]; paired && isRawName(c.rel) {
			raws = append(raws, c)
			continue
		}
		out = append(out, c)
	}
	at := make(map[string]int, len(out)) // rel → index in out
	for i, c := range out {
		at[c.rel] = i
	}
	for _, r := range raws {
		p := &out[at[files[primary[base(r.rel)]].rel]]
		p.companions = append(p.companions, r.rel)
	}
	return out
}

// preferredPrimary tells whether a should be a shot's primary file rather than b: a JPEG first (what cameras
// write beside a RAW), then by name for a stable choice.
func preferredPrimary(a, b string) bool {
	isJPEG := func(s string) bool {
		switch strings.ToLower(path.Ext(s)) {
		case ".jpg", ".jpeg", ".jpe", ".jfif":
			return true
		}
		return false
	}
	if isJPEG(a) != isJPEG(b) {
		return isJPEG(a)
	}
	return a < b
}

// withSidecars gives each photo its XMP sidecar: its own NAME.EXT.xmp first, then NAME.xmp, then those of its
// companions (Lightroom names the sidecar after the RAW).
func withSidecars(files []candidate, sidecars map[string]sidecarFile) []candidate {
	if len(sidecars) == 0 {
		return files
	}
	for i := range files {
		c := &files[i]
		names := media.SidecarNames(path.Base(c.rel))
		for _, comp := range c.companions {
			names = append(names, media.SidecarNames(path.Base(comp))...)
		}
		for _, n := range names {
			if sc, ok := sidecars[strings.ToLower(n)]; ok {
				c.sidecar = sc.abs
				c.modTime = max(c.modTime, sc.modTime)
				break
			}
		}
	}
	return files
}
