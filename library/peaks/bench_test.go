package peaks

import "testing"

// tengboche is the camera of the labelled photo IMG_2335 (Ama Dablam, 60 mm, portrait).
var tengboche = Camera{Lat: 27.8514111, Lon: 86.7832028, AltitudeM: 3850, HasAltitude: true,
	HeadingDeg: 84.58, HasHeading: true, Focal35mm: 60, Portrait: true}

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
