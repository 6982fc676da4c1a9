package mapview

import (
	"bytes"
	"database/sql"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Four zoom-1 tiles, one colour per quadrant of the world. tile_row counts from the south (TMS), so the
// northern tiles are row 1: written out here rather than computed, so the test checks the flip.
var quadrants = []struct {
	column, row int
	colour      color.RGBA
	format      string
}{
	{0, 1, color.RGBA{200, 0, 0, 255}, "png"},   // north-west
	{1, 1, color.RGBA{0, 160, 0, 255}, "jpeg"},  // north-east
	{0, 0, color.RGBA{0, 0, 200, 255}, "png"},   // south-west
	{1, 0, color.RGBA{200, 200, 0, 255}, "png"}, // south-east
}

// writeMBTiles creates an MBTiles file as the spec lays it out: metadata and tiles tables.
func writeMBTiles(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quadrants.mbtiles")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`CREATE TABLE metadata (name TEXT, value TEXT)`,
		`CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)`,
		`CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)`,
		`INSERT INTO metadata VALUES ('name', 'quadrants'), ('format', 'png'), ('minzoom', '1'), ('maxzoom', '1')`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	for _, q := range quadrants {
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		draw.Draw(img, img.Bounds(), image.NewUniform(q.colour), image.Point{}, draw.Src)
		var buf bytes.Buffer
		if q.format == "png" {
			err = png.Encode(&buf, img)
		} else {
			err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95})
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO tiles VALUES (1, ?, ?, ?)`, q.column, q.row, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestMBTilesReadsTilesWithTMSFlip(t *testing.T) {
	ts, err := openMBTiles(writeMBTiles(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ts.close()
	if ts.minZoom != 1 || ts.maxZoom != 1 {
		t.Errorf("zoom range %d–%d, want 1–1", ts.minZoom, ts.maxZoom)
	}
	// XYZ (1, 0, 0) is the north-west tile.
	img, err := ts.tile(1, 0, 0)
	if err != nil || img == nil {
		t.Fatalf("tile 1/0/0: %v, %v", img, err)
	}
	if r, g, b, _ := img.At(10, 10).RGBA(); r>>8 != 200 || g>>8 != 0 || b>>8 != 0 {
		t.Errorf("tile 1/0/0 is (%d, %d, %d), want the north-west red", r>>8, g>>8, b>>8)
	}
	if img, err := ts.tile(3, 1, 1); err != nil || img != nil {
		t.Errorf("a missing tile gave %v, %v; want nil, nil", img, err)
	}
}

func TestSetRasterDrawsTilesInTheirQuadrants(t *testing.T) {
	test.NewTempApp(t)
	m := New()
	win := test.NewTempWindow(t, m)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(640, 480))
	if err := m.SetRaster(writeMBTiles(t)); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	img := m.render(640, 480).(*image.RGBA)
	check := func(name string, lat, lon float64, want color.RGBA) {
		p := m.PositionOf(lat, lon)
		got := img.RGBAAt(int(p.X), int(p.Y))
		if absDiff(got.R, want.R) > 8 || absDiff(got.G, want.G) > 8 || absDiff(got.B, want.B) > 8 {
			t.Errorf("%s (%v, %v) drawn %v, want %v", name, lat, lon, got, want)
		}
	}
	// Points in open ocean, so no coastline or border is drawn over the tile.
	check("north-west", 45, -40, quadrants[0].colour)
	check("north-east", 40, 170, quadrants[1].colour)
	check("south-west", -40, -120, quadrants[2].colour)
	check("south-east", -40, 90, quadrants[3].colour)

	if err := m.SetRaster(""); err != nil {
		t.Fatal(err)
	}
	if m.tiles != nil {
		t.Error(`SetRaster("") kept the raster layer`)
	}
}

func TestSetRasterRejectsNonMBTiles(t *testing.T) {
	test.NewTempApp(t)
	m := New()
	if err := m.SetRaster(filepath.Join(t.TempDir(), "missing.mbtiles")); err == nil {
		t.Error("SetRaster accepted a missing file")
	}
	empty := filepath.Join(t.TempDir(), "empty.mbtiles")
	db, err := sql.Open("sqlite", empty)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE other (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := m.SetRaster(empty); err == nil {
		t.Error("SetRaster accepted a database without a tiles table")
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}
