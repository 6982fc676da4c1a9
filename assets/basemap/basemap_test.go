package basemap

import (
	"bytes"
	"math"
	"testing"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	in := Layers{
		Land:    [][]Point{{{0.1, 0.2}, {0.3, 0.2}, {0.3, 0.4}}},
		Borders: [][]Point{{{0.5, 0.5}, {0.25, 0.75}}, {{0.9, 0.1}, {0.8, 0.05}}},
	}
	var buf bytes.Buffer
	if err := Encode(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, a, b [][]Point) {
		if len(a) != len(b) {
			t.Fatalf("%s: %d rings, want %d", name, len(b), len(a))
		}
		for i := range a {
			for j := range a[i] {
				if d := math.Hypot(a[i][j].X-b[i][j].X, a[i][j].Y-b[i][j].Y); d > 1.0/(1<<grid) {
					t.Errorf("%s[%d][%d] = %v, want %v", name, i, j, b[i][j], a[i][j])
				}
			}
		}
	}
	check("land", in.Land, out.Land)
	check("borders", in.Borders, out.Borders)
}

func TestDecodeRejectsGarbage(t *testing.T) {
	if _, err := Decode([]byte("not gzip")); err == nil {
		t.Fatal("Decode accepted garbage")
	}
}

func TestEmbeddedBasemap(t *testing.T) {
	if Size() > 3<<20 {
		t.Errorf("embedded basemap is %d bytes; keep the binary small", Size())
	}
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Land) < 1000 || len(l.Borders) < 100 {
		t.Fatalf("embedded basemap has %d land rings and %d borders, expected Natural Earth 10m", len(l.Land), len(l.Borders))
	}
	// Kathmandu (27.7N 85.3E) must be inside some land ring's bounding box.
	x, y := (85.3+180)/360.0, 0.0
	s := math.Sin(27.7 * math.Pi / 180)
	y = 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	for _, r := range l.Land {
		minX, minY, maxX, maxY := 2.0, 2.0, -1.0, -1.0
		for _, p := range r {
			minX, minY = math.Min(minX, p.X), math.Min(minY, p.Y)
			maxX, maxY = math.Max(maxX, p.X), math.Max(maxY, p.Y)
		}
		if x >= minX && x <= maxX && y >= minY && y <= maxY {
			return
		}
	}
	t.Fatal("no land ring covers Kathmandu")
}

// BenchmarkLoad times decoding the embedded basemap, which every new map pays once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
