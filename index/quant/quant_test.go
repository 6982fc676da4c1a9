package quant

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/viterin/vek/vek32"
)

func randomCode(r *rand.Rand, n int) []int8 {
	c := make([]int8, n)
	for i := range c {
		c[i] = int8(r.IntN(256) - 128)
	}
	return c
}

func filled(n int, v int8) []int8 {
	c := make([]int8, n)
	for i := range c {
		c[i] = v
	}
	return c
}

// TestDotMatchesGeneric checks the dispatched Dot (AVX2 where the CPU has it) against the portable loop,
// on random codes and on the extremes, at every length around the SIMD block sizes.
func TestDotMatchesGeneric(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 300; n++ {
		cases := [][2][]int8{
			{randomCode(r, n), randomCode(r, n)},
			{filled(n, -128), filled(n, -128)},
			{filled(n, 127), filled(n, -128)},
			{filled(n, 127), filled(n, 127)},
		}
		for i, c := range cases {
			if got, want := Dot(c[0], c[1]), dotGeneric(c[0], c[1]); got != want {
				t.Fatalf("length %d case %d: Dot = %d, generic %d", n, i, got, want)
			}
		}
	}
	// 768-d extremes, by hand: 768·128·128.
	if got := Dot(filled(768, -128), filled(768, -128)); got != 768*128*128 {
		t.Fatalf("768 × (−128)² = %d, want %d", got, 768*128*128)
	}
	if got := Dot(filled(768, 127), filled(768, -128)); got != -768*127*128 {
		t.Fatalf("768 × 127 × −128 = %d, want %d", got, -768*127*128)
	}
}

func TestDotOffsets(t *testing.T) { // unaligned starts: codes sit at any byte of a mapped file
	r := rand.New(rand.NewPCG(3, 4))
	a, b := randomCode(r, 1024), randomCode(r, 1024)
	for off := range 33 {
		x, y := a[off:off+768], b[32-off:800-off]
		if got, want := Dot(x, y), dotGeneric(x, y); got != want {
			t.Fatalf("offset %d: %d, want %d", off, got, want)
		}
	}
}

func FuzzDot(f *testing.F) {
	f.Add([]byte{1, 2, 3}, []byte{4, 5, 6})
	f.Add(make([]byte, 64), make([]byte, 64))
	f.Fuzz(func(t *testing.T, x, y []byte) {
		n := min(len(x), len(y))
		a, b := make([]int8, n), make([]int8, n)
		for i := range n {
			a[i], b[i] = int8(x[i]), int8(y[i])
		}
		if got, want := Dot(a, b), dotGeneric(a, b); got != want {
			t.Fatalf("Dot = %d, generic %d", got, want)
		}
	})
}

func unitVector(r *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(r.NormFloat64())
	}
	norm := float32(math.Sqrt(float64(vek32.Dot(v, v))))
	for i := range v {
		v[i] /= norm
	}
	return v
}

// TestQuantizeError bounds what quantization costs: each component is off by at most half a step
// (scale/2), and the dot product of two 768-d unit vectors from their codes is off by at most 2·10⁻³.
func TestQuantizeError(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const dim = 768
	worst := 0.0
	for range 200 {
		x, y := unitVector(r, dim), unitVector(r, dim)
		if r.IntN(4) == 0 { // a vector near its neighbour, as the ones that rank
			for i := range y {
				y[i] = x[i] + 0.1*y[i]
			}
			norm := float32(math.Sqrt(float64(vek32.Dot(y, y))))
			for i := range y {
				y[i] /= norm
			}
		}
		cx, cy := make([]int8, dim), make([]int8, dim)
		sx, sy := Quantize(cx, x), Quantize(cy, y)
		for i, v := range x {
			if d := math.Abs(float64(v - sx*float32(cx[i]))); d > float64(sx)/2*1.0001 {
				t.Fatalf("component %d: %g dequantizes to %g, more than half a step %g away", i, v, sx*float32(cx[i]), sx)
			}
		}
		approx := float64(sx) * float64(sy) * float64(Dot(cx, cy))
		worst = max(worst, math.Abs(approx-float64(vek32.Dot(x, y))))
	}
	if worst > 2e-3 {
		t.Fatalf("dot product from codes off by up to %g", worst)
	}
	t.Logf("largest error of a 768-d dot product from codes: %.2g", worst)
}

func TestQuantizeExtremes(t *testing.T) {
	code := make([]int8, 4)
	if s := Quantize(code, []float32{0, 0, 0, 0}); s != 0 || code[0] != 0 {
		t.Fatalf("zero vector: scale %g code %v", s, code)
	}
	if s := Quantize(code, []float32{1e-40, -1e-42, 0, 0}); s != 0 || code[0] != 0 || code[1] != 0 {
		t.Fatalf("denormal vector: scale %g code %v", s, code)
	}
	if s := Quantize(code, []float32{1e-30, -1e-31, 0, 0}); code[0] != 127 || code[1] != -13 || s != 1e-30/127 {
		t.Fatalf("tiny vector: scale %g code %v", s, code)
	}
	s := Quantize(code, []float32{-1, 1, 0.5, -0.25})
	if want := []int8{-127, 127, 64, -32}; [4]int8(code) != [4]int8(want) || s != 1.0/127 {
		t.Fatalf("code %v scale %g, want %v and 1/127", code, s, want)
	}
}

func BenchmarkDot768(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	x, y := randomCode(r, 768), randomCode(r, 768)
	fx, fy := unitVector(r, 768), unitVector(r, 768)
	b.Run("int8", func(b *testing.B) {
		for b.Loop() {
			Dot(x, y)
		}
	})
	b.Run("int8-generic", func(b *testing.B) {
		for b.Loop() {
			dotGeneric(x, y)
		}
	})
	b.Run("vek32", func(b *testing.B) {
		for b.Loop() {
			vek32.Dot(fx, fy)
		}
	})
}

func BenchmarkQuantize768(b *testing.B) {
	x, code := unitVector(rand.New(rand.NewPCG(9, 10)), 768), make([]int8, 768)
	for b.Loop() {
		Quantize(code, x)
	}
}

func TestPrefetchIsHarmless(t *testing.T) {
	c := randomCode(rand.New(rand.NewPCG(11, 12)), 777)
	for lo := range 70 {
		Prefetch(c[lo : lo+1])
		Prefetch(c[lo:])
	}
	Prefetch(nil)
}

// FuzzQuantize: for any finite vector, every component dequantizes to within half a step of itself.
func FuzzQuantize(f *testing.F) {
	f.Add([]byte{0, 0, 128, 63, 0, 0, 0, 191})
	f.Fuzz(func(t *testing.T, raw []byte) {
		x := make([]float32, len(raw)/4)
		for i := range x {
			x[i] = math.Float32frombits(uint32(raw[4*i]) | uint32(raw[4*i+1])<<8 | uint32(raw[4*i+2])<<16 | uint32(raw[4*i+3])<<24)
			if math.IsNaN(float64(x[i])) || math.IsInf(float64(x[i]), 0) {
				return
			}
		}
		code := make([]int8, len(x))
		s := Quantize(code, x)
		for i, v := range x {
			if d := math.Abs(float64(v) - float64(s)*float64(code[i])); s != 0 && d > float64(s)*0.5001 {
				t.Fatalf("component %d: %g dequantizes to %g (scale %g)", i, v, s*float32(code[i]), s)
			}
		}
	})
}
