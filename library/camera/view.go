package camera

import (
	"math"

	"github.com/cairn-photos/cairn/library/geo"
)

// View is which way a camera pointed and how much it saw, for its upright photo, in degrees: everything
// needed to say where a direction lands in the photo.
type View struct {
	Heading float64 // azimuth of the optical axis, clockwise from true north
	Pitch   float64 // elevation of the optical axis; up positive
	Roll    float64 // about the optical axis, clockwise from behind positive (see Pose)
	HFOV    float64 // horizontal field of view of the upright photo, edge to edge; in (0, 180)
	VFOV    float64 // vertical field of view of the upright photo, edge to edge; in (0, 180)
}

// NewView is the view of a camera with the given heading, pose and field of view.
func NewView(heading float64, p Pose, f FOV) View {
	return View{Heading: heading, Pitch: p.Pitch, Roll: p.Roll, HFOV: f.H, VFOV: f.V}
}

// vec is a direction in the local east-north-up frame.
type vec struct{ e, n, u float64 }

func (a vec) dot(b vec) float64 { return a.e*b.e + a.n*b.n + a.u*b.u }

func (a vec) plus(b vec, k float64) vec { return vec{a.e + k*b.e, a.n + k*b.n, a.u + k*b.u} }

// direction is the unit vector toward an azimuth and elevation.
func direction(azDeg, elevDeg float64) vec {
	sa, ca := math.Sincos(rad(azDeg))
	se, ce := math.Sincos(rad(elevDeg))
	return vec{sa * ce, ca * ce, se}
}

// Projector is a View prepared for projecting many directions: its axes and the image plane's size are
// computed once. Make one per view for loops (a skyline, a horizon, every catalog peak).
type Projector struct {
	right, up, forward vec
	tanX, tanY         float64 // tan(HFOV/2), tan(VFOV/2): the image plane's half width and height at unit distance
}

// Projector prepares the view for Project and Ray. Heading and pitch turn the optical axis; the unrolled
// right axis is horizontal; roll turns right and up about the optical axis, clockwise as the photographer
// sees it (right edge down).
func (v View) Projector() Projector {
	sh, ch := math.Sincos(rad(v.Heading))
	sp, cp := math.Sincos(rad(v.Pitch))
	sr, cr := math.Sincos(rad(v.Roll))
	right0 := vec{ch, -sh, 0}
	up0 := vec{-sh * sp, -ch * sp, cp} // right0 × forward
	return Projector{
		forward: vec{sh * cp, ch * cp, sp},
		right:   vec{}.plus(right0, cr).plus(up0, -sr),
		up:      vec{}.plus(up0, cr).plus(right0, sr),
		tanX:    math.Tan(rad(v.HFOV) / 2),
		tanY:    math.Tan(rad(v.VFOV) / 2),
	}
}

// Project returns where the direction (azimuth, elevation) lands in the upright photo of a rectilinear
// (pinhole) lens: x and y as fractions of the width and height from the top-left corner, inside the frame
// when both are in [0, 1]. inFront is false for directions behind the camera (90° or more from the optical
// axis); x and y mean nothing then. For many directions, use a Projector.
func (v View) Project(azDeg, elevDeg float64) (x, y float64, inFront bool) {
	return v.Projector().Project(azDeg, elevDeg)
}

// Ray is Project's inverse: the direction (azimuth in [0, 360), elevation) seen at the position (x, y) of the
// upright photo. Positions outside [0, 1] are extrapolated on the image plane.
func (v View) Ray(x, y float64) (azDeg, elevDeg float64) {
	return v.Projector().Ray(x, y)
}

// Project is View.Project.
func (p Projector) Project(azDeg, elevDeg float64) (x, y float64, inFront bool) {
	d := direction(azDeg, elevDeg)
	z := d.dot(p.forward)
	x = 0.5 + d.dot(p.right)/z/(2*p.tanX)
	y = 0.5 - d.dot(p.up)/z/(2*p.tanY)
	return x, y, z > 0
}

// Ray is View.Ray.
func (p Projector) Ray(x, y float64) (azDeg, elevDeg float64) {
	d := p.forward.plus(p.right, (x-0.5)*2*p.tanX).plus(p.up, (0.5-y)*2*p.tanY)
	return geo.NormDeg(deg(math.Atan2(d.e, d.n))), deg(math.Atan2(d.u, math.Hypot(d.e, d.n)))
}
