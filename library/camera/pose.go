package camera

import "math"

// Pose is how the camera was tilted when it took the upright photo, in degrees.
type Pose struct {
	// Pitch is the optical axis's angle above the horizontal: positive when the camera looked up.
	Pitch float64
	// Roll is the camera's rotation about its optical axis, positive clockwise as seen from behind it (the
	// photographer's view): the right edge of the photo lower, so in the photo a level horizon rises to the
	// right.
	Roll float64
	// Reoriented: gravity says the photo was held a quarter or half turn from what its orientation tag says
	// (the pixels were turned in an editor after capture, or the tag is wrong). Roll is then measured from
	// the nearest quarter turn, which is what the turned pixels show.
	Reoriented bool
}

// maxRecordedRollDeg: a phone picks the orientation tag from gravity at capture, so an untouched photo's
// roll stays within about 45° (more with the orientation's hysteresis). Beyond this, gravity and tag
// disagree and the photo was turned afterwards.
const maxRecordedRollDeg = 60

// PoseFromGravity turns a phone's gravity vector (media.Metadata.Gravity: Apple's AccelerationVector, in
// Core Motion's device axes) into the pitch and roll of the upright photo, given the photo's EXIF
// orientation (1..8; for HEIC the same rotation as the file's irot box) and whether the front camera took
// it. It reports false for a vector that is not one (zero, NaN) and for mirrored orientations (2, 4, 5, 7),
// whose upright photo is not a camera's view.
//
// Derivation. Core Motion's device frame, seen facing the screen: X toward the right edge, Y toward the top,
// Z out of the screen; at rest the vector is gravity itself, 1 g toward the ground. (exiftool documents the
// same numbers as an acceleration in axes with every sign reversed.) The rear camera looks along −Z, the
// front camera along +Z. The sensor is read out landscape: for the rear camera a photo with orientation 1 is
// upright when the top of the phone points left (gravity ≈ −X, as every orientation-1 iPhone photo in the
// test data shows); its upright right is then −Y and its up +X. For the front camera, whose picture is not
// mirrored, up is −X and right −Y. Orientation n says how the stored (sensor) picture turns to upright, so
// it maps the sensor's right and up to the upright photo's (R, U); the optical axis F stays. With gravity g
// written in that camera frame (gR, gU, gF), normalised:
//
//	pitch = asin(−gF)        looking up, the ground is behind the image plane: g·F < 0
//	roll  = atan2(gR, −gU)   level: gravity points straight down the photo (gU = −1, gR = 0)
//
// Check on portrait photos (orientation 6: upright up is the phone's top, +Y; right is +X): gravity
// (−0.04, −0.98, 0.12) gives pitch 7° up and roll −2.6°, a phone held upright and tipped back a little.
func PoseFromGravity(g [3]float64, orientation int, frontCamera bool) (Pose, bool) {
	n := math.Sqrt(g[0]*g[0] + g[1]*g[1] + g[2]*g[2])
	if !(n > 0) || math.IsInf(n, 0) {
		return Pose{}, false
	}
	// Gravity along the sensor's right, up and the optical axis.
	sr, su, f := -g[1]/n, g[0]/n, -g[2]/n
	if frontCamera {
		sr, su, f = -g[1]/n, -g[0]/n, g[2]/n
	}
	var r, u float64
	switch orientation {
	case 1:
		r, u = sr, su
	case 3: // turned 180°
		r, u = -sr, -su
	case 6: // turned 90° clockwise: the sensor's top becomes the right
		r, u = su, -sr
	case 8: // turned 90° counter-clockwise: the sensor's top becomes the left
		r, u = -su, sr
	default:
		return Pose{}, false
	}
	p := Pose{Pitch: deg(math.Asin(math.Max(-1, math.Min(1, -f)))), Roll: deg(math.Atan2(r, -u))}
	if math.Abs(p.Roll) > maxRecordedRollDeg {
		p.Roll -= 90 * math.Round(p.Roll/90)
		p.Reoriented = true
	}
	return p, true
}
