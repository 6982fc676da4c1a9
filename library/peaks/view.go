package peaks

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/cairn-photos/cairn/library/camera"
)

// Camera is where a photo was taken and which way the lens pointed, from its EXIF.
type Camera struct {
	Lat, Lon    float64
	AltitudeM   float64
	HasAltitude bool
	HeadingDeg  float64 // GPSImgDirection: the compass bearing the lens faced
	HasHeading  bool
	Focal35mm   float64 // FocalLengthIn35mmFormat; 0 when unknown
	Portrait    bool    // the displayed picture is taller than wide (after EXIF orientation)
}

// View is how one peak appears from a camera.
type View struct {
	Peak         Peak
	DistanceKm   float64
	BearingDeg   float64 // compass bearing from the camera to the summit
	OffsetDeg    float64 // bearing minus heading: negative left of centre, positive right; 0 without heading
	ElevationDeg float64 // apparent angle above the horizontal, after curvature and refraction
	InFrame      bool    // the bearing is within the half field of view plus compass tolerance; true without heading
	Hidden       bool    // a nearer peak at nearly the same bearing stands higher in the view
	Score        float64 // in [0,1]; 0 when geometry rules the peak out (hidden or outside the frame)
	Explanation  string
}

const (
	// maxRangeKm is how far a summit can be and still matter in a photo.
	maxRangeKm = 60
	// minRangeKm: a summit closer than this is the one the camera stands on.
	minRangeKm = 0.1
	// compassToleranceDeg widens the frame for phone compass error.
	compassToleranceDeg = 10
	// flankSlopeDeg is the mean slope of the ridges falling from a summit, for occlusion: a nearer peak
	// hides a farther one when its flank, at the farther one's bearing, still stands above it.
	flankSlopeDeg = 30
	// occlusionSpanDeg: beyond this angle from a nearer summit its flanks hide nothing.
	occlusionSpanDeg = 30
	// sizeScaleDeg sets how fast apparent height turns into a score: a summit 8° above the camera's
	// horizontal scores 0.63, one at 16° scores 0.86.
	sizeScaleDeg = 8
	// noHeadingConfidence scales scores when the heading is unknown and any visible peak may be in view.
	noHeadingConfidence = 0.5
	// noAltitudeConfidence scales scores when the camera's altitude was assumed.
	noAltitudeConfidence = 0.9
)

// Views computes how every catalog peak within maxRangeKm appears from the camera, best score first.
func Views(c *Catalog, cam Camera) []View {
	if c == nil || !validCamera(cam) {
		return nil
	}
	camAlt := cam.AltitudeM
	if !cam.HasAltitude {
		camAlt = c.cameraAltitude(cam.Lat, cam.Lon)
	}
	var views []View
	for _, p := range c.Peaks {
		distM, bearing := distanceBearing(cam.Lat, cam.Lon, p.Lat, p.Lon)
		if distM > maxRangeKm*1000 || distM < minRangeKm*1000 {
			continue
		}
		v := View{Peak: p, DistanceKm: distM / 1000, BearingDeg: bearing, ElevationDeg: apparentElevationDeg(distM, p.ElevationM-camAlt), InFrame: true}
		if cam.HasHeading {
			v.OffsetDeg = offsetDeg(normDeg(cam.HeadingDeg), bearing)
		}
		views = append(views, v)
	}
	w, h := 4.0, 3.0 // Camera knows only which side is longer: a phone's 4:3 frame
	if cam.Portrait {
		w, h = 3, 4
	}
	halfFOV := camera.FOVFrom35mm(math.Abs(cam.Focal35mm), w, h).H / 2
	for i := range views {
		v := &views[i]
		occluder := occluderOf(*v, views)
		v.Hidden = occluder != nil
		weight := noHeadingConfidence
		if cam.HasHeading {
			weight = frameFactor(v.OffsetDeg, halfFOV)
			v.InFrame = weight > 0
		}
		if !cam.HasAltitude {
			weight *= noAltitudeConfidence
		}
		if !v.Hidden {
			v.Score = weight * sizeFactor(v.ElevationDeg)
		}
		v.Explanation = explain(*v, cam, camAlt, occluder)
	}
	slices.SortStableFunc(views, func(a, b View) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.DistanceKm, b.DistanceKm))
	})
	return views
}

// validCamera rejects positions off the globe and numbers that are not numbers.
func validCamera(cam Camera) bool {
	return (finite(cam.AltitudeM) || !cam.HasAltitude) && (finite(cam.HeadingDeg) || !cam.HasHeading) && finite(cam.Focal35mm) &&
		cam.Lat >= -90 && cam.Lat <= 90 && cam.Lon >= -180 && cam.Lon <= 180 // false for NaN too
}

// cameraAltitude is the assumed altitude of a camera without one: that of the region it stands in.
func (c *Catalog) cameraAltitude(lat, lon float64) float64 {
	for _, r := range c.Regions {
		if r.Contains(lat, lon) {
			return r.CameraAltitudeM
		}
	}
	return 0
}

// frameFactor is 1 at the centre of the frame, 0.5 at its edge, falls to 0 across the compass
// tolerance, and is 0 beyond.
func frameFactor(offset, halfFOV float64) float64 {
	off := math.Abs(offset)
	switch {
	case off <= halfFOV:
		r := off / halfFOV
		return 1 - 0.5*r*r
	case off <= halfFOV+compassToleranceDeg:
		return 0.5 * (1 - (off-halfFOV)/compassToleranceDeg)
	}
	return 0
}

// sizeFactor turns the apparent height above the camera's horizontal into [0,1): big, near summits
// dominate a photo; a summit at or below eye level is lost among the foreground.
func sizeFactor(elevationDeg float64) float64 {
	if elevationDeg <= 0 {
		return 0
	}
	return 1 - math.Exp(-elevationDeg/sizeScaleDeg)
}

// occluderOf returns the nearer peak whose flank stands highest above v at v's bearing, or nil when
// none reaches v's summit.
func occluderOf(v View, views []View) *Peak {
	var best *Peak
	bestMargin := 0.0
	for i := range views {
		q := &views[i]
		if q.DistanceKm >= v.DistanceKm {
			continue
		}
		margin := silhouetteDeg(*q, v.BearingDeg) - v.ElevationDeg
		if margin > bestMargin {
			best, bestMargin = &q.Peak, margin
		}
	}
	return best
}

// silhouetteDeg is the apparent elevation of q's flank at the given bearing, modelling q as a cone whose
// sides fall at flankSlopeDeg; -90 when the bearing is too far from q to matter.
func silhouetteDeg(q View, bearing float64) float64 {
	delta := math.Abs(offsetDeg(q.BearingDeg, bearing))
	if delta > occlusionSpanDeg {
		return -90
	}
	distM := q.DistanceKm * 1000
	sideM := distM * math.Tan(rad(delta))                // how far along the flank, across the line of sight
	riseM := math.Tan(rad(q.ElevationDeg)) * distM       // q's summit above the camera (curvature included)
	flankM := riseM - sideM*math.Tan(rad(flankSlopeDeg)) // the flank's height there
	return deg(math.Atan2(flankM, math.Hypot(distM, sideM)))
}

// explain writes one line a person can check against the photo, e.g.
// "Ama Dablam — 8.1 km at bearing 82°, 3° right of centre, 8.9° above the horizon".
func explain(v View, cam Camera, camAlt float64, occluder *Peak) string {
	s := fmt.Sprintf("%s — %.1f km at bearing %.0f°", v.Peak.Name, v.DistanceKm, v.BearingDeg)
	if cam.HasHeading {
		switch off := math.Round(v.OffsetDeg); {
		case off == 0:
			s += ", at the centre"
		case off < 0:
			s += fmt.Sprintf(", %.0f° left of centre", -off)
		default:
			s += fmt.Sprintf(", %.0f° right of centre", off)
		}
	}
	if v.ElevationDeg >= 0 {
		s += fmt.Sprintf(", %.1f° above the horizon", v.ElevationDeg)
	} else {
		s += fmt.Sprintf(", %.1f° below the horizon", -v.ElevationDeg)
	}
	switch {
	case cam.HasHeading && !v.InFrame:
		s += ", outside the frame"
	case occluder != nil:
		s += ", hidden behind " + occluder.Name
	}
	if !cam.HasHeading {
		s += " (no compass heading)"
	}
	if !cam.HasAltitude {
		s += fmt.Sprintf(" (camera altitude assumed %.0f m)", camAlt)
	}
	return s
}
