package camera

import (
	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/media"
)

// Estimate is the view a photo's own metadata implies, with what each part rests on. Parts that are not
// known are zero (heading north, camera level), so check the flags before trusting them.
type Estimate struct {
	View View
	// HasHeading: View.Heading is the compass's GPSImgDirection.
	HasHeading bool
	// HeadingMagnetic: the compass recorded magnetic north and View.Heading is off true north by the local
	// magnetic declination, which Cairn does not know offline (within about 1° in the Himalaya, up to 20° and
	// more elsewhere): treat the heading as a rough one.
	HeadingMagnetic bool
	// HasPose: pitch and roll come from the gravity vector; otherwise the camera is taken as level.
	HasPose bool
	// Reoriented: see Pose.
	Reoriented bool
	// FOVAssumed: the focal length was unknown and DefaultFocal35mm was used.
	FOVAssumed bool
}

// FromEXIF is the view of a photo from its metadata and the size of its upright picture (width and height
// after orientation, in pixels; 0 when unknown).
func FromEXIF(m media.Metadata, width, height int) Estimate {
	fov := FOVFrom35mm(m.Focal35mm, float64(width), float64(height))
	e := Estimate{View: NewView(0, Pose{}, fov), FOVAssumed: fov.Assumed}
	if m.HasHeading && m.HeadingDeg >= 0 && m.HeadingDeg <= 360 {
		e.View.Heading = geo.NormDeg(m.HeadingDeg)
		e.HasHeading, e.HeadingMagnetic = true, m.HeadingMagnetic
	}
	if m.HasGravity {
		if p, ok := PoseFromGravity(m.Gravity, m.Orientation, m.FrontCamera); ok {
			e.View.Pitch, e.View.Roll = p.Pitch, p.Roll
			e.HasPose, e.Reoriented = true, p.Reoriented
		}
	}
	return e
}
