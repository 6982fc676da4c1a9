package mediatest_test

import (
	"bytes"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/media"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// khumbuEXIF is north and east with an altitude but no heading, the opposite signs to media's own fixture.
var khumbuEXIF = mediatest.EXIF{
	Make: "Canon", Model: "EOS R6", Orientation: 8, ShotTime: "2024:10:20 06:40:00", Offset: "+05:45",
	HasGPS: true, Lat: 27.9881, Lon: 86.9250, HasAltitude: true, AltitudeM: 5364.2,
}

// TestEXIFReadsBack checks every container carries the block and that fields left zero stay absent.
func TestEXIFReadsBack(t *testing.T) {
	exif := khumbuEXIF.Bytes()
	for name, data := range map[string][]byte{
		"jpeg": mediatest.JPEG(t, mediatest.MarkerImage(40, 30), exif),
		"png":  mediatest.PNG(t, mediatest.MarkerImage(40, 30), exif),
		"webp": mediatest.WebP(40, 30, exif, nil),
		"heif": mediatest.HEIF(40, 30, exif),
	} {
		info, err := media.Inspect(data)
		if err != nil || info.MetaErr != nil {
			t.Fatalf("%s: inspect: %v / %v", name, err, info.MetaErr)
		}
		m := info.Meta
		if info.Width != 40 || info.Height != 30 || m.Make != "Canon" || m.Model != "EOS R6" || m.Orientation != 8 {
			t.Errorf("%s: %d×%d %q %q orientation %d", name, info.Width, info.Height, m.Make, m.Model, m.Orientation)
		}
		if !m.HasOffset || m.ShotTime.Format("2006-01-02 15:04 -07:00") != "2024-10-20 06:40 +05:45" {
			t.Errorf("%s: time %v (offset %v)", name, m.ShotTime, m.HasOffset)
		}
		if !m.HasGPS || math.Abs(m.Lat-27.9881) > 1e-6 || math.Abs(m.Lon-86.9250) > 1e-6 {
			t.Errorf("%s: gps %v %v,%v", name, m.HasGPS, m.Lat, m.Lon)
		}
		if !m.HasAltitude || math.Abs(m.AltitudeM-5364.2) > 1e-3 || m.HasHeading || m.Focal35mm != 0 {
			t.Errorf("%s: altitude %v %v heading %v focal %v", name, m.HasAltitude, m.AltitudeM, m.HasHeading, m.Focal35mm)
		}
	}

	empty, err := media.Inspect(mediatest.JPEG(t, mediatest.MarkerImage(8, 8), mediatest.EXIF{}.Bytes()))
	if err != nil || empty.MetaErr != nil {
		t.Fatalf("empty exif: %v / %v", err, empty.MetaErr)
	}
	if m := empty.Meta; m.HasShotTime || m.HasGPS || m.Make != "" || m.Orientation != 1 {
		t.Errorf("empty exif read as %+v", m)
	}
}

// TestEXIFAgreesWithExiv2 has an independent reader check the block, when exiv2 is installed.
func TestEXIFAgreesWithExiv2(t *testing.T) {
	exiv2, err := exec.LookPath("exiv2")
	if err != nil {
		t.Skip("exiv2 not on PATH")
	}
	path := filepath.Join(t.TempDir(), "khumbu.jpg")
	if err := os.WriteFile(path, mediatest.JPEG(t, mediatest.MarkerImage(16, 16), khumbuEXIF.Bytes()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(exiv2, "-Pkv", path).CombinedOutput()
	if err != nil {
		t.Fatalf("exiv2: %v\n%s", err, out)
	}
	for _, want := range []string{"Exif.Image.Make Canon", "Exif.Image.Orientation 8",
		"Exif.Photo.DateTimeOriginal 2024:10:20 06:40:00", "Exif.Photo.OffsetTimeOriginal +05:45",
		"Exif.GPSInfo.GPSLatitudeRef N", "Exif.GPSInfo.GPSAltitude 53642000/10000"} {
		if !strings.Contains(strings.Join(strings.Fields(string(out)), " "), want) {
			t.Errorf("exiv2 output lacks %q:\n%s", want, out)
		}
	}
}

func TestSolidJPEG(t *testing.T) {
	data := mediatest.SolidJPEG(t, color.RGBA{30, 90, 200, 255}, 48, 32, nil)
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 48 || b.Dy() != 32 {
		t.Fatalf("size %v", b)
	}
	r, g, b, _ := img.At(24, 16).RGBA()
	if d := max(diff(r>>8, 30), diff(g>>8, 90), diff(b>>8, 200)); d > 6 {
		t.Errorf("centre %d,%d,%d, want ≈30,90,200", r>>8, g>>8, b>>8)
	}
}

func TestMarkerImage(t *testing.T) {
	img := mediatest.MarkerImage(40, 20)
	for _, c := range []struct {
		x, y int
		want color.RGBA
	}{{0, 0, color.RGBA{230, 20, 20, 255}}, {39, 0, color.RGBA{20, 20, 230, 255}}, {20, 19, color.RGBA{128, 128, 128, 255}}} {
		if got := img.RGBAAt(c.x, c.y); got != c.want {
			t.Errorf("(%d,%d) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

func diff(a uint32, b int) int { return max(int(a)-b, b-int(a)) }
