package mapview

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // MBTiles tiles are PNG or JPEG
	_ "image/png"
	"net/url"
	"sync"

	_ "golang.org/x/image/webp" // and sometimes WebP
	_ "modernc.org/sqlite"      // pure-Go SQLite: no cgo for an optional layer
)

// maxCachedTiles bounds the decoded tiles kept between frames: a screenful at two zoom levels.
const maxCachedTiles = 128

// tileSource reads raster tiles from an MBTiles file (https://github.com/mapbox/mbtiles-spec): a SQLite
// database whose tiles table is keyed by zoom, column and TMS row, which counts from the south.
type tileSource struct {
	mu               sync.Mutex // the cache is shared by frames and background redraws
	db               *sql.DB
	minZoom, maxZoom int
	cache            map[tileKey]image.Image // nil image: no such tile
	order            []tileKey               // insertion order, for eviction
}

type tileKey struct{ z, x, y int }

func openMBTiles(path string) (*tileSource, error) {
	dsn := (&url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open MBTiles %s: %w", path, err)
	}
	ts := &tileSource{db: db, cache: map[tileKey]image.Image{}}
	var lo, hi sql.NullInt64
	if err := db.QueryRow(`SELECT min(zoom_level), max(zoom_level) FROM tiles`).Scan(&lo, &hi); err != nil {
		db.Close()
		return nil, fmt.Errorf("read MBTiles %s: %w", path, err)
	}
	if !lo.Valid {
		db.Close()
		return nil, fmt.Errorf("MBTiles %s has no tiles", path)
	}
	ts.minZoom, ts.maxZoom = int(lo.Int64), int(hi.Int64)
	return ts, nil
}

func (ts *tileSource) close() error { return ts.db.Close() }

// Zooms is part of TileSource.
func (ts *tileSource) Zooms() (lo, hi int) { return ts.minZoom, ts.maxZoom }

// Tile is part of TileSource.
func (ts *tileSource) Tile(z, x, y int) (image.Image, error) { return ts.tile(z, x, y) }

// tile returns the decoded tile at XYZ address (z, x, y), or nil when the file has none there.
func (ts *tileSource) tile(z, x, y int) (image.Image, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	k := tileKey{z, x, y}
	if img, ok := ts.cache[k]; ok {
		return img, nil
	}
	var data []byte
	row := (1 << z) - 1 - y // TMS counts rows from the south
	err := ts.db.QueryRow(`SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`,
		z, x, row).Scan(&data)
	var img image.Image
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, fmt.Errorf("read tile %d/%d/%d: %w", z, x, y, err)
	default:
		if img, _, err = image.Decode(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("decode tile %d/%d/%d: %w", z, x, y, err)
		}
	}
	if len(ts.order) >= maxCachedTiles {
		delete(ts.cache, ts.order[0])
		ts.order = ts.order[1:]
	}
	ts.cache[k] = img
	ts.order = append(ts.order, k)
	return img, nil
}
