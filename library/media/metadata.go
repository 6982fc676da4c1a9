package media

import (
	"slices"
	"strings"
	"time"
)

// Metadata is what Cairn keeps from a photo's EXIF and XMP. The Has* flags tell a recorded zero from a missing
// value; Origins says where each value came from.
type Metadata struct {
	// ShotTime is the capture time: DateTimeOriginal, else CreateDate (DateTimeDigitized), else XMP's
	// (exif:DateTimeOriginal, photoshop:DateCreated, xmp:CreateDate, embedded or from a sidecar), else
	// ModifyDate (DateTime); with its sub-seconds. XMP ranks above ModifyDate because its three dates are
	// capture times, while ModifyDate is when the file was last saved (by the camera, or by an editor days
	// later); it ranks below the EXIF capture dates because XMP only fills what the file lacks. Origins.ShotTime
	// names the tag used. When the offset from UTC is known (OffsetTimeOriginal or its siblings, the GPS time
	// for a capture time, XMP), HasOffset is true and ShotTime carries that fixed zone, so it is a true
	// instant. Otherwise ShotTime holds the camera's wall clock with location UTC: compare its fields, not its
	// instant.
	ShotTime               time.Time
	HasShotTime, HasOffset bool

	Lat, Lon float64 // degrees, south and west negative; (0, 0) is taken for "no fix" and dropped
	HasGPS   bool

	AltitudeM   float64 // metres; below sea level is negative; outside -500..9,000 m it is dropped
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

	Focal35mm     float64 // FocalLengthIn35mmFilm in mm, or worked out from the focal length and sensor size; 0 when unknown
	FocalLengthMM float64 // the lens's real focal length (FocalLength), 0 when unknown

	// Orientation is the EXIF orientation 1..8, 1 when absent or invalid. DecodeUpright applies it; for HEIC it
	// only describes the HEIF rotation that libheif applies itself, so never apply it to HEIC pixels again.
	Orientation int

	Make, Model string // trimmed of padding; empty when absent

	// From XMP (embedded or a sidecar).
	Rating      int      // 1..5 stars, -1 rejected, 0 none
	Title       string   // dc:title
	Description string   // dc:description
	Keywords    []string // dc:subject
	Subjects    []string // hierarchical subjects, levels joined by "|" (lr:hierarchicalSubject)

	Origins Origins
}

// Origins names where each value of Metadata came from, empty when it is absent.
type Origins struct {
	ShotTime  string // the tag: DateTimeOriginal, CreateDate, ModifyDate, or XMP:… with the XMP property
	Offset    string // OffsetTimeOriginal, OffsetTimeDigitized, OffsetTime, GPSTimeStamp, or XMP
	GPS       string // exif or xmp (the library adds track)
	Focal35mm string // FocalLengthIn35mmFilm, FocalPlaneResolution (worked out) or xmp
}

// Where a value came from, in Origins.
const (
	FromEXIF = "exif"
	FromXMP  = "xmp"
)

// defaultMetadata is the metadata of a photo without EXIF.
func defaultMetadata() Metadata {
	return Metadata{Orientation: 1}
}

// Fill copies into m the values m lacks and o has, with their origins: a sidecar's or an embedded preview's
// values complete the file's own, never replace them. One exception: a capture time taken from ModifyDate,
// which editors rewrite, gives way to o's time when that one is a capture time (DateTimeOriginal, CreateDate,
// or XMP's DateCreated), as Immich and exiftool's composite dates rank them.
func (m *Metadata) Fill(o Metadata) {
	weak := m.Origins.ShotTime == "ModifyDate" && o.HasShotTime && !strings.HasSuffix(o.Origins.ShotTime, "ModifyDate")
	if (!m.HasShotTime || weak) && o.HasShotTime {
		m.ShotTime, m.HasShotTime, m.HasOffset = o.ShotTime, true, o.HasOffset
		m.Origins.ShotTime, m.Origins.Offset = o.Origins.ShotTime, o.Origins.Offset
	}
	if !m.HasGPS && o.HasGPS {
		m.Lat, m.Lon, m.HasGPS, m.Origins.GPS = o.Lat, o.Lon, true, o.Origins.GPS
	}
	if !m.HasAltitude && o.HasAltitude {
		m.AltitudeM, m.HasAltitude = o.AltitudeM, true
	}
	if !m.HasHeading && o.HasHeading {
		m.HeadingDeg, m.HasHeading, m.HeadingMagnetic = o.HeadingDeg, true, o.HeadingMagnetic
	}
	if !m.HasGravity && o.HasGravity {
		m.Gravity, m.HasGravity, m.FrontCamera = o.Gravity, true, o.FrontCamera
	}
	if m.FocalLengthMM == 0 {
		m.FocalLengthMM = o.FocalLengthMM
	}
	if m.Focal35mm == 0 && o.Focal35mm > 0 {
		m.Focal35mm, m.Origins.Focal35mm = o.Focal35mm, o.Origins.Focal35mm
	}
	if m.Make == "" && m.Model == "" {
		m.Make, m.Model = o.Make, o.Model
	}
	if m.Rating == 0 {
		m.Rating = o.Rating
	}
	if m.Title == "" {
		m.Title = o.Title
	}
	if m.Description == "" {
		m.Description = o.Description
	}
	if len(m.Keywords) == 0 {
		m.Keywords = slices.Clone(o.Keywords)
	}
	if len(m.Subjects) == 0 {
		m.Subjects = slices.Clone(o.Subjects)
	}
}

// fillFromPreviews completes a RAW's metadata from the EXIF of its embedded JPEGs, which some makers keep
// there rather than in the RAW's own directories (Panasonic RW2 keeps its Exif IFD in JpgFromRaw).
func fillFromPreviews(m *Metadata, previews []preview) {
	for _, p := range previews {
		if m.HasShotTime && m.HasGPS {
			return
		}
		c, err := readJPEG(p.data)
		if err != nil || c.exif == nil {
			continue
		}
		if pm, err := parseEXIF(c.exif); err == nil {
			m.Fill(pm)
		}
	}
}
