package media

import (
	"time"
)

// Metadata is what Cairn keeps from a photo's EXIF. The Has* flags tell a recorded zero from a missing value.
type Metadata struct {
	// ShotTime is DateTimeOriginal. When the camera also recorded its UTC offset (OffsetTimeOriginal, else
	// OffsetTime), HasOffset is true and ShotTime carries that fixed zone, so it is a true instant. Otherwise
	// ShotTime holds the camera's wall clock with location UTC: compare its fields, not its instant.
	ShotTime               time.Time
	HasShotTime, HasOffset bool

	Lat, Lon float64 // degrees, south and west negative
	HasGPS   bool

	AltitudeM   float64 // metres; below sea level is negative (GPSAltitudeRef = 1)
	HasAltitude bool

	HeadingDeg      float64 // GPSImgDirection in [0, 360], true or magnetic north as the camera recorded it
	HasHeading      bool
	HeadingMagnetic bool // GPSImgDirectionRef is "M": HeadingDeg is from magnetic north, not true north

	// Gravity is the direction of gravity at capture, in g, in the device's axes (Apple:AccelerationVector:
	// X toward the right edge and Y toward the top as seen facing the screen, Z out of the screen; see
	// applenote.go). library/camera turns it into pitch and roll.
	Gravity     [3]float64
	HasGravity  bool
	FrontCamera bool // an iPhone's front (selfie) camera took the photo: its optical axis is +Z, not -Z

	Focal35mm float64 // FocalLengthIn35mmFilm in mm, 0 when unknown

	// Orientation is the EXIF orientation 1..8, 1 when absent or invalid. DecodeUpright applies it; for HEIC it
	// only describes the HEIF rotation that libheif applies itself, so never apply it to HEIC pixels again.
	Orientation int

	Make, Model string // trimmed of padding; empty when absent
}

// defaultMetadata is the metadata of a photo without EXIF.
func defaultMetadata() Metadata {
	return Metadata{Orientation: 1}
}
