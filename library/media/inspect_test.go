package media

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// everestEXIF is a fixture with every field set, south/west and below sea level to exercise the signs.
var everestEXIF = mediatest.EXIF{
	Make: "Apple", Model: `iPhone "15", Pro`, Orientation: 6,
	ShotTime: "2023:11:02 09:15:25", Offset: "-03:30", Focal35mm: 120,
	HasGPS: true, Lat: -27.9015111, Lon: -86.8213361,
	HasAltitude: true, AltitudeM: -12.5,
	HasHeading: true, HeadingDeg: 335.7665,
}

func checkEverestMeta(t *testing.T, name string, m Metadata) {
	t.Helper()
	want := time.Date(2023, 11, 2, 9, 15, 25, 0, time.FixedZone("", -(3*3600+30*60)))
	if !m.HasShotTime || !m.HasOffset || !m.ShotTime.Equal(want) || m.ShotTime.Hour() != 9 {
		t.Errorf("%s: time %v (has %v offset %v), want %v", name, m.ShotTime, m.HasShotTime, m.HasOffset, want)
	}
	if !m.HasGPS || math.Abs(m.Lat-everestEXIF.Lat) > 1e-6 || math.Abs(m.Lon-everestEXIF.Lon) > 1e-6 {
		t.Errorf("%s: gps %v %v,%v", name, m.HasGPS, m.Lat, m.Lon)
	}
	if !m.HasAltitude || math.Abs(m.AltitudeM-everestEXIF.AltitudeM) > 1e-3 {
		t.Errorf("%s: altitude %v %v", name, m.HasAltitude, m.AltitudeM)
	}
	if !m.HasHeading || math.Abs(m.HeadingDeg-everestEXIF.HeadingDeg) > 1e-4 {
		t.Errorf("%s: heading %v %v", name, m.HasHeading, m.HeadingDeg)
	}
	if m.Focal35mm != 120 || m.Orientation != 6 || m.Make != "Apple" || m.Model != everestEXIF.Model {
		t.Errorf("%s: focal %v orientation %d camera %q %q", name, m.Focal35mm, m.Orientation, m.Make, m.Model)
	}
}

// TestInspectEveryContainer writes the same EXIF into JPEG, PNG, WebP and HEIF and reads it back.
func TestInspectEveryContainer(t *testing.T) {
	exif := everestEXIF.Bytes()
	img := mediatest.MarkerImage(40, 30)
	cases := []struct {
		name   string
		data   []byte
		format Format
	}{
		{"jpeg", mediatest.JPEG(t, img, exif), FormatJPEG},
		{"png", mediatest.PNG(t, img, exif), FormatPNG},
		{"webp", mediatest.WebP(40, 30, exif, nil), FormatWebP},
		{"heif", mediatest.HEIF(40, 30, exif), FormatHEIC},
		{"tiff", exif, FormatTIFF},
	}
	for _, c := range cases {
		info, err := Inspect(c.data)
		if c.format == FormatTIFF { // an EXIF block alone is a TIFF without an image size
			if !errors.Is(err, ErrCorrupt) || info.Meta.Make != "Apple" {
				t.Errorf("tiff without size: err %v make %q", err, info.Meta.Make)
			}
			continue
		}
		if err != nil || info.MetaErr != nil {
			t.Fatalf("%s: inspect: %v / %v", c.name, err, info.MetaErr)
		}
		if info.Format != c.format || info.Width != 40 || info.Height != 30 {
			t.Errorf("%s: got %s %d×%d", c.name, info.Format, info.Width, info.Height)
		}
		checkEverestMeta(t, c.name, info.Meta)
	}
}

func TestInspectWithoutEXIF(t *testing.T) {
	info, err := Inspect(mediatest.JPEG(t, mediatest.MarkerImage(16, 8), nil))
	if err != nil || info.MetaErr != nil {
		t.Fatalf("inspect: %v / %v", err, info.MetaErr)
	}
	if info.Width != 16 || info.Height != 8 || !reflect.DeepEqual(info.Meta, defaultMetadata()) {
		t.Errorf("got %d×%d %+v", info.Width, info.Height, info.Meta)
	}
}

// TestInspectLocalTime: without an offset the wall clock is kept, in UTC, and HasOffset is false.
func TestInspectLocalTime(t *testing.T) {
	f := mediatest.EXIF{Make: "X", Orientation: 1, ShotTime: "2001:02:03 04:05:06"}
	info, err := Inspect(mediatest.JPEG(t, mediatest.MarkerImage(8, 8), f.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	m := info.Meta
	if !m.HasShotTime || m.HasOffset || !m.ShotTime.Equal(time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)) || m.HasGPS {
		t.Errorf("got %+v", m)
	}
}

// TestInspectLoopingIFDs: IFD1 pointing back to IFD0 must neither hang nor lose IFD0's tags.
func TestInspectLoopingIFDs(t *testing.T) {
	f := everestEXIF
	f.LoopIFDs = true
	info, err := Inspect(mediatest.JPEG(t, mediatest.MarkerImage(8, 8), f.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	checkEverestMeta(t, "looping", info.Meta)
}

// TestInspectZeroCountEntry: goexif rejects a whole IFD for one entry with count 0; we lose only that entry.
func TestInspectZeroCountEntry(t *testing.T) {
	f := everestEXIF
	f.ZeroCountEntry = true
	info, err := Inspect(mediatest.JPEG(t, mediatest.MarkerImage(8, 8), f.Bytes()))
	if err != nil || info.MetaErr != nil {
		t.Fatalf("inspect: %v / %v", err, info.MetaErr)
	}
	checkEverestMeta(t, "zero count", info.Meta)
}

func TestRepairTIFFLeavesGoodDataAlone(t *testing.T) {
	exif := everestEXIF.Bytes()
	if got := repairTIFF(exif); &got[0] != &exif[0] {
		t.Error("repairTIFF copied an undamaged block")
	}
	f := everestEXIF
	f.LoopIFDs = true
	looping := f.Bytes()
	before := string(looping)
	if got := repairTIFF(looping); string(got) == before || string(looping) != before {
		t.Error("repairTIFF must cut the loop in a copy and leave its input alone")
	}
}

func TestParseOffset(t *testing.T) {
	for s, want := range map[string]int{"+05:45": 20700, "-03:30": -12600, "Z": 0, "+0100": 3600} {
		if got, ok := parseOffset(s); !ok || got != want {
			t.Errorf("parseOffset(%q) = %d %v, want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "   :  ", "+25:00x"} {
		if _, ok := parseOffset(s); ok {
			t.Errorf("parseOffset(%q) accepted", s)
		}
	}
}
