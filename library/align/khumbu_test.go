package align

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/media"
	"github.com/cairn-photos/cairn/library/skyline"
	"github.com/cairn-photos/cairn/library/terrain"
)

// drawDir, when set (go test -run Khumbu -draw DIR), receives every khumbu photo with its skyline and the
// rendered horizon at the aligned view drawn over it (at the compass heading too, in grey).
var grey = color.RGBA{170, 170, 170, 255}

var drawDir = flag.String("draw", "", "write alignment overlays of the khumbu photos as PNG into this folder")

// scene is what alignment needs of one khumbu photo.
type scene struct {
	name    string
	img     image.Image
	sky     skyline.Profile
	prior   camera.Estimate
	horizon *terrain.Horizon
}

func openDEM(t testing.TB) *terrain.DEM {
	t.Helper()
	d, err := terrain.Open(testenv.SharedDir(t, "dem"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// loadScene decodes a khumbu photo as the scan does and renders the horizon at its GPS position.
func loadScene(t testing.TB, d *terrain.DEM, name string) scene {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.SharedDir(t, "khumbu", "data", "images"), name))
	if err != nil {
		t.Fatal(err)
	}
	info, err := media.Inspect(data)
	if err != nil {
		t.Fatalf("inspect %s: %v", name, err)
	}
	img, err := media.DecodeUpright(data, info, 256)
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	m := info.Meta
	if !m.HasGPS {
		t.Fatalf("%s: no GPS", name)
	}
	var gpsAlt *float64
	if m.HasAltitude {
		gpsAlt = &m.AltitudeM
	}
	alt, ok := d.CameraAltitude(m.Lat, m.Lon, gpsAlt)
	if !ok {
		t.Fatalf("%s: no camera altitude", name)
	}
	h, err := d.Horizon(m.Lat, m.Lon, alt.M)
	if err != nil {
		t.Fatalf("%s: horizon: %v", name, err)
	}
	b := img.Bounds()
	return scene{name: name, img: img, sky: skyline.Detect(img),
		prior: camera.FromEXIF(m, b.Dx(), b.Dy()), horizon: h}
}

func writeAlignOverlay(t testing.TB, sc scene, r Result) {
	t.Helper()
	if *drawDir == "" {
		return
	}
	out := skyline.Overlay(sc.img, sc.sky)
	DrawHorizon(out, sc.horizon, sc.prior.View, grey)
	DrawHorizon(out, sc.horizon, r.View, HorizonColour)
	f, err := os.Create(filepath.Join(*drawDir, strings.TrimSuffix(sc.name, filepath.Ext(sc.name))+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, out); err != nil {
		t.Fatal(err)
	}
}

func TestKhumbuAlignOverview(t *testing.T) {
	if *drawDir == "" {
		t.Skip("no -draw folder")
	}
	d := openDEM(t)
	entries, err := os.ReadDir(testenv.SharedDir(t, "khumbu", "data", "images"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		sc := loadScene(t, d, e.Name())
		r := Align(sc.horizon, sc.sky, sc.prior, Options{})
		free := sc.prior
		free.HasHeading = false
		r360 := Align(sc.horizon, sc.sky, free, Options{})
		t.Logf("%s: compass %.1f → %s %.2f (pitch %.1f→%.1f roll %.1f→%.1f hfov %.1f→%.1f) conf %.2f agree %.2f margin %.2f relief %.1f tol %.2f %s | 360: %s %.2f conf %.2f agree %.2f margin %.2f %s",
			sc.name, sc.prior.View.Heading, r.Source, r.View.Heading, sc.prior.View.Pitch, r.View.Pitch,
			sc.prior.View.Roll, r.View.Roll, sc.prior.View.HFOV, r.View.HFOV, r.Confidence, r.Agree, r.Margin,
			r.ReliefDeg, r.ToleranceDeg, r.Reason, r360.Source, r360.View.Heading, r360.Confidence, r360.Agree, r360.Margin, r360.Reason)
		writeAlignOverlay(t, sc, r)
	}
}

// BenchmarkKhumbuPhoto is the terrain part of identifying one photo, as the scan would do it after decoding:
// the horizon at the camera (its tiles already read), the skyline, and the alignment in the compass's window.
func BenchmarkKhumbuPhoto(b *testing.B) {
	d := openDEM(b)
	sc := loadScene(b, d, "IMG_2906.HEIC")
	lat, lon, alt := sc.horizon.Lat, sc.horizon.Lon, sc.horizon.EyeAltM
	b.Run("horizon", func(b *testing.B) {
		for b.Loop() {
			if _, err := d.Horizon(lat, lon, alt); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("skyline", func(b *testing.B) {
		for b.Loop() {
			skyline.Detect(sc.img)
		}
	})
	b.Run("align", func(b *testing.B) {
		for b.Loop() {
			Align(sc.horizon, sc.sky, sc.prior, Options{})
		}
	})
	free := sc.prior
	free.HasHeading = false
	b.Run("align-around", func(b *testing.B) {
		for b.Loop() {
			Align(sc.horizon, sc.sky, free, Options{})
		}
	})
}
