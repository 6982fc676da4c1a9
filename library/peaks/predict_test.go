package peaks

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// predictCatalog: north_peak 10 km ahead of southCamera, south_peak 10 km behind it, and two look-alikes
// 8 km away, 12° either side of the heading (far enough apart not to hide north_peak).
func predictCatalog(t *testing.T) *Catalog {
	latL, lonL := pointAt(27.91, 87.0, -12, 8)
	latR, lonR := pointAt(27.91, 87.0, 12, 8)
	return testCatalog(t, `
  - {id: north_peak, name: North Peak, lat: 28.0, lon: 87.0, elevation_m: 5000}
  - {id: south_peak, name: South Peak, lat: 27.82, lon: 87.0, elevation_m: 6000}
`+yamlPeak("left_twin", latL, lonL, 5500)+yamlPeak("right_twin", latR, lonR, 5500))
}

func checkScores(t *testing.T, preds []Prediction) {
	t.Helper()
	for i, p := range preds {
		if !(p.Score > 0 && p.Score <= 1) {
			t.Errorf("%s score %v outside (0,1]", p.ID, p.Score)
		}
		if i > 0 && p.Score > preds[i-1].Score {
			t.Errorf("not best first: %s %.3f after %s %.3f", p.ID, p.Score, preds[i-1].ID, preds[i-1].Score)
		}
		if p.Explanation == "" || p.Name == "" {
			t.Errorf("%s lacks name or explanation: %+v", p.ID, p)
		}
	}
}

func TestPredictRuledOutCannotWinOnLooks(t *testing.T) {
	c := predictCatalog(t)
	cam := southCamera
	// south_peak looks far more like the photo, but it stands behind the camera.
	visual := map[string]float32{"south_peak": 0.35, "north_peak": 0.12, "left_twin": 0.11, "right_twin": 0.11}
	preds := Predict(c, &cam, visual, 0)
	checkScores(t, preds)
	if len(preds) == 0 || preds[0].ID != "north_peak" || preds[0].Source != SourceBoth {
		t.Fatalf("predictions %+v, want north_peak first from both", preds)
	}
	for _, p := range preds {
		if p.ID == "south_peak" {
			t.Errorf("south_peak predicted although behind the camera: %+v", p)
		}
	}
	if !strings.Contains(preds[0].Explanation, "at the centre") || !strings.Contains(preds[0].Explanation, "looks like North Peak") {
		t.Errorf("explanation %q", preds[0].Explanation)
	}
}

func TestPredictLooksDecideBetweenTwins(t *testing.T) {
	c := predictCatalog(t)
	cam := southCamera
	geoOnly := Predict(c, &cam, nil, 0)
	// The twins are mirror images in geometry.
	var l, r float64
	for _, p := range geoOnly {
		if p.Source != SourceGeometry {
			t.Errorf("%s source %s without a model", p.ID, p.Source)
		}
		switch p.ID {
		case "left_twin":
			l = p.Score
		case "right_twin":
			r = p.Score
		}
	}
	if l == 0 || math.Abs(l-r) > 1e-3 {
		t.Fatalf("twin geometry scores %.4f and %.4f, want equal and positive", l, r)
	}
	for _, want := range []string{"left_twin", "right_twin"} {
		other := map[string]string{"left_twin": "right_twin", "right_twin": "left_twin"}[want]
		preds := Predict(c, &cam, map[string]float32{want: 0.20, other: 0.16, "north_peak": 0.15}, 1)
		if len(preds) != 1 || preds[0].ID != want {
			t.Errorf("looks favour %s, predicted %+v", want, preds)
		}
	}
}

func TestPredictWithoutGPSUsesLooksOnly(t *testing.T) {
	c := predictCatalog(t)
	visual := map[string]float32{"south_peak": 0.30, "north_peak": 0.28, "left_twin": float32(math.NaN())}
	preds := Predict(c, nil, visual, 3)
	checkScores(t, preds)
	if len(preds) != 2 || preds[0].ID != "south_peak" || preds[1].ID != "north_peak" {
		t.Fatalf("predictions %+v, want south_peak then north_peak (NaN and absent peaks dropped)", preds)
	}
	sum := 0.0
	for _, p := range preds {
		sum += p.Score
		if p.Source != SourceVisual {
			t.Errorf("%s source %s, want visual", p.ID, p.Source)
		}
	}
	// exp(0.02/0.01) = e²: the shares are e²/(1+e²) and 1/(1+e²).
	near(t, "top share", preds[0].Score, math.Exp(2)/(1+math.Exp(2)), 1e-4)
	near(t, "shares sum", sum, 1, 1e-4)

	if got := Predict(c, nil, nil, 3); len(got) != 0 {
		t.Errorf("no GPS and no model: %+v, want nothing", got)
	}
}

func TestPredictFarFromEveryPeak(t *testing.T) {
	c := predictCatalog(t)
	paris := CompassCamera(48.8566, 2.3522, ptr(35), nil, 0, false)
	if got := Predict(c, &paris, map[string]float32{"north_peak": 0.9}, 3); len(got) != 0 {
		t.Errorf("photo from Paris: %+v, want no Khumbu peak", got)
	}
}

func TestPredictTopN(t *testing.T) {
	c := predictCatalog(t)
	cam := southCamera
	cam.HeadingSource = HeadingNone
	all := Predict(c, &cam, nil, 0)
	if len(all) != 4 {
		t.Errorf("no heading, n=0: %d predictions, want all 4 peaks", len(all))
	}
	checkScores(t, all)
	if top := Predict(c, &cam, nil, 3); len(top) != 3 || top[0].ID != all[0].ID {
		t.Errorf("top 3 %+v", top)
	}
	if Predict(nil, &cam, nil, 3) != nil {
		t.Error("nil catalog predicted something")
	}
}

// A photo that looks like every peak alike (a room, a face) names no peak rather than the catalog's first few.
func TestPredictNoPeakWhenLooksAreUndecided(t *testing.T) {
	c := predictCatalog(t)
	same := map[string]float32{}
	for _, p := range c.Peaks {
		same[p.ID] = 0.1
	}
	// Four peaks alike share the looks evenly (0.25 each): still a guess worth showing.
	if preds := Predict(c, nil, same, 0); len(preds) != len(c.Peaks) {
		t.Fatalf("four alike: %d predictions, want %d", len(preds), len(c.Peaks))
	}
	big := testCatalog(t, manyPeaks(40))
	flat := map[string]float32{}
	for _, p := range big.Peaks {
		flat[p.ID] = 0.1
	}
	if preds := Predict(big, nil, flat, 3); len(preds) != 0 {
		t.Fatalf("forty alike: %v, want no prediction", preds)
	}
}

func manyPeaks(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(yamlPeak(fmt.Sprintf("peak_%02d", i), 27.7+float64(i)*0.01, 86.8, 5000+float64(i)))
	}
	return b.String()
}
