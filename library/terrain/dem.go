// Package terrain knows the shape of the ground: SRTM elevation tiles from the user's data folder and the
// ones bundled with Cairn, heights at any point, the horizon seen from a camera, whether a summit can be
// seen from there or what hides it, shaded relief for the map, and fetching and importing tiles.
package terrain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cairn-photos/cairn/assets"
)

// Dir is where a data root keeps its terrain tiles.
func Dir(dataRoot string) string { return filepath.Join(dataRoot, "terrain") }

// Embedded is the Source of the tiles bundled in the binary.
const Embedded = "embedded"

// DefaultCacheBytes bounds the decoded tiles a DEM keeps: 33 tiles of 3″ (2.9 MB each) or 3 of 1″
// (26 MB each); a horizon out to 150 km at mid latitudes touches up to 16 tiles.
const DefaultCacheBytes = 96 << 20

// DEM is a digital elevation model made of one-degree tiles. It is safe for concurrent use.
type DEM struct {
	tiles    map[tileKey]TileInfo
	cache    *tileCache
	problems []error // folders and files Open could not look at
}

// TileInfo says where a tile comes from.
type TileInfo struct {
	Name     string // SRTM name, e.g. N27E086
	Lat, Lon int    // south-west corner
	Source   string // the file it is read from, or Embedded
	Bytes    int64  // size of that file
	modTime  int64
}

type options struct {
	cacheBytes int64
	embedded   bool
}

// Option tunes Open.
type Option func(*options)

// WithCacheBytes sets how many bytes of decoded tiles the DEM keeps in memory (at least one tile is kept).
func WithCacheBytes(n int64) Option { return func(o *options) { o.cacheBytes = n } }

// WithoutEmbedded leaves out the tiles bundled in the binary.
func WithoutEmbedded() Option { return func(o *options) { o.embedded = false } }

// Open makes a DEM of the tiles in dir (SRTM names, .hgt, .hgt.gz or .hgt.zip, flat or in sub-folders such
// as N27/N27E086.hgt.gz) and the bundled ones; a tile in dir replaces the bundled tile of the same name.
// A missing dir is an empty one. Tiles are read when first needed.
func Open(dir string, opts ...Option) (*DEM, error) {
	o := options{cacheBytes: DefaultCacheBytes, embedded: true}
	for _, opt := range opts {
		opt(&o)
	}
	d := &DEM{tiles: map[tileKey]TileInfo{}, cache: newTileCache(o.cacheBytes)}
	if o.embedded {
		if err := d.addEmbedded(); err != nil {
			return nil, err
		}
	}
	if dir != "" {
		if err := d.addDir(dir); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (d *DEM) addEmbedded() error {
	fsys, err := assets.TerrainTiles()
	if err != nil {
		return err
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("bundled terrain tiles: %w", err)
	}
	for _, e := range entries {
		key, ok := parsePackedName(e.Name())
		if !ok {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return fmt.Errorf("bundled terrain tile %s: %w", e.Name(), err)
		}
		d.tiles[key] = TileInfo{Name: key.Name(), Lat: key.lat, Lon: key.lon, Source: Embedded, Bytes: info.Size()}
	}
	return nil
}

func parsePackedName(base string) (tileKey, bool) {
	key, comp, ok := parseTileFile(strings.TrimSuffix(base, PackedExt) + ".hgt")
	return key, ok && comp == "" && strings.HasSuffix(base, PackedExt)
}

// addDir adds the tiles below dir. Of two files for one tile the uncompressed one wins (quickest to read). A
// folder or file it cannot look at is noted in Problems and skipped.
func (d *DEM) addDir(dir string) error {
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			switch {
			case path == dir && os.IsNotExist(err):
				return fs.SkipAll
			case path == dir:
				return err
			}
			d.problems = append(d.problems, fmt.Errorf("terrain tiles: %w", err))
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		key, comp, ok := parseTileFile(e.Name())
		if !ok {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			d.problems = append(d.problems, fmt.Errorf("terrain tile %s: %w", path, err))
			return nil
		}
		if old, ok := d.tiles[key]; ok && old.Source != Embedded && strings.HasSuffix(strings.ToLower(old.Source), ".hgt") && comp != "" {
			return nil
		}
		d.tiles[key] = TileInfo{Name: key.Name(), Lat: key.lat, Lon: key.lon, Source: path, Bytes: info.Size(), modTime: info.ModTime().UnixNano()}
		return nil
	})
	if err != nil {
		return fmt.Errorf("terrain tiles in %s: %w", dir, err)
	}
	return nil
}

// Problems lists the folders and files below the tile folder that Open could not look at.
func (d *DEM) Problems() []error { return d.problems }

// Coverage lists the tiles the DEM has, by name.
func (d *DEM) Coverage() []TileInfo {
	out := make([]TileInfo, 0, len(d.tiles))
	for _, t := range d.tiles {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Digest identifies the coverage: it changes when a tile is added, removed or replaced, so a library can tell
// that its terrain-derived results are stale.
func (d *DEM) Digest() string {
	h := sha256.New()
	for _, t := range d.Coverage() {
		src := t.Source
		if src != Embedded {
			src = "file"
		}
		fmt.Fprintf(h, "%s %s %d %d\n", t.Name, src, t.Bytes, t.modTime)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// tile returns the decoded tile at a resolution, nil when the DEM has none there.
func (d *DEM) tile(key tileKey, res resolution) (*tile, error) {
	info, ok := d.tiles[key]
	if !ok {
		return nil, nil
	}
	return d.cache.get(cacheKey{key, res}, func() (*tile, error) {
		t, err := loadTile(key, info)
		if err != nil || res == native || t.n == samples3 {
			return t, err
		}
		return t.decimate(3), nil
	})
}

func loadTile(key tileKey, info TileInfo) (*tile, error) {
	if info.Source == Embedded {
		fsys, err := assets.TerrainTiles()
		if err != nil {
			return nil, err
		}
		packed, err := fs.ReadFile(fsys, key.Name()+PackedExt)
		if err != nil {
			return nil, fmt.Errorf("bundled terrain tile %s: %w", key.Name(), err)
		}
		t, err := unpackTile(key, packed)
		if err != nil {
			return nil, fmt.Errorf("bundled terrain tile %s: %w", key.Name(), err)
		}
		t.fillVoids()
		return t, nil
	}
	raw, err := readTileFile(info.Source)
	if err != nil {
		return nil, err
	}
	return decodeHGT(key, raw)
}

// Check reads a tile of the coverage whole and returns its resolution in arc seconds (1 or 3), or what is
// wrong with it.
func (d *DEM) Check(info TileInfo) (arcSeconds int, err error) {
	key := tileKey{info.Lat, info.Lon}
	t, err := loadTile(key, info)
	if err != nil {
		return 0, err
	}
	if t.voids {
		return 0, fmt.Errorf("terrain tile %s: a stretch of it has no data at all", info.Source)
	}
	return 3600 / (t.n - 1), nil
}
