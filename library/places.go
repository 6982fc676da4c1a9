package library

import (
	"math"
	"time"

	cameramodel "github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/peaks"
)

// Place is where and when a photo was taken, for the map.
type Place struct {
	ID       string
	Lat, Lon float64
	Time     time.Time // wall clock in the photo's own offset; zero when unknown
	Heading  float64   // of the camera, degrees from true north: corrected by the skyline when it was; NaN when unknown
	FOV      float64   // horizontal field of view of the upright photo, degrees
}

// Places returns the positions of the matches that have one, read from the photo table without loading a
// single record, so the map can show every match of a 100,000-photo library.
func (l *Library) Places(matches []Match) ([]Place, error) {
	t, err := l.table()
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]Place, 0, len(matches))
	for _, m := range matches {
		r := t.row(m.key)
		if r == nil || !r.HasGPS() {
			continue
		}
		p := Place{ID: m.ID(), Lat: r.Lat, Lon: r.Lon, Heading: float64(r.Heading), FOV: float64(r.FOV)}
		if r.HasTime() {
			p.Time = time.UnixMilli(r.LocalMs).UTC()
		}
		out = append(out, p)
	}
	return out, nil
}

// viewOf is which way the camera of p pointed and how wide it saw, for the map's view cone: the stored view
// when identification found one (its heading corrected by the skyline, its true field of view), else the
// compass (NaN without one) and the field of view of the lens and frame.
func viewOf(p Photo) (headingDeg, fovDeg float64) {
	if p.View != nil && p.View.FOV > 0 && p.View.Source != peaks.HeadingNone {
		return p.View.Heading, p.View.FOV
	}
	headingDeg = math.NaN()
	if p.Heading != nil {
		headingDeg = *p.Heading
	}
	return headingDeg, cameramodel.FOVFrom35mm(p.Focal35mm, float64(p.Width), float64(p.Height)).H
}
