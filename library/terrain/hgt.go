package terrain

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const (
	// voidValue marks a sample SRTM has no height for.
	voidValue = -32768
	// samples3 and samples1 are the samples per side of 3″ (about 90 m) and 1″ (about 30 m) tiles.
	samples3 = 1201
	samples1 = 3601
)

// tileBytes are the sizes a valid .hgt file may have; the size tells the resolution.
var tileBytes = map[int]int{samples3 * samples3 * 2: samples3, samples1 * samples1 * 2: samples1}

// maxTileBytes bounds what a reader takes from a compressed tile, so a bad archive cannot fill memory.
const maxTileBytes = samples1 * samples1 * 2

// tile is one decoded one-degree tile: n×n heights in metres, rows from north to south, columns from west
// to east, edges shared with the neighbouring tiles.
type tile struct {
	key   tileKey
	n     int
	h     []int16
	voids bool  // some samples are still voids after filling: readers must check
	maxH  int16 // the highest sample
	blockMaxima
}

// decodeHGT decodes the big-endian samples of an .hgt file and fills its voids.
func decodeHGT(key tileKey, raw []byte) (*tile, error) {
	n, ok := tileBytes[len(raw)]
	if !ok {
		return nil, errors.New(badSize(len(raw)))
	}
	t := &tile{key: key, n: n, h: make([]int16, n*n)}
	for i := range t.h {
		t.h[i] = int16(binary.BigEndian.Uint16(raw[2*i:]))
	}
	t.fillVoids()
	return t, nil
}

// readTileFile reads the raw samples of an .hgt, .hgt.gz or .hgt.zip file (or of a download of one, named
// NAME.part), checking that they make a whole 1″ or 3″ tile.
func readTileFile(path string) ([]byte, error) {
	_, comp, ok := parseTileFile(filepath.Base(strings.TrimSuffix(path, ".part")))
	if !ok {
		return nil, fmt.Errorf("%s: not an SRTM tile name (like N27E086.hgt or N27E086.hgt.gz)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var raw []byte
	switch comp {
	case ".gz":
		raw, err = gunzipTile(f)
	case ".zip":
		raw, err = unzipTile(f)
	default:
		raw, err = io.ReadAll(io.LimitReader(f, maxTileBytes+1))
	}
	if err != nil {
		return nil, fmt.Errorf("read terrain tile %s: %w", path, err)
	}
	if _, ok := tileBytes[len(raw)]; !ok {
		return nil, fmt.Errorf("read terrain tile %s: %s", path, badSize(len(raw)))
	}
	return raw, nil
}

// verifyTileFile reads a tile file whole and returns its samples per side: 1201 or 3601.
func verifyTileFile(path string) (int, error) {
	raw, err := readTileFile(path)
	if err != nil {
		return 0, err
	}
	return tileBytes[len(raw)], nil
}

func badSize(n int) string {
	return fmt.Sprintf("%d bytes is not an SRTM tile (want %d for 3″ or %d for 1″)", n, samples3*samples3*2, samples1*samples1*2)
}

func gunzipTile(r io.Reader) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	defer zr.Close()
	raw, err := io.ReadAll(io.LimitReader(zr, maxTileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	return raw, nil
}

// unzipTile takes the .hgt file inside a zip archive (the layout of NASA's SRTMGL1 and of viewfinderpanoramas).
func unzipTile(f *os.File) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("unzip: %w", err)
	}
	for _, zf := range zr.File {
		if !strings.EqualFold(filepath.Ext(zf.Name), ".hgt") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("unzip %s: %w", zf.Name, err)
		}
		var buf bytes.Buffer
		_, err = io.Copy(&buf, io.LimitReader(rc, maxTileBytes+1))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("unzip %s: %w", zf.Name, err)
		}
		return buf.Bytes(), nil
	}
	return nil, errors.New("no .hgt file inside the zip archive")
}
