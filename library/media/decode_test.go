package media

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media/mediatest"
	xtiff "golang.org/x/image/tiff"
)

// assertUprightMarkers checks the mediatest.MarkerImage layout survived: red top-left, blue top-right, grey bottom.
func assertUprightMarkers(t *testing.T, name string, img image.Image, w, h int) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		t.Fatalf("%s: size %v, want %d×%d", name, b, w, h)
	}
	probe := func(x, y int) color.RGBA {
		r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
		return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}
	}
	near := func(c color.RGBA, r, g, bl int) bool {
		d := func(a uint8, b int) int { return max(int(a)-b, b-int(a)) }
		return d(c.R, r) < 40 && d(c.G, g) < 40 && d(c.B, bl) < 40
	}
	if c := probe(w/8, h/8); !near(c, 230, 20, 20) {
		t.Errorf("%s: top-left %v, want red", name, c)
	}
	if c := probe(w-1-w/8, h/8); !near(c, 20, 20, 230) {
		t.Errorf("%s: top-right %v, want blue", name, c)
	}
	if c := probe(w/8, h-1-h/8); !near(c, 128, 128, 128) {
		t.Errorf("%s: bottom-left %v, want grey", name, c)
	}
}

// TestDecodeAppliesEveryOrientation stores an upright scene as a camera would for each EXIF orientation, in
// JPEG and PNG, and expects DecodeUpright to restore it exactly once.
func TestDecodeAppliesEveryOrientation(t *testing.T) {
	upright := mediatest.MarkerImage(64, 48)
	for o := 1; o <= 8; o++ {
		stored := storeWithOrientation(upright, o)
		exif := mediatest.EXIF{Make: "T", Orientation: o}.Bytes()
		for name, data := range map[string][]byte{
			"jpeg": mediatest.JPEG(t, stored, exif),
			"png":  mediatest.PNG(t, stored, exif),
		} {
			info, err := Inspect(data)
			if err != nil {
				t.Fatalf("%s/%d: inspect: %v", name, o, err)
			}
			img, err := DecodeUpright(data, info, 0)
			if err != nil {
				t.Fatalf("%s/%d: decode: %v", name, o, err)
			}
			assertUprightMarkers(t, fmt.Sprintf("%s orientation %d", name, o), img, 64, 48)
		}
	}
}

// storeWithOrientation returns the pixels a camera would store for an upright scene so that EXIF orientation
// o restores it: the inverse of orient.
func storeWithOrientation(upright *image.RGBA, o int) *image.RGBA {
	inverse := map[int]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6}
	return orient(upright, inverse[o])
}

// TestDecodeJPEGUsesDCTScaling: 1600×1200 wanted at 224 must decode at 1/4 (400×300), the smallest libjpeg-turbo
// factor that keeps 224 px, not at full size.
func TestDecodeJPEGUsesDCTScaling(t *testing.T) {
	data := mediatest.JPEG(t, mediatest.MarkerImage(1600, 1200), mediatest.EXIF{Make: "T", Orientation: 6}.Bytes())
	info, err := Inspect(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodeUpright(data, info, 224)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 300 || b.Dy() != 400 {
		t.Errorf("decoded %v, want 300×400 (1/4 scale, then rotated)", b)
	}
	full, err := DecodeUpright(data, info, 0)
	if err != nil || full.Bounds().Dx() != 1200 {
		t.Errorf("full size: %v %v", full.Bounds(), err)
	}
}

// TestDecodePNGShrinks: a PNG has no reduced decoding, so DecodeUpright shrinks it to the requested short side.
func TestDecodePNGShrinks(t *testing.T) {
	data := mediatest.PNG(t, mediatest.MarkerImage(1000, 500), mediatest.EXIF{Make: "T", Orientation: 1}.Bytes())
	info, err := Inspect(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodeUpright(data, info, 100)
	if err != nil {
		t.Fatal(err)
	}
	assertUprightMarkers(t, "png shrunk", img, 200, 100)
}

// TestDecodeCMYKFallsBack: the standard decoder takes over when libjpeg-turbo cannot give RGB.
func TestDecodeCMYKFallsBack(t *testing.T) {
	src := image.NewCMYK(image.Rect(0, 0, 32, 16))
	for i := range src.Pix {
		src.Pix[i] = 40
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, nil); err != nil {
		t.Fatal(err)
	}
	info, err := Inspect(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodeUpright(buf.Bytes(), info, 0)
	if err != nil || img.Bounds().Dx() != 32 {
		t.Fatalf("decode: %v %v", img, err)
	}
}

// TestOrientationSamplesAgree: the exif-samples orientation set shows one scene stored eight ways; upright,
// all eight must match the first one.
func TestOrientationSamplesAgree(t *testing.T) {
	dir := testenv.SharedDir(t, "exif-samples", "jpg", "orientation")
	for _, shape := range []string{"landscape", "portrait"} {
		var ref *image.RGBA
		for o := 1; o <= 8; o++ {
			data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%s_%d.jpg", shape, o)))
			if err != nil {
				t.Fatal(err)
			}
			info, err := Inspect(data)
			if err != nil {
				t.Fatal(err)
			}
			img, err := DecodeUpright(data, info, 0)
			if err != nil {
				t.Fatal(err)
			}
			rgba := toRGBA(img)
			if ref == nil {
				ref = rgba
				continue
			}
			if rgba.Rect != ref.Rect {
				t.Errorf("%s_%d: size %v, want %v", shape, o, rgba.Rect, ref.Rect)
				continue
			}
			// Each file was re-encoded, so upright copies differ by ≈11 per channel (ImageMagick -auto-orient
			// gives the same); a wrong turn differs by 50 or more.
			if d := meanAbsDiff(ref, rgba); d > 25 {
				t.Errorf("%s_%d: differs from %s_1 by %.1f per channel", shape, o, shape, d)
			}
		}
	}
}

func meanAbsDiff(a, b *image.RGBA) float64 {
	var sum int
	for i := range a.Pix {
		sum += max(int(a.Pix[i])-int(b.Pix[i]), int(b.Pix[i])-int(a.Pix[i]))
	}
	return float64(sum) / float64(len(a.Pix))
}

func TestThumbnailAreaFilter(t *testing.T) {
	checker := image.NewRGBA(image.Rect(0, 0, 512, 256))
	for y := 0; y < 256; y++ {
		for x := 0; x < 512; x++ {
			if (x+y)%2 == 0 {
				checker.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
			} else {
				checker.SetRGBA(x, y, color.RGBA{0, 0, 0, 255})
			}
		}
	}
	thumb := toRGBA(Thumbnail(checker, 256))
	if thumb.Rect.Dx() != 256 || thumb.Rect.Dy() != 128 {
		t.Fatalf("thumbnail %v, want 256×128", thumb.Rect)
	}
	for i, v := range thumb.Pix {
		if i%4 != 3 && (v < 126 || v > 129) { // a 2×2 checker block averages to mid grey
			t.Fatalf("pixel byte %d = %d, want ≈128: not an area average", i, v)
		}
	}
	tall := Thumbnail(image.NewRGBA(image.Rect(0, 0, 300, 900)), 256)
	if b := tall.Bounds(); b.Dx() != 85 || b.Dy() != 256 {
		t.Errorf("portrait thumbnail %v, want 85×256", b)
	}
	small := image.NewRGBA(image.Rect(0, 0, 100, 50))
	if Thumbnail(small, 256) != image.Image(small) {
		t.Error("a small image must not be enlarged")
	}
}

func TestEncodeJPEGRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := EncodeJPEG(&buf, mediatest.MarkerImage(64, 48), 90); err != nil {
		t.Fatal(err)
	}
	info, err := Inspect(buf.Bytes())
	if err != nil || info.Format != FormatJPEG {
		t.Fatalf("inspect: %v %v", info.Format, err)
	}
	img, err := DecodeUpright(buf.Bytes(), info, 0)
	if err != nil {
		t.Fatal(err)
	}
	assertUprightMarkers(t, "round trip", img, 64, 48)
}

// TestDecodeWebPAndTIFF covers the whole-image decoders: a lossless WebP made by ImageMagick (the marker scene,
// 64×48) rewrapped with EXIF, and a TIFF written by golang.org/x/image/tiff.
func TestDecodeWebPAndTIFF(t *testing.T) {
	simple, err := os.ReadFile(filepath.Join("testdata", "marker-64x48-lossless.webp"))
	if err != nil {
		t.Fatal(err)
	}
	vp8l := simple[20:] // after "RIFF" size "WEBP" "VP8L" size
	for _, o := range []int{1, 6} {
		data := mediatest.WebP(64, 48, mediatest.EXIF{Make: "W", Orientation: o}.Bytes(), vp8l)
		info, err := Inspect(data)
		if err != nil || info.Meta.Make != "W" {
			t.Fatalf("webp inspect: %v %+v", err, info)
		}
		img, err := DecodeUpright(data, info, 0)
		if err != nil {
			t.Fatalf("webp decode: %v", err)
		}
		if o == 1 {
			assertUprightMarkers(t, "webp", img, 64, 48)
		} else if b := img.Bounds(); b.Dx() != 48 || b.Dy() != 64 {
			t.Errorf("webp orientation 6: %v, want 48×64", b)
		}
	}

	var buf bytes.Buffer
	if err := xtiff.Encode(&buf, mediatest.MarkerImage(64, 48), nil); err != nil {
		t.Fatal(err)
	}
	info, err := Inspect(buf.Bytes())
	if err != nil || info.Format != FormatTIFF || info.Width != 64 || info.Height != 48 {
		t.Fatalf("tiff inspect: %v %+v", err, info)
	}
	img, err := DecodeUpright(buf.Bytes(), info, 0)
	if err != nil {
		t.Fatal(err)
	}
	assertUprightMarkers(t, "tiff", img, 64, 48)
}
