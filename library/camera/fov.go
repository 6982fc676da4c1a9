package camera

import (
	"math"

	"github.com/cairn-photos/cairn/library/geo"
)

// FOV is the angular size of the upright photo, in degrees.
type FOV struct {
	H, V float64 // horizontal and vertical, edge to edge
	// Assumed: the focal length was unknown and DefaultFocal35mm stands in for it.
	Assumed bool
}

const (
	// DefaultFocal35mm stands in for an unknown focal length: a phone's main camera (24–28 mm equivalent).
	DefaultFocal35mm = 26
	// fullFrameDiagonalMM is the diagonal of a 36 × 24 mm frame. "35 mm equivalent" is defined on the
	// diagonal (CIPA DC-008), so it holds for any aspect ratio, not only 3:2.
	fullFrameDiagonalMM = 43.27
	// phoneAspect is the frame assumed when the photo's size is unknown: a phone's 4:3 sensor, landscape.
	phoneAspectW, phoneAspectH = 4, 3
)

// FOVFrom35mm is the field of view of a photo width × height (pixels, or any unit: only the ratio counts)
// taken with the given 35 mm equivalent focal length. The frame's diagonal sees what a 43.27 mm diagonal
// sees at focal35 mm, so the horizontal FOV is 2·atan(43.27·w/√(w²+h²) / (2·focal35)). A focal length that
// is not a positive number gives DefaultFocal35mm, flagged Assumed; an unknown size, a 4:3 landscape frame.
func FOVFrom35mm(focal35, width, height float64) FOV {
	assumed := !(focal35 > 0) || math.IsInf(focal35, 0)
	if assumed {
		focal35 = DefaultFocal35mm
	}
	w, h := aspect(width, height)
	halfDiag := fullFrameDiagonalMM / (2 * focal35) // tangent of half the diagonal angle
	d := math.Hypot(w, h)
	return FOV{H: 2 * deg(math.Atan(halfDiag*w/d)), V: 2 * deg(math.Atan(halfDiag*h/d)), Assumed: assumed}
}

// FOVFromSensor is the field of view from the real focal length and the sensor's long side, both in mm, for
// a photo width × height whose long side spans the sensor's (a crop to another aspect keeps the long side).
// Values that are not positive numbers fall back to FOVFrom35mm's default.
func FOVFromSensor(focalMM, sensorLongMM, width, height float64) FOV {
	if !(focalMM > 0 && sensorLongMM > 0) || math.IsInf(focalMM+sensorLongMM, 0) {
		return FOVFrom35mm(0, width, height)
	}
	w, h := aspect(width, height)
	halfLong := sensorLongMM / (2 * focalMM)
	long := math.Max(w, h)
	return FOV{H: 2 * deg(math.Atan(halfLong*w/long)), V: 2 * deg(math.Atan(halfLong*h/long))}
}

// aspect returns the photo's size, or the phone frame's when it is unknown.
func aspect(width, height float64) (float64, float64) {
	if !(width > 0 && height > 0) || math.IsInf(width+height, 0) {
		return phoneAspectW, phoneAspectH
	}
	return width, height
}

func rad(d float64) float64 { return geo.Rad(d) }
func deg(r float64) float64 { return geo.Deg(r) }
