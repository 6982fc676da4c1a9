package skyline

import (
	"encoding/json"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

// synthetic draws a 400×300 scene: a blue sky getting paler towards the horizon, white clouds in it, and
// textured brown terrain under the skyline sky(x) (a fraction of the height), with snow near the top.
func synthetic(skyline func(x float64) float64) *image.RGBA {
	const w, h = 400, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			fx, fy := float64(x)/w, float64(y)/h
			var c color.RGBA
			switch top := skyline(fx); {
			case fy < top:
				t := fy / top
				c = color.RGBA{uint8(60 + 90*t), uint8(110 + 70*t), uint8(210 + 30*t), 255}
				if math.Hypot((fx-0.3)*3, (fy-0.12)*8) < 1 { // a cloud
					c = color.RGBA{235, 235, 238, 255}
				}
			case fy < top+0.04: // snow, with rock showing through
				v := uint8(200 + rng.IntN(50))
				if rng.IntN(4) == 0 {
					v = uint8(60 + rng.IntN(40))
				}
				c = color.RGBA{v, v, v, 255}
			default:
				n := rng.IntN(60)
				c = color.RGBA{uint8(110 + n), uint8(85 + n), uint8(60 + n/2), 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func ridge(x float64) float64 {
	return 0.45 - 0.15*math.Sin(3*x) + 0.1*math.Max(0, 1-math.Abs(x-0.7)*8) // hills and one sharp peak
}

func TestDetectFindsSyntheticSkyline(t *testing.T) {
	p := Detect(synthetic(ridge))
	if len(p.Y) != Columns || len(p.Conf) != Columns {
		t.Fatalf("got %d rows, %d confidences, want %d", len(p.Y), len(p.Conf), Columns)
	}
	var worst float64
	for i, y := range p.Y {
		if math.IsNaN(float64(y)) {
			t.Fatalf("column %d: no skyline", i)
		}
		worst = max(worst, math.Abs(float64(y)-ridge(p.X(i))))
	}
	if worst > 0.02 {
		t.Errorf("worst column off by %.3f of the height, want ≤ 0.02", worst)
	}
	if p.Informative < 0.7 {
		t.Errorf("informative %.2f for a clear skyline, want ≥ 0.7", p.Informative)
	}
}

func TestDetectCallsNightFogAndGroundUninformative(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for name, c := range map[string]color.RGBA{"night": {5, 6, 12, 255}, "fog": {200, 202, 205, 255}, "ground": {120, 95, 70, 255}} {
		img := image.NewRGBA(image.Rect(0, 0, 300, 200))
		for i := 0; i < len(img.Pix); i += 4 {
			n := uint8(0)
			if name == "ground" { // gravel: textured all over, no sky anywhere
				n = uint8(rng.IntN(60))
			}
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R+n, c.G+n, c.B+n/2, c.A
		}
		if p := Detect(img); p.Informative > 0.1 {
			t.Errorf("%s: informative %.2f, want ≤ 0.1", name, p.Informative)
		}
	}
}

func TestDetectTinyImage(t *testing.T) {
	p := Detect(image.NewRGBA(image.Rect(0, 0, 4, 4)))
	if p.Informative != 0 || !math.IsNaN(float64(p.Y[0])) {
		t.Errorf("a 4×4 image gave %+v", p)
	}
}

func TestProfileEncodingRoundTrips(t *testing.T) {
	p := Detect(synthetic(ridge))
	p.Y[3] = float32(math.NaN())
	p.Conf[3] = 0
	bin, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(bin) > 800 || len(js) > 1100 {
		t.Errorf("encoded %d bytes binary, %d JSON; want ≤ 800 and ≤ 1100", len(bin), len(js))
	}
	var back Profile
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.Width != p.Width || back.Height != p.Height || len(back.Y) != len(p.Y) ||
		math.Abs(float64(back.Informative-p.Informative)) > 1.0/255 {
		t.Fatalf("decoded %dx%d %d columns informative %v, want %dx%d %d columns %v",
			back.Width, back.Height, len(back.Y), back.Informative, p.Width, p.Height, len(p.Y), p.Informative)
	}
	for i := range p.Y {
		if math.IsNaN(float64(p.Y[i])) != math.IsNaN(float64(back.Y[i])) ||
			math.Abs(float64(back.Y[i]-p.Y[i])) > 1e-4 || math.Abs(float64(back.Conf[i]-p.Conf[i])) > 1.0/255 {
			t.Fatalf("column %d: decoded %v/%v, want %v/%v", i, back.Y[i], back.Conf[i], p.Y[i], p.Conf[i])
		}
	}
	for _, bad := range [][]byte{nil, []byte("SKY1"), append(bin[:len(bin)-1:len(bin)-1], 0, 0)} {
		if err := back.UnmarshalBinary(bad); err == nil {
			t.Errorf("decoding %d bytes of garbage succeeded", len(bad))
		}
	}
}
