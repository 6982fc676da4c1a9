package media

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"image"
	"image/draw"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// pentaxEXIF is rawEXIF from a Pentax body, so that the PEF is named by its maker.
var pentaxEXIF = func() mediatest.EXIF {
	e := rawEXIF
	e.Make, e.Model = "PENTAX", "PENTAX K-3 II"
	return e
}()

// TestMakerNotePreviewRAWs reads RAWs whose only usable preview is in the maker note: a PEF ("AOC\0" note,
// offsets from the file's TIFF header), a Pentax in-camera DNG ("PENTAX \0" note in DNGPrivateData, offsets
// from the note), an older NEF (the Nikon note's PreviewIFD) and that NEF through Adobe's DNG Converter. Each is shown upright from that preview, and
// without it is a RAW with no usable preview.
func TestMakerNotePreviewRAWs(t *testing.T) {
	preview := mediatest.JPEG(t, rotatedMarker(640, 480), nil)
	thumb := mediatest.JPEG(t, rotatedMarker(160, 120), nil)
	for _, c := range []struct {
		layout mediatest.RawLayout
		exif   mediatest.EXIF
		kind   string
	}{
		{mediatest.RawPEF, pentaxEXIF, "PEF"},
		{mediatest.RawPentaxDNG, pentaxEXIF, "DNG"},
		{mediatest.RawNikonNote, rawEXIF, "NEF"},
		{mediatest.RawAdobeDNG, rawEXIF, "DNG"},
	} {
		name := string(c.layout)
		data := c.exif.RAWWithThumbnail(c.layout, preview, thumb)
		info, err := Inspect(data)
		if err != nil || info.MetaErr != nil {
			t.Fatalf("%s: inspect: %v / %v", name, err, info.MetaErr)
		}
		if info.Format != FormatRAW || info.RawKind != c.kind || len(info.previews) != 2 {
			t.Errorf("%s: %s %s with %d previews, want raw %s with the preview and the thumbnail",
				name, info.Format, info.RawKind, len(info.previews), c.kind)
		}
		if info.Meta.Model != c.exif.Model || !info.Meta.HasGPS || !info.Meta.HasOffset {
			t.Errorf("%s: metadata %+v", name, info.Meta)
		}
		img, err := DecodeUpright(data, info, 224)
		if err != nil {
			t.Fatalf("%s: decode: %v", name, err)
		}
		assertUprightMarkers(t, name, img, img.Bounds().Dx(), img.Bounds().Dy())
		if img.Bounds().Dx() < 224 {
			t.Errorf("%s: decoded %v from the thumbnail, want the maker note's preview", name, img.Bounds())
		}

		bare := c.exif.RAWWithThumbnail(c.layout, nil, thumb)
		info, err = Inspect(bare)
		if err != nil {
			t.Fatalf("%s without preview: inspect: %v", name, err)
		}
		if _, err := DecodeUpright(bare, info, 224); !errors.Is(err, ErrNoPreview) {
			t.Errorf("%s without preview: decode error %v, want ErrNoPreview", name, err)
		}
	}
}

// TestMakerNotePreviewSamples finds the Nikon PreviewIFD of real files where exiftool -n puts it: in a
// D70s JPEG named .nef (a 425×640 preview) and in exiftool's D70 NEF, whose preview was cut to 26 bytes
// (so the file is a RAW with no usable preview).
func TestMakerNotePreviewSamples(t *testing.T) {
	dir := testenv.SharedDir(t, "raw")
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	// PreviewImageStart and PreviewImageLength as exiftool -n reports them: offsets in the file.
	jpg := read("Issue 247-1.nef")
	c, err := readJPEG(jpg)
	if err != nil {
		t.Fatal(err)
	}
	checkNotePreview(t, "Issue 247-1.nef", jpg, c.exif, 8119, 10518)

	nef := read("exiftool-Nikon.nef")
	checkNotePreview(t, "exiftool-Nikon.nef", nef, nef, 5958, 26)
	info, err := Inspect(nef)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeUpright(nef, info, 224); !errors.Is(err, ErrNoPreview) {
		t.Errorf("exiftool-Nikon.nef: %v, want ErrNoPreview", err)
	}
}

// checkNotePreview finds the maker note of the TIFF block tiff (a slice of file) and checks that it points
// to start+n of file.
func checkNotePreview(t *testing.T, name string, file, tiff []byte, start, n int) {
	t.Helper()
	doc, err := parseTIFFDoc(tiff)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var found [][]byte
	doc.walkIFDs(func(d tiffIFD) {
		if f, ok := d.field(tagMakerNote); ok {
			for _, p := range makerNotePreviews(doc, f.value) {
				found = append(found, p.data)
			}
		}
	})
	if len(found) != 1 {
		t.Fatalf("%s: %d maker-note previews, want 1", name, len(found))
	}
	if at := cap(file) - cap(found[0]); at != start || len(found[0]) != n {
		t.Errorf("%s: maker-note preview at %d+%d, exiftool says %d+%d", name, at, len(found[0]), start, n)
	}
}

// TestPreviewPickMatchesExiftool writes each generated RAW layout, with a preview and a smaller thumbnail,
// and asks exiftool for every embedded image it lists (PreviewImage, JpgFromRaw, ThumbnailImage,
// OtherImage): the preview Cairn decodes when it wants the most pixels is the largest JPEG exiftool lists,
// byte for byte, and every JPEG exiftool lists is one Cairn found.
func TestPreviewPickMatchesExiftool(t *testing.T) {
	exiftool, err := exec.LookPath("exiftool")
	if err != nil {
		t.Skip("exiftool not installed (apt-get install libimage-exiftool-perl, as scripts/setup.sh does): " +
			"preview choice not compared")
	}
	preview := mediatest.JPEG(t, rotatedMarker(640, 480), nil)
	thumb := mediatest.JPEG(t, rotatedMarker(160, 120), nil)
	// Each layout under its maker's name and extension: exiftool tells maker notes apart by Make, and
	// names a directory's images by the file type.
	files := map[string][]byte{}
	for _, c := range []struct {
		layout      mediatest.RawLayout
		make, model string
		ext         string
	}{
		{mediatest.RawDNG, "Canon", "Canon EOS R5", "dng"},
		{mediatest.RawCR2, "Canon", "Canon EOS 5D Mark IV", "cr2"},
		{mediatest.RawNEF, "NIKON CORPORATION", "NIKON Z 6", "nef"},
		{mediatest.RawARW, "SONY", "ILCE-7M3", "arw"},
		{mediatest.RawRW2, "Panasonic", "DC-GH5", "rw2"},
		{mediatest.RawORF, "OLYMPUS CORPORATION", "E-M1MarkII", "orf"},
		{mediatest.RawNikonNote, "NIKON CORPORATION", "NIKON D2X", "nef"},
		{mediatest.RawPEF, "PENTAX", "PENTAX K-3 II", "pef"},
		{mediatest.RawPentaxDNG, "PENTAX", "PENTAX K-3 II", "dng"},
		{mediatest.RawAdobeDNG, "NIKON CORPORATION", "NIKON D2X", "dng"},
	} {
		e := rawEXIF
		e.Make, e.Model = c.make, c.model
		files[string(c.layout)+"."+c.ext] = e.RAWWithThumbnail(c.layout, preview, thumb)
	}
	files["canon.cr3"] = rawEXIF.CR3(thumb, preview, nil)
	type sample struct {
		name, path string
		data       []byte
		generated  bool
	}
	var samples []sample
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		samples = append(samples, sample{name, path, data, true})
	}
	// The shared RAW samples, when present: their previews are stripped or tiny, so only what exiftool
	// still finds is compared.
	if shared, _ := filepath.Glob(filepath.Join(testenv.SharedPath("raw"), "*")); len(shared) > 0 {
		for _, path := range shared {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if info, err := Inspect(data); err == nil && info.Format == FormatRAW {
				samples = append(samples, sample{filepath.Base(path), path, data, false})
			}
		}
	} else {
		t.Log("shared RAW samples absent: generated layouts only")
	}
	for _, s := range samples {
		name := s.name
		listed := exiftoolImages(t, exiftool, s.path)
		info, err := Inspect(s.data)
		if err != nil {
			t.Fatalf("%s: inspect: %v", name, err)
		}
		t.Logf("%s: exiftool lists %v", name, keys(listed))
		var largest []byte
		largestPixels, largestSide := 0, 0
		for tag, img := range listed {
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(img))
			if err != nil {
				continue // not a JPEG, or one cut short
			}
			if cfg.Width*cfg.Height > largestPixels {
				largest, largestPixels, largestSide = img, cfg.Width*cfg.Height, max(cfg.Width, cfg.Height)
			}
			if !hasPreview(info.previews, img) {
				t.Errorf("%s: exiftool lists %s (%d×%d), which Cairn did not find", name, tag, cfg.Width, cfg.Height)
			}
		}
		if largest == nil && s.generated {
			t.Errorf("%s: exiftool lists no JPEG: %v", name, keys(listed))
		}
		if largest == nil || largestSide < minPreviewSide {
			continue // for Cairn, a RAW without a usable preview
		}
		p, err := pickPreview(info.previews, 0)
		if err != nil || !bytes.Equal(p.data, largest) {
			t.Errorf("%s: picked a %d×%d preview (%v), want the largest exiftool lists", name, p.width, p.height, err)
		}
	}
}

// exiftoolImages returns the embedded images exiftool extracts from path, by group and tag name.
func exiftoolImages(t *testing.T, exiftool, path string) map[string][]byte {
	t.Helper()
	out, err := exec.Command(exiftool, "-j", "-b", "-a", "-G1", "-PreviewImage", "-JpgFromRaw",
		"-ThumbnailImage", "-OtherImage", path).Output()
	if err != nil {
		t.Fatalf("exiftool %s: %v", path, err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(out, &rows); err != nil || len(rows) != 1 {
		t.Fatalf("exiftool %s: %v in %s", path, err, out)
	}
	images := map[string][]byte{}
	for tag, v := range rows[0] {
		s, ok := v.(string)
		if !ok || !strings.HasPrefix(s, "base64:") {
			continue
		}
		b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, "base64:"))
		if err != nil {
			t.Fatalf("exiftool %s %s: %v", path, tag, err)
		}
		images[tag] = b
	}
	return images
}

func hasPreview(previews []preview, data []byte) bool {
	for _, p := range previews {
		if bytes.Equal(p.data, data) {
			return true
		}
	}
	return false
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPentaxPreviewBorders: Pentax fits a 3:2 photo into its 4:3 preview with black bands above and below,
// which its maker note gives as PreviewImageBorders; the preview is shown without them, at full size and when
// decoded scaled down, before it is turned upright.
func TestPentaxPreviewBorders(t *testing.T) {
	framed := image.NewRGBA(image.Rect(0, 0, 640, 480)) // black
	draw.Draw(framed, image.Rect(0, 27, 640, 453), rotatedMarker(640, 426), image.Point{}, draw.Src)
	e := pentaxEXIF
	e.PreviewBorders = [4]int{27, 27, 0, 0}
	for _, layout := range []mediatest.RawLayout{mediatest.RawPEF, mediatest.RawPentaxDNG} {
		data := e.RAW(layout, mediatest.JPEG(t, framed, nil))
		info, err := Inspect(data)
		if err != nil {
			t.Fatal(err)
		}
		img, err := DecodeUpright(data, info, 0)
		if err != nil {
			t.Fatalf("%s: %v", layout, err)
		}
		assertUprightMarkers(t, string(layout), img, 426, 640)
		small, err := DecodeUpright(data, info, 200)
		if err != nil {
			t.Fatalf("%s at 200: %v", layout, err)
		}
		if b := small.Bounds(); b.Dx() < 200 || b.Dx()*640 > b.Dy()*426+640 || b.Dx()*640 < b.Dy()*426-640 {
			t.Errorf("%s at short side 200: %v, want 3:2 with a short side of at least 200", layout, b)
		}
		t.Logf("%s at short side 200: %v", layout, small.Bounds())
		assertUprightMarkers(t, string(layout)+" at 200", small, small.Bounds().Dx(), small.Bounds().Dy())
	}
}
