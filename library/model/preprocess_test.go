package model

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func solid(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img
}

func siglipPre(size int) Preprocess {
	return Preprocess{Size: size, Mode: "squash", Interpolation: "bicubic",
		Mean: [3]float32{0.5, 0.5, 0.5}, Std: [3]float32{0.5, 0.5, 0.5}}
}

func TestSolidColourNormalisesToKnownValues(t *testing.T) {
	// 255 → (1 − 0.5)/0.5 = 1, 0 → −1, 51 → (0.2 − 0.5)/0.5 = −0.6, under both resize modes.
	for _, p := range []Preprocess{siglipPre(8), {Size: 8, Mode: "shortest", Interpolation: "bicubic",
		Mean: [3]float32{0.5, 0.5, 0.5}, Std: [3]float32{0.5, 0.5, 0.5}}} {
		dst := make([]float32, 3*8*8)
		if err := p.pixels(solid(37, 23, color.RGBA{255, 0, 51, 255}), dst); err != nil {
			t.Fatal(err)
		}
		for c, want := range []float32{1, -1, -0.6} {
			for i := 0; i < 64; i++ {
				if got := dst[c*64+i]; math.Abs(float64(got-want)) > 1e-6 {
					t.Fatalf("%s: channel %d pixel %d = %v, want %v", p.Mode, c, i, got, want)
				}
			}
		}
	}
}

func TestOpenAINormalisation(t *testing.T) {
	p := Preprocess{Size: 4, Mode: "shortest", Interpolation: "bicubic",
		Mean: [3]float32{clipMeanR, clipMeanG, clipMeanB}, Std: [3]float32{clipStdR, clipStdG, clipStdB}}
	dst := make([]float32, 3*16)
	if err := p.pixels(solid(4, 4, color.RGBA{128, 128, 128, 255}), dst); err != nil {
		t.Fatal(err)
	}
	want := (128.0/255 - clipMeanG) / clipStdG // ≈ 0.1390
	if math.Abs(float64(dst[16])-want) > 1e-5 {
		t.Errorf("green = %v, want %v", dst[16], want)
	}
}

func TestBicubicHalvingMatchesPillow(t *testing.T) {
	// A 4×1 row 0,0,255,255 halved with Pillow's antialiased bicubic (a = −0.5, support 2·2 = 4):
	// out[0] is centred on x = 1.0 and reads x = 0..3 with weights bicubic((x − 0.5)/2) =
	// 0.8671875, 0.8671875, 0.2265625, −0.0703125 (sum 1.890625), so
	// 255·(0.2265625 − 0.0703125)/1.890625 = 21.07 → 21, and out[1] = 255 − 21 by symmetry.
	src := rgb{w: 4, h: 1, pix: []uint8{0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255}}
	out := resize(src, 2, 1, filterFor("bicubic"))
	got := []uint8{out.pix[0], out.pix[3]}
	if got[0] != 21 || got[1] != 234 {
		t.Errorf("halved row = %v, want [21 234]", got)
	}
}

func TestShortestSideCropsTheCentre(t *testing.T) {
	// A 6×2 image: left third red, middle green, right third blue. Shortest side 2 → no resize; centre
	// crop 2×2 keeps the green middle.
	img := image.NewRGBA(image.Rect(0, 0, 6, 2))
	cols := []color.RGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}}
	for y := 0; y < 2; y++ {
		for x := 0; x < 6; x++ {
			img.Set(x, y, cols[x/2])
		}
	}
	p := Preprocess{Size: 2, Mode: "shortest", Interpolation: "bicubic",
		Mean: [3]float32{0, 0, 0}, Std: [3]float32{1, 1, 1}}
	dst := make([]float32, 12)
	if err := p.pixels(img, dst); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		if dst[i] != 0 || dst[4+i] != 1 || dst[8+i] != 0 {
			t.Fatalf("crop is not the green centre: %v", dst)
		}
	}
	if w, h := shortestSide(640, 480, 224); w != 298 || h != 224 {
		t.Errorf("shortestSide(640,480) = %d×%d, want 298×224", w, h)
	}
}

func TestEmptyImageIsAnError(t *testing.T) {
	if err := siglipPre(4).pixels(image.NewRGBA(image.Rect(0, 0, 0, 5)), make([]float32, 48)); err == nil {
		t.Error("no error for an empty image")
	}
}

func TestPixelFormatsAgree(t *testing.T) {
	// The same picture as RGBA, NRGBA, YCbCr, Gray and paletted must give the same RGB samples.
	rgba := image.NewRGBA(image.Rect(2, 3, 10, 9)) // non-zero origin on purpose
	for y := 3; y < 9; y++ {
		for x := 2; x < 10; x++ {
			v := uint8(20*x + 7*y)
			rgba.Set(x, y, color.RGBA{v, v, v, 255})
		}
	}
	want := toRGB(rgba)
	nrgba := image.NewNRGBA(rgba.Bounds())
	gray := image.NewGray(rgba.Bounds())
	ycc := image.NewYCbCr(rgba.Bounds(), image.YCbCrSubsampleRatio444)
	pal := image.NewPaletted(rgba.Bounds(), nil)
	var palette color.Palette
	for y := 3; y < 9; y++ {
		for x := 2; x < 10; x++ {
			c := rgba.RGBAAt(x, y)
			nrgba.Set(x, y, c)
			gray.Set(x, y, c)
			yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
			ycc.Y[ycc.YOffset(x, y)], ycc.Cb[ycc.COffset(x, y)], ycc.Cr[ycc.COffset(x, y)] = yy, cb, cr
			palette = append(palette, c)
		}
	}
	pal.Palette = palette
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i)
	}
	for name, img := range map[string]image.Image{"nrgba": nrgba, "gray": gray, "ycbcr": ycc, "paletted": pal} {
		got := toRGB(img)
		if got.w != want.w || got.h != want.h {
			t.Fatalf("%s: %dx%d, want %dx%d", name, got.w, got.h, want.w, want.h)
		}
		for i := range want.pix {
			if d := int(got.pix[i]) - int(want.pix[i]); d < -1 || d > 1 { // YCbCr round trip: ±1
				t.Fatalf("%s: sample %d = %d, want %d", name, i, got.pix[i], want.pix[i])
			}
		}
	}
}
