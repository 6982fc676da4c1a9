// Package align lays the terrain's rendered horizon on a photo's skyline to find which way the camera
// pointed: the heading, and small corrections of the pitch, roll and field of view its metadata implies.
// Phone compasses are off by several degrees, more than a telephoto frame is wide; the skyline fixes the
// heading to a fraction of a degree where the terrain's outline has shape.
//
// For one photo: the skyline (skyline.Detect on the decoded photo, stored with it), the prior
// (camera.FromEXIF with the upright size), the horizon (terrain.DEM.Horizon at the camera's position and
// CameraAltitude), then Align(horizon, profile, prior, Options{}). DrawHorizon draws the horizon at a view over
// the photo for checking by eye.
package align

import (
	"math"

	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/skyline"
	"github.com/cairn-photos/cairn/library/terrain"
)

// Where a Result's heading came from; the same words as peaks.HeadingSkyline, HeadingCompass, HeadingNone.
const (
	SourceSkyline = "skyline" // the rendered horizon laid on the photo's skyline
	SourceCompass = "compass" // the prior's compass heading, kept
	SourceNone    = "none"    // no compass and no usable skyline: the heading is unknown
)

// Options bound the search around the prior. Zero fields take the defaults.
type Options struct {
	// HeadingWindowDeg is how far from the compass the heading is searched (±); default 15°, doubled for a
	// magnetic compass reference. Without a compass all 360° are searched.
	HeadingWindowDeg float64
	// PitchWindowDeg and RollWindowDeg bound the corrections of gravity's pitch and roll (±); default 2°.
	// Without gravity the camera is taken as level and searched over ±20° of pitch and ±6° of roll.
	PitchWindowDeg, RollWindowDeg float64
	// FOVWindow bounds the correction of the field of view, as a fraction of the focal length; default 0.05,
	// 0.4 when the focal length is unknown.
	FOVWindow float64
}

const (
	defaultHeadingWindow = 15
	defaultPoseWindow    = 2
	unknownPitchWindow   = 20
	unknownRollWindow    = 6
	defaultFOVWindow     = 0.05
	unknownFOVWindow     = 0.4 // no focal length: a phone's main camera was assumed; zooms and other lenses differ
)

func (o Options) withDefaults(prior camera.Estimate) Options {
	if o.HeadingWindowDeg <= 0 {
		o.HeadingWindowDeg = defaultHeadingWindow
		if prior.HeadingMagnetic {
			o.HeadingWindowDeg *= 2
		}
	}
	if o.PitchWindowDeg <= 0 {
		o.PitchWindowDeg = defaultPoseWindow
		if !prior.HasPose {
			o.PitchWindowDeg = unknownPitchWindow
		}
	}
	if o.RollWindowDeg <= 0 {
		o.RollWindowDeg = defaultPoseWindow
		if !prior.HasPose {
			o.RollWindowDeg = unknownRollWindow
		}
	}
	if o.FOVWindow <= 0 {
		o.FOVWindow = defaultFOVWindow
		if prior.FOVAssumed {
			o.FOVWindow = unknownFOVWindow
		}
	}
	return o
}

// Result is the view Align settled on and how far to trust it.
type Result struct {
	// View is the aligned view when Source is SourceSkyline, else the prior's view unchanged.
	View   camera.View
	Source string
	// Confidence is 0–1: how clearly the skyline picks this view over any other heading. 0 when the prior
	// was kept.
	Confidence float64
	// Agree is the share of the photo's reliable skyline (weighted by its confidence) that lies within
	// the tolerance of the rendered horizon at View.
	Agree float64
	// Margin is how much worse (in tolerances, 0–1) the best heading at least SeparationDeg away scores.
	Margin float64
	// ReliefDeg is how much the rendered horizon rises and falls across the frame: a flat horizon fixes
	// pitch but not heading.
	ReliefDeg float64
	// ResidualDeg is the median distance between the skyline and the horizon over the agreeing columns.
	ResidualDeg float64
	// ToleranceDeg is the distance within which a skyline column counts as agreeing.
	ToleranceDeg float64
	// Reason says, when the prior was kept, why.
	Reason string
}

// Thresholds for accepting an alignment.
const (
	minReliableShare = 0.15 // of the profile's columns
	minAgree         = 0.5
	minMargin        = 0.08
	// Searched all around, many more headings compete, and one of them fits a wrong skyline (cloud tops)
	// by chance more often: the best must stand out more.
	minMarginAround = 0.25
	minReliefTols   = 2 // horizon relief across the frame, in tolerances
	minConfidence   = 0.15
)

// Align finds the view whose rendered horizon best matches the photo's skyline, searching around the prior
// (camera.FromEXIF of the photo): the heading within the options' window of the compass, or all around
// without one; pitch and roll near gravity's; the field of view near the focal length's. A skyline column
// counts by its confidence, and the distance of each column to the horizon is truncated at a tolerance, so
// foreground in front of the skyline (people, trees, cloud) costs little. When the skyline is uninformative,
// the horizon flat or the fit poor or ambiguous, it returns the prior's view with SourceCompass (SourceNone
// without a compass) and the reason. It only reads h and is safe for concurrent use.
func Align(h *terrain.Horizon, sky skyline.Profile, prior camera.Estimate, opt Options) Result {
	opt = opt.withDefaults(prior)
	keep := func(reason string, r Result) Result {
		r.View, r.Source, r.Confidence, r.Reason = prior.View, SourceNone, 0, reason
		if prior.HasHeading {
			r.Source = SourceCompass
		}
		return r
	}
	cols := reliableColumns(sky)
	if len(cols) < int(minReliableShare*float64(len(sky.Y))+0.5) || len(cols) == 0 {
		return keep("the photo shows too little clear skyline", Result{})
	}
	if h == nil || !hasTerrain(h) {
		return keep("no terrain horizon at the camera", Result{})
	}
	s := newSearch(h, cols, prior, opt)
	best, second := s.run()
	r := Result{View: best.view, Source: SourceSkyline, Agree: best.agree, ToleranceDeg: s.tol,
		ResidualDeg: best.residual, ReliefDeg: relief(h, best.view, cols)}
	if second.ok {
		r.Margin = math.Max(0, (second.score-best.score)/s.tol)
	} else {
		r.Margin = 1 // nothing else in the window comes close enough to be a local best
	}
	switch {
	case r.ReliefDeg < minReliefTols*s.tol:
		return keep("the terrain's horizon is too flat in this direction to fix the heading", r)
	case r.Agree < minAgree:
		return keep("the photo's skyline does not match the terrain's horizon", r)
	case r.Margin < minMargin || !prior.HasHeading && r.Margin < minMarginAround:
		return keep("the skyline matches more than one heading", r)
	}
	r.Confidence = clamp01((r.Agree-minAgree)/(1-minAgree)) * clamp01(r.Margin/0.4) *
		clamp01(r.ReliefDeg/(4*minReliefTols*s.tol))
	if r.Confidence < minConfidence {
		return keep("the skyline fits the terrain's horizon too loosely to trust", r)
	}
	return r
}

func clamp01(v float64) float64 { return math.Min(math.Max(v, 0), 1) }

// hasTerrain tells whether any azimuth of the horizon has terrain.
func hasTerrain(h *terrain.Horizon) bool {
	for _, e := range h.ElevDeg {
		if e > noTerrain {
			return true
		}
	}
	return false
}

// noTerrain is terrain.Horizon's elevation where no terrain was found (−90), with room for rounding.
const noTerrain = -89

// relief is the range of the horizon's elevation over the columns where the photo shows its skyline: only
// shape that the photo shows can fix the heading (a flat stretch of skyline fits a flat stretch of horizon
// at many headings, however much the horizon rises elsewhere in the frame).
func relief(h *terrain.Horizon, v camera.View, cols []column) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	p := v.Projector()
	for _, c := range cols {
		az, _ := p.Ray(c.x, c.y)
		if e, _ := h.At(az); e > noTerrain {
			lo, hi = math.Min(lo, e), math.Max(hi, e)
		}
	}
	return math.Max(0, hi-lo)
}
