package terrain

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/library/geo"
)

// A plane rising towards the south-east faces away from a north-western light by exactly its slope.
func TestHillshadeOfAPlane(t *testing.T) {
	dir := t.TempDir()
	// Heights rise 10 m per sample eastwards and 10 m per sample southwards.
	writeFile(t, filepath.Join(dir, "N00E010.hgt"), makeHGT(samples3, func(r, c int) int16 { return int16(10 * (r + c)) }))
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	img, err := d.Hillshade(Box{South: 0.2, West: 10.2, North: 0.8, East: 10.8}, 64, 64, HillshadeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cell := geo.Rad(1.0/1200) * geo.EarthRadiusM // metres per sample, both ways at the equator
	p := 10 / cell                               // the slope along each axis
	// The normal is ∝ (−p, p, 1) (east, north, up), the light (−½, ½, √½): facing it, brighter than flat ground.
	wantV := 255 * (p + math.Sqrt(0.5)) / math.Sqrt(1+2*p*p)
	flat := 255 * math.Sqrt(0.5)
	got := float64(img.NRGBAAt(32, 32).R)
	if math.Abs(got-wantV) > 1.5 || got <= flat {
		t.Errorf("shade %.0f, want %.0f (flat ground: %.0f)", got, wantV, flat)
	}
	if img.NRGBAAt(32, 32).A != 255 {
		t.Error("terrain is not opaque")
	}
	// As an overlay: the slope faces the light, so it lightens; flat ground would be transparent.
	over, err := d.Hillshade(Box{South: 0.2, West: 10.2, North: 0.8, East: 10.8}, 64, 64, HillshadeOptions{Overlay: true})
	if err != nil {
		t.Fatal(err)
	}
	if px := over.NRGBAAt(32, 32); px.R != 255 || px.A == 0 || px.A > overlayLightAlpha {
		t.Errorf("overlay pixel %+v, want white with some alpha", px)
	}
	if r, _, _, a := overlayPixel(math.Sqrt(0.5), math.Sqrt(0.5)); a != 0 {
		t.Errorf("flat ground: alpha %d (r %d)", a, r)
	}
	if r, _, _, a := overlayPixel(0, math.Sqrt(0.5)); r != 0 || a != overlayShadowAlpha {
		t.Errorf("full shadow: r %d alpha %d", r, a)
	}
	// Outside the tile: transparent.
	img, err = d.Hillshade(Box{South: 0.5, West: 10.5, North: 1.5, East: 11.5}, 20, 20, HillshadeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a := img.NRGBAAt(2, 18).A; a != 255 {
		t.Errorf("inside the tile alpha %d", a)
	}
	if a := img.NRGBAAt(18, 2).A; a != 0 {
		t.Errorf("outside the tile alpha %d, want transparent", a)
	}
}

// The Khumbu at zoom 11 around Everest, written to the test's output folder when CAIRN_HILLSHADE_PNG names a
// file (to look at); the shaded relief must not be flat.
func TestHillshadeOfTheKhumbu(t *testing.T) {
	d := openEmbedded(t)
	img, err := d.Hillshade(Box{South: 27.75, West: 86.6, North: 28.1, East: 87.1}, 600, 420, HillshadeOptions{Mercator: true})
	if err != nil {
		t.Fatal(err)
	}
	var dark, bright int
	for y := 0; y < 420; y++ {
		for x := 0; x < 600; x++ {
			switch v := img.NRGBAAt(x, y).R; {
			case v < 60:
				dark++
			case v > 220:
				bright++
			}
		}
	}
	if dark < 600*420/50 || bright < 600*420/50 {
		t.Errorf("%d dark and %d bright pixels of %d: the relief is not shaded", dark, bright, 600*420)
	}
	if out := os.Getenv("CAIRN_HILLSHADE_PNG"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.HillshadeTile(11, 1518, 856, 256, HillshadeOptions{}); err != nil {
		t.Error(err)
	}
	if _, err := d.HillshadeTile(3, 5, 3, 256, HillshadeOptions{Overlay: true}); err != nil {
		t.Error(err)
	}
	if _, err := d.HillshadeTile(3, 8, 8, 256, HillshadeOptions{}); err == nil {
		t.Error("tile 3/8/8 exists")
	}
}

func BenchmarkHillshade(b *testing.B) {
	d := openEmbedded(b)
	b.Run("tile256", func(b *testing.B) {
		loopWithCPU(b, func() error {
			_, err := d.HillshadeTile(12, 3037, 1713, 256, HillshadeOptions{Overlay: true})
			return err
		})
	})
	b.Run("view1024x768", func(b *testing.B) {
		loopWithCPU(b, func() error {
			_, err := d.Hillshade(Box{South: 27.7, West: 86.5, North: 28.2, East: 87.2}, 1024, 768, HillshadeOptions{Mercator: true})
			return err
		})
	})
}
