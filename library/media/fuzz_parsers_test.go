package media

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// FuzzEXIF feeds arbitrary bytes straight to the EXIF reader (goexif behind the TIFF repair), without the
// container walk FuzzInspect spends most of its inputs on. It must return, never hang, and keep its values in
// range: a damaged block may lose tags, not invent impossible ones.
func FuzzEXIF(f *testing.F) {
	f.Add(everestEXIF.Bytes())
	looping := everestEXIF
	looping.LoopIFDs = true
	f.Add(looping.Bytes())
	f.Add([]byte("MM\x00\x2a\x00\x00\x00\x08\x00\x00"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, _ := parseEXIF(raw)
		if m.Orientation < 1 || m.Orientation > 8 {
			t.Fatalf("orientation %d", m.Orientation)
		}
		if m.HasGPS && (math.Abs(m.Lat) > 90 || math.Abs(m.Lon) > 180 || math.IsNaN(m.Lat) || math.IsNaN(m.Lon)) {
			t.Fatalf("gps %v,%v", m.Lat, m.Lon)
		}
		if m.HasHeading && !(m.HeadingDeg >= 0 && m.HeadingDeg <= 360) {
			t.Fatalf("heading %v", m.HeadingDeg)
		}
		if m.Focal35mm < 0 || math.IsNaN(m.Focal35mm) {
			t.Fatalf("focal length %v", m.Focal35mm)
		}
		if g := m.Gravity; m.HasGravity && !(math.Sqrt(g[0]*g[0]+g[1]*g[1]+g[2]*g[2]) <= maxPlausibleGravityG) {
			t.Fatalf("gravity %v", g)
		}
	})
}

// FuzzHEIFMeta feeds arbitrary bytes to the HEIF box parser (ftyp/meta/pitm/iinf/iloc/iprp/idat), whose
// offsets and lengths come from the file: it must return an error or sizes and an EXIF slice that lie inside
// what it was given.
func FuzzHEIFMeta(f *testing.F) {
	f.Add(mediatest.HEIF(8, 8, everestEXIF.Bytes()))
	f.Add([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := readHEIFMeta(data)
		if err != nil {
			return
		}
		if m.width < 0 || m.height < 0 {
			t.Fatalf("size %d×%d", m.width, m.height)
		}
		if len(m.exif) > len(data) {
			t.Fatalf("exif item of %d bytes from a %d-byte file", len(m.exif), len(data))
		}
	})
}

// fuzzDecodePixels keeps FuzzDecodeUpright's inputs small enough for many executions a second; the real
// limit, MaxPixels, is tested elsewhere.
const fuzzDecodePixels = 1 << 22

// FuzzDecodeUpright runs whatever Inspect accepts through the pixel decoders: libjpeg-turbo, libheif and
// libtiff (C, where a crash would take Cairn down, not just fail one file), the standard PNG, GIF and BMP
// decoders, WebP, RAW previews and the orientation code. It must return an error or an image of a sane size.
func FuzzDecodeUpright(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	if webp, err := os.ReadFile("testdata/marker-64x48-lossless.webp"); err == nil {
		f.Add(webp)
	}
	// libtiff, GIF, BMP, AVIF and animated WebP, from the format fixtures.
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "formats", "marker*"))
	for _, name := range fixtures {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(data)
		if err != nil || int64(info.Width)*int64(info.Height) > fuzzDecodePixels {
			return
		}
		img, err := DecodeUpright(data, info, 16)
		if err != nil {
			return
		}
		b := img.Bounds()
		if b.Dx() <= 0 || b.Dy() <= 0 || int64(b.Dx())*int64(b.Dy()) > fuzzDecodePixels {
			t.Fatalf("decoded to %v from a %d×%d header", b, info.Width, info.Height)
		}
	})
}

// FuzzXMP feeds arbitrary bytes to the XMP reader: it must return, and keep its values in range.
func FuzzXMP(f *testing.F) {
	for _, name := range []string{"lightroom.xmp", "darktable.xmp", "digikam.xmp", "exiv2-elements.xmp"} {
		data, err := os.ReadFile(filepath.Join("testdata", "xmp", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _ := ParseXMP(data)
		if m.HasGPS && (math.Abs(m.Lat) > 90 || math.Abs(m.Lon) > 180 || math.IsNaN(m.Lat) || math.IsNaN(m.Lon)) {
			t.Fatalf("gps %v,%v", m.Lat, m.Lon)
		}
		if m.Rating < -1 || m.Rating > 5 {
			t.Fatalf("rating %d", m.Rating)
		}
	})
}
