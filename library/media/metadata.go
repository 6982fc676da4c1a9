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

	HeadingDeg float64 // GPSImgDirection in [0, 360], true or magnetic north as the camera recorded it
	HasHeading bool

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
