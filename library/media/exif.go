package media

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
)

// Tags goexif does not name; they are read from the Exif sub-IFD by number.
const (
	tagOffsetTime          = 0x9010
	tagOffsetTimeOriginal  = 0x9011
	tagOffsetTimeDigitized = 0x9012
)

// parseEXIF reads Metadata from a raw EXIF block (a TIFF structure). When part of the block is damaged it
// returns what it could read together with an error describing the damage.
func parseEXIF(raw []byte) (meta Metadata, err error) {
	meta = defaultMetadata()
	defer recoverAs(&err, "exif")
	if !isTIFFHeader(raw) {
		return meta, fmt.Errorf("%w: exif block does not start with a TIFF header", ErrCorrupt)
	}
	x, decodeErr := exif.Decode(newTIFFReader(raw))
	if x == nil {
		return meta, fmt.Errorf("%w: exif: %v", ErrCorrupt, decodeErr)
	}
	var problems []string
	if decodeErr != nil { // a sub-IFD (Exif, GPS, Interop) failed; the others are loaded
		problems = append(problems, decodeErr.Error())
	}

	meta.Make = tagString(x, exif.Make)
	meta.Model = tagString(x, exif.Model)
	if o, ok := tagInt(x, exif.Orientation); ok && o >= 1 && o <= 8 {
		meta.Orientation = o
	}
	readFocal35(x, &meta)
	if err := readShotTime(x, &meta); err != nil {
		problems = append(problems, err.Error())
	}
	readGPS(x, &meta)
	if err := readMakerNote(x, &meta); err != nil {
		problems = append(problems, err.Error())
	}
	// The GPS time is when the photo was taken; so are DateTimeOriginal and CreateDate, but ModifyDate is when
	// the file was last saved, maybe hours later, and its difference from the GPS time is no zone.
	if meta.HasShotTime && !meta.HasOffset && meta.Origins.ShotTime != "ModifyDate" {
		offsetFromGPSTime(x, &meta)
	}

	if len(problems) > 0 {
		return meta, fmt.Errorf("%w: exif partly unreadable: %s", ErrCorrupt, strings.Join(problems, "; "))
	}
	return meta, nil
}

// shotTimeTags are the capture-time fallbacks, best first: each date tag with its sub-seconds and offset tags.
var shotTimeTags = []struct {
	name         string // as exiftool names it, for Origins
	date, subsec exif.FieldName
	offset       uint16
	offsetName   string
}{
	{"DateTimeOriginal", exif.DateTimeOriginal, exif.SubSecTimeOriginal, tagOffsetTimeOriginal, "OffsetTimeOriginal"},
	{"CreateDate", exif.DateTimeDigitized, exif.SubSecTimeDigitized, tagOffsetTimeDigitized, "OffsetTimeDigitized"},
	{"ModifyDate", exif.DateTime, exif.SubSecTime, tagOffsetTime, "OffsetTime"},
}

// readShotTime sets ShotTime from the first date tag that holds a date, with its sub-seconds, and the offset
// from the matching offset tag, else OffsetTime. A missing or blank date ("    :  :     ", all zeros) is no
// time, not an error; a malformed one is reported and the next tag tried.
func readShotTime(x *exif.Exif, meta *Metadata) error {
	var problems []string
	for _, tt := range shotTimeTags {
		s := tagString(x, tt.date)
		if s == "" || strings.Trim(s, " :0") == "" {
			continue
		}
		wall, suffix, err := parseEXIFDate(s)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s %q: %v", tt.name, s, err))
			continue
		}
		wall = wall.Add(subSeconds(tagString(x, tt.subsec)))
		// Some writers append the zone to the date itself ("…Z", "…+02:00").
		offset, hasOffset := parseOffset(suffix)
		offsetFrom := tt.name
		for _, o := range []struct {
			id   uint16
			name string
		}{{tt.offset, tt.offsetName}, {tagOffsetTime, "OffsetTime"}} {
			if !hasOffset {
				offset, hasOffset = parseOffset(exifSubTagString(x, o.id))
				offsetFrom = o.name
			}
		}
		meta.ShotTime, meta.HasShotTime, meta.Origins.ShotTime = wall, true, tt.name
		if hasOffset {
			meta.ShotTime = wallIn(wall, time.FixedZone("", offset))
			meta.HasOffset, meta.Origins.Offset = true, offsetFrom
		}
		break
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// exifDateLayout is EXIF's date and time format.
const exifDateLayout = "2006:01:02 15:04:05"

// parseEXIFDate reads "2006:01:02 15:04:05" (also with dashes or a T) and returns what follows it, with
// sub-seconds read into the time.
func parseEXIFDate(s string) (time.Time, string, error) {
	if len(s) < len(exifDateLayout) {
		return time.Time{}, "", fmt.Errorf("too short")
	}
	norm := []byte(s[:len(exifDateLayout)])
	norm[4], norm[7], norm[10] = ':', ':', ' '
	wall, err := time.Parse(exifDateLayout, string(norm))
	if err != nil {
		return time.Time{}, "", err
	}
	rest := s[len(exifDateLayout):]
	if strings.HasPrefix(rest, ".") {
		digits := strings.TrimLeft(rest[1:], "0123456789")
		wall = wall.Add(subSeconds(rest[1 : len(rest)-len(digits)]))
		rest = digits
	}
	return wall, rest, nil
}

// subSeconds reads SubSecTime digits ("042" is 42 ms) as a duration; anything else is 0.
func subSeconds(s string) time.Duration {
	s = strings.TrimSpace(s)
	var d time.Duration
	scale := time.Second / 10
	for _, c := range s {
		if c < '0' || c > '9' || scale == 0 {
			break
		}
		d += time.Duration(c-'0') * scale
		scale /= 10
	}
	return d
}

// wallIn is the same wall-clock reading in loc.
func wallIn(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// parseOffset reads "+05:45", "-0300" or "Z" into seconds east of UTC.
func parseOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "Z" {
		return 0, true
	}
	for _, layout := range []string{"-07:00", "-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			_, off := t.Zone()
			return off, true
		}
	}
	return 0, false
}

// offsetFromGPSTime works out the camera clock's offset from UTC when no offset tag says it: GPSDateStamp and
// GPSTimeStamp are UTC, so the difference from the wall-clock capture time is the offset. Zones are whole
// quarter hours; a difference more than five minutes off one (a stale fix) or beyond ±14 h is not trusted.
// Without GPSDateStamp the UTC day is the one that makes such an offset, when only one does.
func offsetFromGPSTime(x *exif.Exif, meta *Metadata) {
	h, okH := tagRational(x, exif.GPSTimeStamp, 0)
	m, okM := tagRational(x, exif.GPSTimeStamp, 1)
	sec, okS := tagRational(x, exif.GPSTimeStamp, 2)
	if !okH || !okM || !okS || h >= 24 || m >= 60 || sec >= 61 {
		return
	}
	wallAsUTC := meta.ShotTime // the wall clock, read as if it were UTC
	days := []time.Time{}
	if date := tagString(x, exif.GPSDateStamp); date != "" {
		day, err := time.Parse("2006:01:02", strings.ReplaceAll(strings.TrimSpace(date), "-", ":"))
		if err != nil {
			return
		}
		days = append(days, day)
	} else {
		wallDay := time.Date(wallAsUTC.Year(), wallAsUTC.Month(), wallAsUTC.Day(), 0, 0, 0, 0, time.UTC)
		days = append(days, wallDay.AddDate(0, 0, -1), wallDay, wallDay.AddDate(0, 0, 1))
	}
	var offsets []time.Duration
	for _, day := range days {
		utc := day.Add(time.Duration((h*3600 + m*60 + sec) * float64(time.Second)))
		diff := wallAsUTC.Sub(utc)
		rounded := diff.Round(15 * time.Minute)
		if (diff-rounded).Abs() <= 5*time.Minute && rounded.Abs() <= 14*time.Hour {
			offsets = append(offsets, rounded)
		}
	}
	if len(offsets) != 1 {
		return
	}
	meta.ShotTime = wallIn(wallAsUTC, time.FixedZone("", int(offsets[0]/time.Second)))
	meta.HasOffset, meta.Origins.Offset = true, "GPSTimeStamp"
}

// Plausible altitudes: below the Dead Sea shore or above Everest is a bad fix or an unsigned wrap-around
// (4,294,967,284 m is -12 m written as unsigned).
const (
	minAltitudeM = -500
	maxAltitudeM = 9000
)

// readGPS sets the position, altitude and heading. Values with a zero denominator, out of range or implausible
// (the (0, 0) of a receiver without a fix) are left out rather than reported wrong.
func readGPS(x *exif.Exif, meta *Metadata) {
	lat, okLat := tagDegrees(x, exif.GPSLatitude)
	lon, okLon := tagDegrees(x, exif.GPSLongitude)
	if okLat && okLon && math.Abs(lat) <= 90 && math.Abs(lon) <= 180 && !(lat == 0 && lon == 0) {
		if strings.HasPrefix(strings.ToUpper(tagString(x, exif.GPSLatitudeRef)), "S") {
			lat = -lat
		}
		if strings.HasPrefix(strings.ToUpper(tagString(x, exif.GPSLongitudeRef)), "W") {
			lon = -lon
		}
		meta.Lat, meta.Lon, meta.HasGPS, meta.Origins.GPS = lat, lon, true, FromEXIF
	}
	if alt, ok := tagRational(x, exif.GPSAltitude, 0); ok {
		if ref, ok := tagInt(x, exif.GPSAltitudeRef); ok && ref == 1 {
			alt = -alt
		}
		if alt >= minAltitudeM && alt <= maxAltitudeM {
			meta.AltitudeM, meta.HasAltitude = alt, true
		}
	}
	if dir, ok := tagRational(x, exif.GPSImgDirection, 0); ok && dir >= 0 && dir <= 360 {
		meta.HeadingDeg, meta.HasHeading = dir, true
		meta.HeadingMagnetic = strings.EqualFold(tagString(x, exif.GPSImgDirectionRef), "M")
	}
}

// readFocal35 sets the 35 mm equivalent focal length: FocalLengthIn35mmFilm, else the focal length times the
// crop factor of a sensor whose size follows from the focal-plane resolution and the image size.
func readFocal35(x *exif.Exif, meta *Metadata) {
	if f, ok := tagRational(x, exif.FocalLength, 0); ok && f > 0 && f < 10000 {
		meta.FocalLengthMM = f
	}
	if f, ok := tagInt(x, exif.FocalLengthIn35mmFilm); ok && f > 0 {
		meta.Focal35mm, meta.Origins.Focal35mm = float64(f), "FocalLengthIn35mmFilm"
		return
	}
	focal, ok := tagRational(x, exif.FocalLength, 0)
	if !ok || focal <= 0 {
		return
	}
	w, h := pixelDimensions(x)
	xres, okX := tagRational(x, exif.FocalPlaneXResolution, 0)
	yres, okY := tagRational(x, exif.FocalPlaneYResolution, 0)
	if !okY {
		yres = xres
	}
	unit, _ := tagInt(x, exif.FocalPlaneResolutionUnit)
	mm := map[int]float64{0: 25.4, 2: 25.4, 3: 10, 4: 1, 5: 0.001}[unit] // 2 inch (and the default), 3 cm, 4 mm, 5 µm
	if !okX || xres <= 0 || yres <= 0 || w <= 0 || h <= 0 || mm == 0 {
		return
	}
	sensorW, sensorH := float64(w)/xres*mm, float64(h)/yres*mm
	crop := math.Hypot(36, 24) / math.Hypot(sensorW, sensorH)
	if crop < 0.3 || crop > 15 { // not a camera: a resized image with the original's resolution, or garbage
		return
	}
	meta.Focal35mm, meta.Origins.Focal35mm = math.Round(focal*crop), "FocalPlaneResolution"
}

// pixelDimensions is the full image size EXIF records: PixelXDimension and PixelYDimension, else IFD0's size.
func pixelDimensions(x *exif.Exif) (int, int) {
	w, okW := tagInt(x, exif.PixelXDimension)
	h, okH := tagInt(x, exif.PixelYDimension)
	if okW && okH && w > 0 && h > 0 {
		return w, h
	}
	w, _ = tagInt(x, exif.ImageWidth)
	h, _ = tagInt(x, exif.ImageLength)
	return w, h
}

// tagDegrees reads a GPS coordinate: degrees, minutes, seconds as three rationals (fewer are accepted).
func tagDegrees(x *exif.Exif, name exif.FieldName) (float64, bool) {
	var deg float64
	for i, scale := range []float64{1, 60, 3600} {
		v, ok := tagRational(x, name, i)
		if !ok {
			if i == 0 {
				return 0, false
			}
			break
		}
		deg += v / scale
	}
	return deg, true
}

func tagRational(x *exif.Exif, name exif.FieldName, i int) (float64, bool) {
	t, err := x.Get(name)
	if err != nil || t.Format() != tiff.RatVal || uint32(i) >= t.Count {
		return 0, false
	}
	num, den, err := t.Rat2(i)
	if err != nil || den == 0 {
		return 0, false
	}
	return float64(num) / float64(den), true
}

func tagInt(x *exif.Exif, name exif.FieldName) (int, bool) {
	t, err := x.Get(name)
	if err != nil || t.Format() != tiff.IntVal || t.Count == 0 {
		return 0, false
	}
	v, err := t.Int(0)
	return v, err == nil
}

func tagString(x *exif.Exif, name exif.FieldName) string {
	t, err := x.Get(name)
	if err != nil {
		return ""
	}
	s, err := t.StringVal()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(strings.TrimRight(s, "\x00"))
}

// exifSubTagString reads an ASCII tag that goexif does not know from the Exif sub-IFD, by number.
func exifSubTagString(x *exif.Exif, id uint16) string {
	ptr, err := x.Get(exif.ExifIFDPointer)
	if err != nil || ptr.Format() != tiff.IntVal || ptr.Count == 0 {
		return ""
	}
	off, err := ptr.Int64(0)
	if err != nil || off < 0 || off >= int64(len(x.Raw)) {
		return ""
	}
	r := bytes.NewReader(x.Raw)
	if _, err := r.Seek(off, 0); err != nil {
		return ""
	}
	dir, _, err := tiff.DecodeDir(r, x.Tiff.Order)
	if err != nil && dir == nil {
		return ""
	}
	for _, t := range dir.Tags {
		if t.Id == id && t.Format() == tiff.StringVal {
			s, _ := t.StringVal()
			return strings.TrimSpace(strings.TrimRight(s, "\x00"))
		}
	}
	return ""
}
