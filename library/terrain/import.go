package terrain

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Import copies tile files (.hgt, .hgt.gz or .hgt.zip with SRTM names) into dir (Dir(dataRoot)) in the SRTM
// layout, N27/N27E086.hgt.gz, after reading each whole to check it is a 1″ or 3″ tile. An imported tile replaces
// any other file of the same tile in dir. A file that fails is named in the error and the others are imported;
// it returns the names of the tiles imported.
func Import(dir string, files []string) ([]string, error) {
	var done []string
	var errs []error
	for _, src := range files {
		name, err := importTile(dir, src)
		if err != nil {
			errs = append(errs, fmt.Errorf("import %s: %w", src, err))
			continue
		}
		done = append(done, name)
	}
	return done, errors.Join(errs...)
}

func importTile(dir, src string) (string, error) {
	key, comp, ok := parseTileFile(filepath.Base(src))
	if !ok {
		return "", errors.New("not an SRTM tile name (like N27E086.hgt, N27E086.hgt.gz or N27E086.hgt.zip)")
	}
	if _, err := readTileFile(src); err != nil {
		return "", err
	}
	name := key.Name()
	dst := filepath.Join(dir, name[:3], name+".hgt"+comp)
	if err := copyFile(src, dst); err != nil {
		return "", err
	}
	return name, removeOtherFiles(dir, key, dst)
}

// copyFile copies src to dst through a temporary file, so that dst is whole or absent.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp := dst + ".part"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err := errors.Join(err, out.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}

// removeOtherFiles removes the files of a tile in dir other than keep.
func removeOtherFiles(dir string, key tileKey, keep string) error {
	return filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path == keep {
			return err
		}
		if k, _, ok := parseTileFile(e.Name()); ok && k == key && !strings.HasSuffix(path, ".part") {
			return os.Remove(path)
		}
		return nil
	})
}
