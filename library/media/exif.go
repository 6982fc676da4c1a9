package media

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
)

// Tags goexif does not name; they are read from the Exif sub-IFD by number.
const (
	tagOffsetTime         = 0x9010
	tagOffsetTimeOriginal = 0x9011
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
	if f, ok := tagInt(x, exif.FocalLengthIn35mmFilm); ok && f > 0 {
		meta.Focal35mm = float64(f)
	}
	if err := readShotTime(x, &meta); err != nil {
		problems = append(problems, err.Error())
	}
	readGPS(x, &meta)
	if err := readMakerNote(x, &meta); err != nil {
		problems = append(problems, err.Error())
	}

	if len(problems) > 0 {
		return meta, fmt.Errorf("%w: exif partly unreadable: %s", ErrCorrupt, strings.Join(problems, "; "))
	}
	return meta, nil
}

// readShotTime sets ShotTime from DateTimeOriginal and the offset from OffsetTimeOriginal or OffsetTime. A
// missing or blank date ("    :  :     ", all zeros) is no time, not an error.
func readShotTime(x *exif.Exif, meta *Metadata) error {
	s := tagString(x, exif.DateTimeOriginal)
	if s == "" || strings.Trim(s, " :0") == "" {
		return nil
	}
	const layout = "2006:01:02 15:04:05"
	if len(s) < len(layout) {
		return fmt.Errorf("DateTimeOriginal %q too short", s)
	}
	wall, err := time.Parse(layout, s[:len(layout)])
	if err != nil {
		return fmt.Errorf("DateTimeOriginal %q: %v", s, err)
	}
	// Some writers append the zone to the date itself ("…Z", "…+02:00"); skip any sub-seconds first.
	suffix := strings.TrimLeft(s[len(layout):], ".0123456789")
	offset, hasOffset := parseOffset(suffix)
	if !hasOffset {
		offset, hasOffset = parseOffset(exifSubTagString(x, tagOffsetTimeOriginal))
	}
	if !hasOffset {
		offset, hasOffset = parseOffset(exifSubTagString(x, tagOffsetTime))
	}
	loc := time.UTC
	if hasOffset {
		loc = time.FixedZone("", offset)
	}
	meta.ShotTime = time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc)
	meta.HasShotTime, meta.HasOffset = true, hasOffset
	return nil
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

// readGPS sets the position, altitude and heading. Values with a zero denominator or out of range are left
// out rather than reported wrong.
func readGPS(x *exif.Exif, meta *Metadata) {
	lat, okLat := tagDegrees(x, exif.GPSLatitude)
	lon, okLon := tagDegrees(x, exif.GPSLongitude)
	if okLat && okLon && math.Abs(lat) <= 90 && math.Abs(lon) <= 180 {
		if strings.HasPrefix(strings.ToUpper(tagString(x, exif.GPSLatitudeRef)), "S") {
			lat = -lat
		}
		if strings.HasPrefix(strings.ToUpper(tagString(x, exif.GPSLongitudeRef)), "W") {
			lon = -lon
		}
		meta.Lat, meta.Lon, meta.HasGPS = lat, lon, true
	}
	if alt, ok := tagRational(x, exif.GPSAltitude, 0); ok {
		if ref, ok := tagInt(x, exif.GPSAltitudeRef); ok && ref == 1 {
			alt = -alt
		}
		meta.AltitudeM, meta.HasAltitude = alt, true
	}
	if dir, ok := tagRational(x, exif.GPSImgDirection, 0); ok && dir >= 0 && dir <= 360 {
		meta.HeadingDeg, meta.HasHeading = dir, true
		meta.HeadingMagnetic = strings.EqualFold(tagString(x, exif.GPSImgDirectionRef), "M")
	}
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
