package terrain

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadTile feeds arbitrary bytes to the tile readers as .hgt, .hgt.gz, .hgt.zip and a packed tile: they
// must return a tile or an error, never panic or allocate beyond one tile.
func FuzzReadTile(f *testing.F) {
	small := makeHGT(samples3, plane)
	f.Add(gzipBytes(f, small))
	f.Add(zipBytes(f, "N10E020.hgt", small))
	packed, err := PackTile(small)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(packed)
	f.Add([]byte(packMagic + "\x04\xb1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		for _, name := range []string{"N10E020.hgt", "N10E020.hgt.gz", "N10E020.hgt.zip"} {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if raw, err := readTileFile(path); err == nil {
				if _, err := decodeHGT(tileKey{10, 20}, raw); err != nil {
					t.Errorf("%s read but does not decode: %v", name, err)
				}
			}
		}
		if tl, err := unpackTile(tileKey{10, 20}, b); err == nil && len(tl.h) != tl.n*tl.n {
			t.Errorf("unpacked %d samples for %d per side", len(tl.h), tl.n)
		}
	})
}
