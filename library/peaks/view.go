package peaks

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/cairn-photos/cairn/library/camera"
)

// Camera is where a photo was taken and how it was aimed.
type Camera struct {
	Lat, Lon    float64
	AltitudeM   float64
	HasAltitude bool
	// Aim is which way the lens pointed and how much it saw. Its heading means something only when
	// HeadingSource is not HeadingNone; its pitch is used for the frame only when HasPose (otherwise the
	// camera is taken as level and only the horizontal extent of the frame counts).
	Aim           camera.View
	HeadingSource string
	// HeadingConfidence is 0–1 for a heading from the skyline: how clearly the skyline picked it.
	HeadingConfidence float64
	HasPose           bool
	// Ground is the terrain around the camera; nil where no terrain is known. With it, a peak is hidden when
	// the terrain in between stands above its summit, and peaks are ranked by how far they stand out of the
	// rendered skyline; without it, nearer peaks hide farther ones as cones, and height above the camera ranks.
	Ground *Ground
}

// CompassCamera is a camera whose heading, when it has one, is its compass's, level, with the field of view
// of focal35 (35 mm equivalent, 0 when unknown) on a 4:3 frame.
func CompassCamera(lat, lon float64, altM *float64, headingDeg *float64, focal35 float64, portrait bool) Camera {
	w, h := 4.0, 3.0
	if portrait {
		w, h = 3, 4
	}
	cam := Camera{Lat: lat, Lon: lon, HeadingSource: HeadingNone}
	cam.Aim = camera.NewView(0, camera.Pose{}, camera.FOVFrom35mm(math.Abs(focal35), w, h))
	if altM != nil {
		cam.AltitudeM, cam.HasAltitude = *altM, true
	}
	if headingDeg != nil {
		cam.Aim.Heading, cam.HeadingSource = *headingDeg, HeadingCompass
	}
	return cam
}

// hasHeading tells whether the camera's heading is known at all.
func (cam Camera) hasHeading() bool {
	return cam.HeadingSource != HeadingNone && cam.HeadingSource != ""
}

// View is how one peak appears from a camera.
type View struct {
	Peak         Peak
	DistanceKm   float64
	BearingDeg   float64 // compass bearing from the camera to the summit
	OffsetDeg    float64 // bearing minus heading: negative left of centre, positive right; 0 without heading
	ElevationDeg float64 // apparent angle above the horizontal, after curvature and refraction
	ReliefDeg    float64 // how far the summit stands out of the skyline around it; 0 without terrain
	InFrame      bool    // the summit is in the photo (within the compass's tolerance); true without heading
	// X, Y place the summit in the upright photo (fractions from the top-left) when it is inside the frame.
	X, Y        float64
	HasXY       bool
	Hidden      bool    // terrain or a nearer peak stands between the camera and the summit
	HiddenBy    string  // what hides it, for the explanation: "Nuptse", "the ridge 3.2 km away"
	Score       float64 // in [0,1]; 0 when geometry rules the peak out (hidden or outside the frame)
	Explanation string
}

const (
	// maxRangeKm is how far a summit can be and still matter in a photo without terrain to say what hides it.
	maxRangeKm = 60
	// maxTerrainRangeKm is how far a summit can be with terrain: Everest stands out from 100 km and more.
	maxTerrainRangeKm = 150
	// minRangeKm: a summit closer than this is the one the camera stands on.
	minRangeKm = 0.1
	// compassToleranceDeg widens the frame for phone compass error.
	compassToleranceDeg = 10
	// flankSlopeDeg is the mean slope of the ridges falling from a summit, for occlusion: a nearer peak
	// hides a farther one when its flank, at the farther one's bearing, still stands above it.
	flankSlopeDeg = 30
	// occlusionSpanDeg: beyond this angle from a nearer summit its flanks hide nothing.
	occlusionSpanDeg = 30
	// sizeScaleDeg sets how fast apparent height turns into a score without terrain: a summit 8° above the
	// camera's horizontal scores 0.63, one at 16° scores 0.86.
	sizeScaleDeg = 8
	// reliefScale sets how fast relief turns into a score with terrain, as a share of the frame's height: a
	// summit standing out of the skyline by a fifth of the frame scores 0.63, by three fifths 0.95. Relative to
	// the frame, so a telephoto photo filled by a peak counts as more "of" it than a wide view that includes it.
	reliefScale = 0.2
	// minVisibleSize keeps a visible summit in the frame among the labels however little it stands out.
	minVisibleSize = 0.02
	// noHeadingConfidence scales scores when the heading is unknown and any visible peak may be in view.
	noHeadingConfidence = 0.5
	// noAltitudeConfidence scales scores when the camera's altitude was assumed.
	noAltitudeConfidence = 0.9
	// summitAboveFrame is how far above the frame's top (in frame heights) a summit may stand while its
	// mountain still fills the photo.
	summitAboveFrame = 0.25
	// blockerPeakKm: terrain hiding a summit within this distance of a catalog summit is that peak's massif.
	blockerPeakKm = 1.5
)

// Views computes how every catalog peak in range appears from the camera, best score first.
func Views(c *Catalog, cam Camera) []View {
	if c == nil || !validCamera(cam) {
		return nil
	}
	camAlt := cam.AltitudeM
	if !cam.HasAltitude {
		camAlt = c.cameraAltitude(cam.Lat, cam.Lon)
	}
	if cam.Ground != nil {
		camAlt = cam.Ground.EyeAltM
	}
	rangeKm := float64(maxRangeKm)
	if cam.Ground != nil {
		rangeKm = maxTerrainRangeKm
	}
	heading := normDeg(cam.Aim.Heading)
	var views []View
	for _, p := range c.Peaks {
		distM, bearing := distanceBearing(cam.Lat, cam.Lon, p.Lat, p.Lon)
		if distM > rangeKm*1000 || distM < minRangeKm*1000 {
			continue
		}
		v := View{Peak: p, DistanceKm: distM / 1000, BearingDeg: bearing, ElevationDeg: apparentElevationDeg(distM, p.ElevationM-camAlt), InFrame: true}
		if cam.hasHeading() {
			v.OffsetDeg = offsetDeg(heading, bearing)
		}
		views = append(views, v)
	}
	for i := range views {
		v := &views[i]
		weight := noHeadingConfidence
		if cam.hasHeading() {
			weight = placeInFrame(cam, v)
		}
		switch {
		case cam.Ground != nil:
			if weight > 0 { // what hides a summit outside the photo does not matter, and tracing costs
				cam.Ground.sight(c, v)
			}
		default:
			if occluder := occluderOf(*v, views); occluder != nil {
				v.Hidden, v.HiddenBy = true, occluder.Name
			}
		}
		if !cam.HasAltitude && cam.Ground == nil {
			weight *= noAltitudeConfidence
		}
		size := sizeFactor(v.ElevationDeg)
		if cam.Ground != nil {
			v.ReliefDeg = viewRelief(cam.Ground.skyline, v.BearingDeg, v.ElevationDeg)
			size = max(minVisibleSize, 1-math.Exp(-v.ReliefDeg/(reliefScale*cam.Aim.VFOV)))
		}
		if !v.Hidden {
			v.Score = weight * size
		}
		v.Explanation = explain(*v, cam, camAlt)
	}
	slices.SortStableFunc(views, func(a, b View) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.DistanceKm, b.DistanceKm))
	})
	return views
}

// placeInFrame sets where v's summit lands in the photo and returns how much the frame lets it count: 1 at
// the centre, 0.5 at the edge, and 0 outside. A compass heading may be off by several degrees, so just outside
// its frame a summit still counts a little; a heading laid on the skyline has no such tolerance.
func placeInFrame(cam Camera, v *View) float64 {
	x, y, inFront := cam.Aim.Project(v.BearingDeg, v.ElevationDeg)
	// A level guess says nothing of the frame's top and bottom. A known pose does, but a mountain whose summit
	// the photo cuts off still fills it: only a summit far above the top, or below the bottom, is out.
	inY := !cam.HasPose || (y >= -summitAboveFrame && y <= 1)
	if inFront && x >= 0 && x <= 1 && y >= 0 && y <= 1 {
		v.X, v.Y, v.HasXY = x, y, true
	}
	tolerance := compassToleranceDeg
	if cam.HeadingSource == HeadingSkyline {
		tolerance = 0
	}
	weight := frameFactor(v.OffsetDeg, cam.Aim.HFOV/2, float64(tolerance))
	if !inY || !inFront {
		weight = 0
	}
	v.InFrame = weight > 0
	return weight
}

// validCamera rejects positions off the globe and numbers that are not numbers.
func validCamera(cam Camera) bool {
	return (finite(cam.AltitudeM) || !cam.HasAltitude) && (finite(cam.Aim.Heading) || !cam.hasHeading()) &&
		finite(cam.Aim.Pitch) && finite(cam.Aim.Roll) && cam.Aim.HFOV > 0 && cam.Aim.HFOV < 180 && cam.Aim.VFOV > 0 && cam.Aim.VFOV < 180 &&
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

// frameFactor is 1 at the centre of the frame, 0.5 at its edge, falls to 0 across the tolerance, and is 0
// beyond.
func frameFactor(offset, halfFOV, tolerance float64) float64 {
	off := math.Abs(offset)
	switch {
	case off <= halfFOV:
		r := off / halfFOV
		return 1 - 0.5*r*r
	case off <= halfFOV+tolerance:
		return 0.5 * (1 - (off-halfFOV)/tolerance)
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
func explain(v View, cam Camera, camAlt float64) string {
	s := fmt.Sprintf("%s — %.1f km at bearing %.0f°", v.Peak.Name, v.DistanceKm, v.BearingDeg)
	if cam.hasHeading() {
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
	case v.Hidden:
		s += ", hidden behind " + v.HiddenBy
	case cam.hasHeading() && !v.InFrame:
		s += ", outside the frame"
	case v.ReliefDeg >= 0.5:
		s += fmt.Sprintf(", standing %.1f° out of the skyline", v.ReliefDeg)
	}
	switch cam.HeadingSource {
	case HeadingNone, "":
		s += " (no compass heading)"
	case HeadingSkyline:
		s += " (heading from the skyline)"
	}
	if !cam.HasAltitude && cam.Ground == nil {
		s += fmt.Sprintf(" (camera altitude assumed %.0f m)", camAlt)
	}
	return s
}
