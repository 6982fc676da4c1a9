package terrain

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// sharedDEM is the folder of the real Khumbu tiles, or "" (and the test skips) when the shared data is absent.
func sharedDEM(t testing.TB) string {
	t.Helper()
	root := os.Getenv("CAIRN_SHARED")
	if root == "" {
		root = filepath.Join("..", "..", "..", "shared")
	}
	dir := filepath.Join(root, "testdata", "dem")
	if _, err := os.Stat(filepath.Join(dir, "N27E086.hgt")); err != nil {
		t.Skipf("no shared terrain tiles in %s", dir)
	}
	return dir
}

func openEmbedded(t testing.TB) *DEM {
	t.Helper()
	d, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEmbeddedHeightsOfKnownSummits(t *testing.T) {
	d := openEmbedded(t)
	// SRTM 3″ reads sharp summits low: the DEM's own values at the catalog coordinates, within its tolerance.
	cases := []struct {
		name     string
		lat, lon float64
		want     float64
		tol      float64
	}{
		{"Everest", 27.9881, 86.9250, 8840, 40},
		{"Ama Dablam", 27.8617, 86.8614, 6800, 80},
		{"Lhotse", 27.9617, 86.9333, 8456, 60},
	}
	for _, c := range cases {
		got, ok := d.Elevation(c.lat, c.lon)
		if !ok || math.Abs(got-c.want) > c.tol {
			t.Errorf("%s: elevation %.0f (ok %v), want %.0f ± %.0f", c.name, got, ok, c.want, c.tol)
		}
	}
	if _, ok := d.Elevation(45, 7); ok {
		t.Error("the Alps have a height without tiles for them")
	}
}

func TestEmbeddedTilesEqualTheOriginals(t *testing.T) {
	dir := sharedDEM(t)
	d := openEmbedded(t)
	for _, info := range d.Coverage() {
		raw, err := readTileFile(filepath.Join(dir, info.Name+".hgt"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := decodeHGT(tileKey{info.Lat, info.Lon}, raw)
		if err != nil {
			t.Fatal(err)
		}
		got, err := d.tile(tileKey{info.Lat, info.Lon}, native)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want.h {
			if got.h[i] != want.h[i] {
				t.Fatalf("%s sample %d: bundled %d, file %d", info.Name, i, got.h[i], want.h[i])
			}
		}
	}
}

// BenchmarkDecodeBundledTile is the cost of a cache miss: unpacking a bundled 3″ tile and summarizing it.
func BenchmarkDecodeBundledTile(b *testing.B) {
	d := openEmbedded(b)
	info := d.tiles[tileKey{27, 86}]
	loopWithCPU(b, func() error { _, err := loadTile(tileKey{27, 86}, info); return err })
}
