package peaks

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Prediction is one peak a photo probably shows.
type Prediction struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Score       float64 `json:"score"`  // in [0,1]
	Source      string  `json:"source"` // SourceGeometry, SourceVisual or SourceBoth
	Explanation string  `json:"explanation"`

	// Where the peak stands for this camera; filled when the photo has a position.
	Visible    bool    `json:"visible"`     // not hidden by terrain or a nearer peak
	DistanceKm float64 `json:"distance_km"` // from the camera to the summit; 0 without a position
	// X, Y place the summit in the upright photo as fractions of its width and height from the top-left
	// corner; nil when the summit is outside the frame or the view is unknown.
	X *float64 `json:"x,omitempty"`
	Y *float64 `json:"y,omitempty"`
	// Heading is the bearing of the optical axis the geometry used, and HeadingSource where it came from
	// (HeadingSkyline, HeadingCompass or HeadingNone).
	Heading       *float64 `json:"heading"`
	HeadingSource string   `json:"heading_source"`
}

// Where the heading a prediction used came from.
const (
	HeadingSkyline = "skyline" // the rendered horizon laid on the photo's skyline
	HeadingCompass = "compass" // GPSImgDirection as recorded
	HeadingNone    = "none"    // no heading: any visible peak may be in view
)

// Where a prediction's evidence came from.
const (
	SourceGeometry = "geometry"
	SourceVisual   = "visual"
	SourceBoth     = "both"
)

const (
	// visualTemperature turns cosine similarities into shares that sum to 1: SigLIP similarities of one
	// photo to different peaks differ by hundredths, so the temperature is of that order.
	visualTemperature = 0.01
	// geometryWeight is geometry's share of a fused score; looks get the rest.
	geometryWeight = 0.5
	// minScore is the least score worth a prediction: a photo that looks like every peak alike (a room, a
	// face, a model that cannot tell peaks apart) names none rather than the first few in the catalog.
	minScore = 0.05
)

// Predict ranks the peaks a photo shows, best first, at most n (all when n <= 0).
// cam is nil when the photo has no GPS position; visual is nil without a model and otherwise maps peak
// id to the cosine similarity of the photo to that peak's prototype.
// With a camera, a peak that geometry rules out (hidden, or outside the frame) is never predicted,
// however much it looks the part; the rest score geometryWeight·geometry + (1−geometryWeight)·looks.
func Predict(c *Catalog, cam *Camera, visual map[string]float32, n int) []Prediction {
	named, _ := Identify(c, cam, visual, n)
	return named
}

// Identify is Predict, and also the peaks in the frame that terrain or a nearer peak hides, each saying what
// hides it (Visible false, score 0), nearest first.
func Identify(c *Catalog, cam *Camera, visual map[string]float32, n int) (named, hidden []Prediction) {
	if c == nil {
		return nil, nil
	}
	geo := map[string]View{}
	var candidates []Peak
	if cam != nil {
		for _, v := range Views(c, *cam) {
			switch {
			case v.Score > 0:
				geo[v.Peak.ID] = v
				candidates = append(candidates, v.Peak)
			case v.Hidden && v.InFrame:
				hidden = append(hidden, placed(Prediction{ID: v.Peak.ID, Name: v.Peak.Name, Source: SourceGeometry, Explanation: v.Explanation}, v, cam))
			}
		}
	} else {
		candidates = c.Peaks
	}
	looks := visualShares(candidates, visual)

	for _, p := range candidates {
		v, hasGeo := geo[p.ID]
		share, hasLooks := looks[p.ID]
		pred := Prediction{ID: p.ID, Name: p.Name, HeadingSource: HeadingNone}
		switch {
		case hasGeo && hasLooks:
			pred.Source = SourceBoth
			pred.Score = geometryWeight*v.Score + (1-geometryWeight)*share
			pred.Explanation = v.Explanation + "; " + looksText(p, visual[p.ID], share)
		case hasGeo:
			pred.Source = SourceGeometry
			pred.Score = v.Score
			pred.Explanation = v.Explanation
			if visual != nil {
				// A model ran but has no prototype for this peak: its looks count as nothing.
				pred.Score *= geometryWeight
			}
		case hasLooks:
			pred.Source = SourceVisual
			pred.Score = share
			pred.Explanation = looksText(p, visual[p.ID], share)
		default:
			continue
		}
		if hasGeo {
			pred = placed(pred, v, cam)
		}
		// A summit placed in the photo is labelled however small; a guess from looks alone must be worth it.
		if pred.Score >= minScore || pred.X != nil {
			named = append(named, pred)
		}
	}
	slices.SortStableFunc(named, func(a, b Prediction) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	if n > 0 && len(named) > n {
		named = named[:n]
	}
	return named, hidden
}

// placed adds where the camera sees v to a prediction.
func placed(pred Prediction, v View, cam *Camera) Prediction {
	pred.Visible = !v.Hidden
	pred.DistanceKm = v.DistanceKm
	if v.HasXY {
		x, y := v.X, v.Y
		pred.X, pred.Y = &x, &y
	}
	pred.HeadingSource = HeadingNone
	if cam.hasHeading() {
		h := normDeg(cam.Aim.Heading)
		pred.Heading, pred.HeadingSource = &h, cam.HeadingSource
	}
	return pred
}

// visualShares is a softmax of the candidates' similarities: each peak's share of the photo's looks.
// Peaks without a (finite) similarity get none.
func visualShares(candidates []Peak, visual map[string]float32) map[string]float64 {
	if visual == nil {
		return nil
	}
	sims := map[string]float64{}
	top := math.Inf(-1)
	for _, p := range candidates {
		s, ok := visual[p.ID]
		if !ok || !finite(float64(s)) {
			continue
		}
		sims[p.ID] = float64(s)
		top = max(top, float64(s))
	}
	total := 0.0
	for id, s := range sims {
		sims[id] = math.Exp((s - top) / visualTemperature) // shifted by the top for numerical safety
		total += sims[id]
	}
	for id := range sims {
		sims[id] /= total
	}
	return sims
}

func looksText(p Peak, sim float32, share float64) string {
	return fmt.Sprintf("looks like %s (similarity %.3f, %.0f%% of the visual evidence)", p.Name, sim, share*100)
}
