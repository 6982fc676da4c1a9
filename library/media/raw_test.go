package media

import (
	"bytes"
	"errors"
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media/mediatest"
	xtiff "golang.org/x/image/tiff"
)

// rawEXIF is a camera's metadata, rotated: the previews are stored as the sensor saw the scene.
var rawEXIF = mediatest.EXIF{Make: "NIKON CORPORATION", Model: "NIKON Z 6", Orientation: 6,
	ShotTime: "2024:10:20 06:40:00", SubSec: "25", Offset: "+05:45", HasGPS: true, Lat: 27.9881, Lon: 86.9250}

// TestRAWLayouts reads each maker's layout: metadata from the RAW's own directories, pixels from the preview,
// turned upright by the RAW's orientation.
func TestRAWLayouts(t *testing.T) {
	// Stored 640×480; orientation 6 turns it to 480×640 with the marker's red block top-left.
	preview := mediatest.JPEG(t, rotatedMarker(640, 480), nil)
	for layout, kind := range map[mediatest.RawLayout]string{mediatest.RawDNG: "DNG", mediatest.RawCR2: "CR2",
		mediatest.RawNEF: "NEF", mediatest.RawARW: "NEF", mediatest.RawRW2: "RW2", mediatest.RawORF: "ORF"} {
		data := rawEXIF.RAW(layout, preview)
		info, err := Inspect(data)
		if err != nil || info.MetaErr != nil {
			t.Fatalf("%s: inspect: %v / %v", layout, err, info.MetaErr)
		}
		if info.Format != FormatRAW || info.RawKind != kind {
			t.Errorf("%s: format %s %s, want raw %s", layout, info.Format, info.RawKind, kind)
		}
		checkRawMeta(t, string(layout), info.Meta)
		img, err := DecodeUpright(data, info, 0)
		if err != nil {
			t.Fatalf("%s: decode: %v", layout, err)
		}
		assertUprightMarkers(t, string(layout), img, 480, 640)
	}
}

// rotatedMarker is the w×h picture a camera held upright-portrait stores for orientation 6: the marker scene
// of h×w, turned.
func rotatedMarker(w, h int) *image.RGBA {
	return storeWithOrientation(mediatest.MarkerImage(h, w), 6)
}

func checkRawMeta(t *testing.T, name string, m Metadata) {
	t.Helper()
	if m.Model != "NIKON Z 6" || m.Orientation != 6 || !m.HasGPS || !m.HasOffset ||
		m.ShotTime.Format("2006-01-02 15:04:05.000 -07:00") != "2024-10-20 06:40:00.250 +05:45" {
		t.Errorf("%s: metadata %q orientation %d gps %v time %v (offset %v)", name, m.Model, m.Orientation, m.HasGPS, m.ShotTime, m.HasOffset)
	}
}

func TestCR3AndRAF(t *testing.T) {
	thumb := mediatest.JPEG(t, rotatedMarker(160, 120), nil)
	prvw := mediatest.JPEG(t, rotatedMarker(640, 480), nil)
	full := mediatest.JPEG(t, rotatedMarker(1280, 960), nil)
	cr3 := rawEXIF.CR3(thumb, prvw, full)
	info, err := Inspect(cr3)
	if err != nil || info.MetaErr != nil {
		t.Fatalf("cr3: inspect: %v / %v", err, info.MetaErr)
	}
	if info.Format != FormatRAW || info.RawKind != "CR3" || info.Width != 1280 || len(info.previews) != 3 {
		t.Errorf("cr3: %s %s %d×%d with %d previews", info.Format, info.RawKind, info.Width, info.Height, len(info.previews))
	}
	checkRawMeta(t, "cr3", info.Meta)
	for _, c := range []struct{ min, wantW int }{{100, 120}, {300, 480}, {600, 960}, {0, 960}} {
		img, err := DecodeUpright(cr3, info, c.min)
		if err != nil {
			t.Fatalf("cr3 at %d: %v", c.min, err)
		}
		if got := img.Bounds().Dx(); got < c.wantW/2 || got > c.wantW { // the smallest preview big enough, maybe DCT-scaled
			t.Errorf("cr3 at short side %d: %v, want a decode of the %d-wide preview", c.min, img.Bounds(), c.wantW)
		}
		assertUprightMarkers(t, "cr3", img, img.Bounds().Dx(), img.Bounds().Dy())
	}

	raf := rawEXIF.RAF(t, rotatedMarker(640, 480))
	info, err = Inspect(raf)
	if err != nil || info.MetaErr != nil {
		t.Fatalf("raf: inspect: %v / %v", err, info.MetaErr)
	}
	if info.Format != FormatRAW || info.RawKind != "RAF" {
		t.Errorf("raf: %s %s", info.Format, info.RawKind)
	}
	checkRawMeta(t, "raf", info.Meta)
	img, err := DecodeUpright(raf, info, 0)
	if err != nil {
		t.Fatalf("raf: decode: %v", err)
	}
	assertUprightMarkers(t, "raf", img, 480, 640)
}

// TestRAWWithoutUsablePreview: a RAW whose previews are missing or tiny keeps its metadata and fails to decode
// with ErrNoPreview, an ErrUnsupported, never ErrCorrupt.
func TestRAWWithoutUsablePreview(t *testing.T) {
	tiny := mediatest.JPEG(t, rotatedMarker(160, 120), nil)
	for name, data := range map[string][]byte{
		"nef without preview": rawEXIF.RAW(mediatest.RawNEF, nil),
		"dng with a thumb":    rawEXIF.RAW(mediatest.RawDNG, tiny),
		"orf without preview": rawEXIF.RAW(mediatest.RawORF, nil),
		"cr3 with THMB only":  rawEXIF.CR3(tiny, nil, nil),
	} {
		info, err := Inspect(data)
		if err != nil {
			t.Fatalf("%s: inspect: %v", name, err)
		}
		checkRawMeta(t, name, info.Meta)
		_, err = DecodeUpright(data, info, 224)
		if !errors.Is(err, ErrNoPreview) || !errors.Is(err, ErrUnsupported) || errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: decode error %v, want ErrNoPreview", name, err)
		}
	}
}

// TestRAWSamples reads the shared RAW samples: exiftool's tiny ones (metadata, previews stripped) and JPEGs
// named .nef. Make, model and capture time are exiftool's.
func TestRAWSamples(t *testing.T) {
	dir := testenv.SharedDir(t, "raw")
	want := map[string]struct{ kind, model, time string }{
		"exiftool-CanonRaw.cr2":  {"CR2", "Canon EOS 350D DIGITAL", "2005:08:03 18:59:18"},
		"exiftool-CanonRaw.cr3":  {"CR3", "Canon EOS M50", "2018:02:21 12:08:56"},
		"exiftool-DNG.dng":       {"DNG", "Canon EOS 350D DIGITAL", "2005:08:03 18:59:18"},
		"exiftool-Nikon.nef":     {"NEF", "NIKON D70", "2004:06:09 16:02:35"},
		"exiftool-Panasonic.rw2": {"RW2", "DMC-LX3", "2008:08:06 15:21:56"},
		"exiftool-PhaseOne.iiq":  {"IIQ", "Credo 40", "2013:06:19 15:44:21"},
		"Issue 247-1.nef":        {"", "NIKON D70s", "2010:03:01 21:50:21"},
	}
	for name, w := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		info, err := Inspect(data)
		if err != nil || info.MetaErr != nil {
			t.Errorf("%s: inspect: %v / %v", name, err, info.MetaErr)
			continue
		}
		if info.RawKind != w.kind || info.Meta.Model != w.model || info.Meta.ShotTime.Format("2006:01:02 15:04:05") != w.time {
			t.Errorf("%s: %q %q %v, want %q %q %s", name, info.RawKind, info.Meta.Model, info.Meta.ShotTime, w.kind, w.model, w.time)
		}
		_, err = DecodeUpright(data, info, 224)
		if w.kind == "" && err != nil || w.kind != "" && !errors.Is(err, ErrNoPreview) {
			t.Errorf("%s: decode: %v", name, err)
		}
	}
	for _, name := range []string{"exiftool-CanonRaw.crw", "exiftool-Minolta.mrw", "exiftool-Sigma.x3f"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Inspect(data); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: %v, want unsupported", name, err)
		}
	}
}

// TestRAWUncompressedPreview: a RAW whose only preview is the plain RGB image of its first directory (as some
// DNG writers leave it) is shown through libtiff.
func TestRAWUncompressedPreview(t *testing.T) {
	var buf bytes.Buffer
	if err := xtiff.Encode(&buf, rotatedMarker(320, 240), nil); err != nil {
		t.Fatal(err)
	}
	doc, err := parseTIFFDoc(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	r := inspectTIFFRaw(doc)
	if len(r.previews) != 1 || !r.previews[0].ifd0 || r.previews[0].width != 320 {
		t.Fatalf("previews %+v", r.previews)
	}
	info := Info{Format: FormatRAW, RawKind: "DNG", Width: 320, Height: 240, previews: r.previews}
	info.Meta = defaultMetadata()
	info.Meta.Orientation = 6
	img, err := DecodeUpright(buf.Bytes(), info, 0)
	if err != nil {
		t.Fatal(err)
	}
	assertUprightMarkers(t, "ifd0 preview", img, 240, 320)
}
