package peaks

import "testing"

// tengboche is the camera of the labelled photo IMG_2335 (Ama Dablam, 60 mm, portrait).
var tengboche = CompassCamera(27.8514111, 86.7832028, ptr(3850), ptr(84.58), 60, true)

func BenchmarkBundled(b *testing.B) {
	for b.Loop() {
		if _, err := Bundled(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPredictGeometry(b *testing.B) {
	c, err := Bundled()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if p := Predict(c, &tengboche, nil, 3); len(p) == 0 {
			b.Fatal("no prediction")
		}
	}
}

func BenchmarkPredictFused(b *testing.B) {
	c, err := Bundled()
	if err != nil {
		b.Fatal(err)
	}
	visual := map[string]float32{}
	for i, p := range c.Peaks {
		visual[p.ID] = 0.1 + float32(i%7)/100
	}
	for b.Loop() {
		if p := Predict(c, &tengboche, visual, 3); len(p) == 0 {
			b.Fatal("no prediction")
		}
	}
}
