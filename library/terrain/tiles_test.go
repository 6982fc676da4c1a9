package terrain

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// makeHGT builds the bytes of an n×n .hgt tile from a height function of (row from north, column from west).
func makeHGT(n int, height func(r, c int) int16) []byte {
	raw := make([]byte, 2*n*n)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			binary.BigEndian.PutUint16(raw[2*(r*n+c):], uint16(height(r, c)))
		}
	}
	return raw
}

func gzipBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipBytes(t testing.TB, name string, b []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTileNames(t *testing.T) {
	for _, c := range []struct {
		base string
		key  tileKey
		comp string
	}{
		{"N27E086.hgt", tileKey{27, 86}, ""},
		{"n27e086.hgt.gz", tileKey{27, 86}, ".gz"},
		{"S01W072.HGT.ZIP", tileKey{-1, -72}, ".zip"},
		{"N28E087.SRTMGL1.hgt.zip", tileKey{28, 87}, ".zip"},
	} {
		key, comp, ok := parseTileFile(c.base)
		if !ok || key != c.key || comp != c.comp {
			t.Errorf("%s: %v %q %v, want %v %q", c.base, key, comp, ok, c.key, c.comp)
		}
	}
	for _, bad := range []string{"N27E086.tif", "N91E000.hgt", "N27E186.hgt", "X27E086.hgt", "N27E086.hgt.bz2"} {
		if _, _, ok := parseTileFile(bad); ok {
			t.Errorf("%s parsed as a tile", bad)
		}
	}
	if got := (tileKey{-1, -72}).Name(); got != "S01W072" {
		t.Errorf("name %s", got)
	}
	if k := keyAt(-0.5, -71.2); k != (tileKey{-1, -72}) {
		t.Errorf("keyAt south-west: %v", k)
	}
}

// A plane rising 1 m per sample eastwards and 2 m per sample southwards: bilinear heights are exact on it.
func plane(r, c int) int16 { return int16(1000 + c + 2*r) }

func TestReadsEveryFileKindAndInterpolates(t *testing.T) {
	dir := t.TempDir()
	raw := makeHGT(samples3, plane)
	writeFile(t, filepath.Join(dir, "N10E020.hgt"), raw)
	writeFile(t, filepath.Join(dir, "N10", "N10E021.hgt.gz"), gzipBytes(t, raw))
	writeFile(t, filepath.Join(dir, "N10E022.hgt.zip"), zipBytes(t, "N10E022.hgt", raw))
	writeFile(t, filepath.Join(dir, "N11E020.hgt"), makeHGT(samples1, plane))
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.Coverage()); got != 4 {
		t.Fatalf("coverage %d tiles, want 4", got)
	}
	for _, lon0 := range []float64{20, 21, 22} {
		// 0.25 samples east and 0.5 south of the north-west corner.
		lat, lon := 11-0.5/1200.0, lon0+0.25/1200.0
		if z, ok := d.Elevation(lat, lon); !ok || math.Abs(z-(1000+0.25+2*0.5)) > 1e-6 {
			t.Errorf("E%.0f: %.4f %v", lon0, z, ok)
		}
	}
	// The 1″ tile: 3600 samples per degree.
	if z, ok := d.Elevation(12-10.0/3600, 20+5.0/3600); !ok || math.Abs(z-(1000+5+20)) > 1e-6 {
		t.Errorf("1″ tile: %.4f %v", z, ok)
	}
	// The south-east corner of a tile and the shared edge.
	if z, ok := d.Elevation(10, 20.999999999); !ok || math.Abs(z-(1000+1200+2400)) > 0.01 {
		t.Errorf("corner: %.4f %v", z, ok)
	}
}

func TestBadTilesAreReportedByName(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "N10E020.hgt"), make([]byte, 1000))
	writeFile(t, filepath.Join(dir, "N10E021.hgt.gz"), []byte("not gzip"))
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Elevation(10.5, 20.5); ok {
		t.Error("a truncated tile gave a height")
	}
	_, err = d.Horizon(10.5, 21.5, 100)
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("N10E021.hgt.gz")) {
		t.Errorf("horizon on a corrupt tile: %v; want an error naming the file", err)
	}
}

func TestVoidsAreFilledFromNeighbours(t *testing.T) {
	n := samples3
	h := make([]int16, n*n)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			h[r*n+c] = plane(r, c)
		}
	}
	// A 5×5 hole: on a plane, inverse-distance weights along the row and the column give the plane back.
	for r := 100; r < 105; r++ {
		for c := 200; c < 205; c++ {
			h[r*n+c] = voidValue
		}
	}
	tl := &tile{key: tileKey{0, 0}, n: n, h: h}
	tl.fillVoids()
	if tl.voids {
		t.Fatal("voids left")
	}
	for r := 100; r < 105; r++ {
		for c := 200; c < 205; c++ {
			if got, want := h[r*n+c], plane(r, c); got != want {
				t.Errorf("(%d,%d) = %d, want %d", r, c, got, want)
			}
		}
	}
	// A tile of voids stays void: no data.
	all := &tile{key: tileKey{0, 0}, n: n, h: make([]int16, n*n)}
	for i := range all.h {
		all.h[i] = voidValue
	}
	all.fillVoids()
	if _, ok := all.at(0.5, 0.5); ok || !all.voids {
		t.Error("an all-void tile has heights")
	}
}

func TestPackRoundTripsVoidsAndExtremes(t *testing.T) {
	raw := makeHGT(samples3, func(r, c int) int16 {
		switch {
		case r == 7:
			return voidValue
		case c == 9:
			return math.MaxInt16
		}
		return int16((r*31 + c*17) % 9000)
	})
	packed, err := PackTile(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := unpackTile(tileKey{}, packed)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got.h {
		if want := int16(binary.BigEndian.Uint16(raw[2*i:])); got.h[i] != want {
			t.Fatalf("sample %d: %d, want %d", i, got.h[i], want)
		}
	}
	if _, err := unpackTile(tileKey{}, packed[:len(packed)/2]); err == nil {
		t.Error("a truncated packed tile decoded")
	}
}

func TestCacheKeepsItsBudgetUnderConcurrentUse(t *testing.T) {
	dir := t.TempDir()
	for lon := 0; lon < 6; lon++ {
		writeFile(t, filepath.Join(dir, tileKey{0, lon}.Name()+".hgt"), makeHGT(samples3, func(r, c int) int16 { return int16(lon*1000 + r) }))
	}
	const tileBytes = samples3 * samples3 * 2
	d, err := Open(dir, WithoutEmbedded(), WithCacheBytes(2*tileBytes))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 18; i++ {
				lon := (i + w) % 6
				z, ok := d.Elevation(0.5, float64(lon)+0.5)
				if want := float64(lon*1000 + 600); !ok || z != want {
					t.Errorf("tile %d: %.1f %v, want %.1f", lon, z, ok, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	if tiles, bytes := d.cache.size(); tiles > 2 || bytes > 2*tileBytes {
		t.Errorf("cache holds %d tiles, %d bytes; budget 2 tiles", tiles, bytes)
	}
}

func TestDigestFollowsTheTiles(t *testing.T) {
	dir := t.TempDir()
	open := func() *DEM {
		d, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	before := open()
	if len(before.Coverage()) != 4 || before.Coverage()[0].Source != Embedded {
		t.Fatalf("coverage of the bundled tiles: %+v", before.Coverage())
	}
	if open().Digest() != before.Digest() {
		t.Error("digest changes between two opens of the same tiles")
	}
	writeFile(t, filepath.Join(dir, "N10", "N10E020.hgt.gz"), gzipBytes(t, makeHGT(samples3, plane)))
	after := open()
	if after.Digest() == before.Digest() || len(after.Coverage()) != 5 {
		t.Errorf("adding a tile: digest %s → %s, %d tiles", before.Digest(), after.Digest(), len(after.Coverage()))
	}
	// A user's tile replaces the bundled one.
	writeFile(t, filepath.Join(dir, "N27E086.hgt"), makeHGT(samples3, plane))
	d := open()
	if z, ok := d.Elevation(27.5, 86.5); !ok || z != 1000+600+1200 {
		t.Errorf("user tile over the bundled one: %.0f %v", z, ok)
	}
}

func TestCameraAltitude(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "N10E020.hgt"), makeHGT(samples3, func(int, int) int16 { return 3000 }))
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		gps    *float64
		want   float64
		source string
	}{
		{nil, 3000 + EyeLevelM, AltitudeTerrain},
		{f(3020), 3020, AltitudeGPS},
		{f(3250), 3250, AltitudeGPS},
		{f(3500), 3000 + EyeLevelM, AltitudeTerrain}, // a plane, or a wrong fix
		{f(2970), 3000 + EyeLevelM, AltitudeTerrain}, // under the ground: raised to eye level
		{f(2500), 3000 + EyeLevelM, AltitudeTerrain},
	} {
		got, ok := d.CameraAltitude(10.5, 20.5, c.gps)
		if !ok || got.M != c.want || got.Source != c.source || got.GroundM != 3000 {
			t.Errorf("gps %v: %+v, want %.1f from %s", c.gps, got, c.want, c.source)
		}
	}
	if got, ok := d.CameraAltitude(40, 20, f(1234)); !ok || got.M != 1234 || got.Source != AltitudeGPS {
		t.Errorf("no terrain: %+v", got)
	}
	if _, ok := d.CameraAltitude(40, 20, nil); ok {
		t.Error("an altitude from nothing")
	}
}

// A 1″ tile serves heights at full resolution and horizons from its 3″ version, a ninth of the memory.
func TestOneSecondTilesAreDecimatedForHorizons(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "N10E020.hgt"), makeHGT(samples1, func(r, c int) int16 { return int16((r*7 + c*13) % 3000) }))
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	full, err := d.tile(tileKey{10, 20}, native)
	if err != nil {
		t.Fatal(err)
	}
	small, err := d.tile(tileKey{10, 20}, coarse)
	if err != nil {
		t.Fatal(err)
	}
	if full.n != samples1 || small.n != samples3 {
		t.Fatalf("native %d, coarse %d samples per side", full.n, small.n)
	}
	for _, rc := range [][2]int{{0, 0}, {400, 17}, {1200, 1200}, {1199, 3}} {
		if got, want := small.h[rc[0]*samples3+rc[1]], full.h[rc[0]*3*samples1+rc[1]*3]; got != want {
			t.Errorf("coarse sample %v = %d, want the 1″ sample %d", rc, got, want)
		}
	}
	if _, err := d.Horizon(10.5, 20.5, 5000); err != nil {
		t.Fatal(err)
	}
}

func TestUnreadableFolderIsAProblemNotAFailure(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "N10", "N10E020.hgt"), makeHGT(samples3, plane))
	writeFile(t, filepath.Join(dir, "N11", "N11E020.hgt"), makeHGT(samples3, plane))
	if err := os.Chmod(filepath.Join(dir, "N11"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "N11"), 0o755)
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Coverage()) != 1 || len(d.Problems()) != 1 || !strings.Contains(d.Problems()[0].Error(), "N11") {
		t.Errorf("coverage %+v, problems %v", d.Coverage(), d.Problems())
	}
}
