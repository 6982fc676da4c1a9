package media

import (
	"testing"
	"time"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

func inspectEXIF(t *testing.T, e mediatest.EXIF) Metadata {
	t.Helper()
	info, err := Inspect(mediatest.JPEG(t, mediatest.MarkerImage(16, 16), e.Bytes()))
	if err != nil || info.MetaErr != nil {
		t.Fatalf("inspect: %v / %v", err, info.MetaErr)
	}
	return info.Meta
}

// TestShotTimeLadder walks each rung of the capture-time fallbacks with every tag below it present:
// DateTimeOriginal, CreateDate, XMP's capture dates (embedded), ModifyDate; each with its own sub-seconds and
// offset tag, the offset falling back to OffsetTime, else to the GPS time for a capture time but never for
// ModifyDate. Origins names the tags used.
func TestShotTimeLadder(t *testing.T) {
	xmp := func(attrs string) []byte {
		return []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" ` + attrs + `/></rdf:RDF></x:xmpmeta>`)
	}
	allXMP := xmp(`exif:DateTimeOriginal="2013-09-23T10:09:46.25+02:00" photoshop:DateCreated="2013-09-23T10:09:47"
 xmp:CreateDate="2013-09-23T10:09:48+02:00"`)
	modify := mediatest.EXIF{ModifyDate: "2024:01:01 10:00:00", SubSecModify: "5", OffsetModify: "-03:00"}
	create := modify
	create.CreateDate, create.SubSecCreate, create.OffsetCreate = "2023:10:31 06:05:48", "07", "+01:00"
	original := create
	original.ShotTime, original.SubSec, original.Offset = "2023:10:31 06:05:47", "551", "+05:45"
	createOffsetTime := create
	createOffsetTime.OffsetCreate = ""
	nepalFix := func(e mediatest.EXIF) mediatest.EXIF { // 06:05:48 +05:45 is 00:20:48 UTC
		e.OffsetModify, e.OffsetCreate, e.GPSDate, e.GPSTime = "", "", "2023:10:31", [3]float64{0, 20, 47}
		return e
	}
	modifyFix := nepalFix(modify)
	modifyFix.ModifyDate, modifyFix.SubSecModify = "2023:10:31 06:05:48", ""

	const layout = "2006-01-02 15:04:05.000 -07:00"
	cases := []struct {
		name           string
		e              mediatest.EXIF
		xmp            []byte
		want           string // in layout; "-00:00" stands for no offset
		origin, offset string
	}{
		{"DateTimeOriginal", original, allXMP, "2023-10-31 06:05:47.551 +05:45", "DateTimeOriginal", "OffsetTimeOriginal"},
		{"CreateDate", create, allXMP, "2023-10-31 06:05:48.070 +01:00", "CreateDate", "OffsetTimeDigitized"},
		{"CreateDate, offset from OffsetTime", createOffsetTime, allXMP, "2023-10-31 06:05:48.070 -03:00", "CreateDate", "OffsetTime"},
		{"CreateDate, offset from the GPS time", nepalFix(create), nil, "2023-10-31 06:05:48.070 +05:45", "CreateDate", "GPSTimeStamp"},
		{"XMP DateTimeOriginal", modify, allXMP, "2013-09-23 10:09:46.250 +02:00", "XMP:DateTimeOriginal", "XMP"},
		{"XMP DateCreated", modify, xmp(`photoshop:DateCreated="2013-09-23T10:09:47.1" xmp:CreateDate="2013-09-23T10:09:48+02:00"`),
			"2013-09-23 10:09:47.100 -00:00", "XMP:DateCreated", ""},
		{"XMP CreateDate", modify, xmp(`xmp:CreateDate="2013-09-23T10:09:48+02:00"`), "2013-09-23 10:09:48.000 +02:00", "XMP:CreateDate", "XMP"},
		{"ModifyDate", modify, nil, "2024-01-01 10:00:00.500 -03:00", "ModifyDate", "OffsetTime"},
		{"ModifyDate, no offset from the GPS time", modifyFix, nil, "2023-10-31 06:05:48.000 -00:00", "ModifyDate", ""},
	}
	for _, c := range cases {
		data := mediatest.JPEG(t, mediatest.MarkerImage(16, 16), c.e.Bytes())
		if c.xmp != nil {
			data = mediatest.WithXMP(data, c.xmp)
		}
		info, err := Inspect(data)
		if err != nil || info.MetaErr != nil {
			t.Fatalf("%s: inspect: %v / %v", c.name, err, info.MetaErr)
		}
		m := info.Meta
		got := m.ShotTime.Format(layout)
		if !m.HasOffset {
			got = m.ShotTime.Format("2006-01-02 15:04:05.000") + " -00:00"
		}
		if !m.HasShotTime || got != c.want || m.Origins.ShotTime != c.origin || m.Origins.Offset != c.offset {
			t.Errorf("%s: %s from %q (offset from %q), want %s from %q (%q)", c.name, got, m.Origins.ShotTime,
				m.Origins.Offset, c.want, c.origin, c.offset)
		}
	}
}

// TestShotTimeFallbacks: odd dates on the way down the ladder.
func TestShotTimeFallbacks(t *testing.T) {
	cases := []struct {
		name   string
		e      mediatest.EXIF
		want   string
		origin string
	}{
		{"blank original", mediatest.EXIF{ShotTime: "    :  :     :  :  ", ModifyDate: "2024:01:01 10:00:00"},
			"2024-01-01 10:00:00.000", "ModifyDate"},
		{"dashes and fraction in the date", mediatest.EXIF{ShotTime: "2023-10-31T06:05:47.25"}, "2023-10-31 06:05:47.250", "DateTimeOriginal"},
	}
	for _, c := range cases {
		m := inspectEXIF(t, c.e)
		if !m.HasShotTime || m.ShotTime.Format("2006-01-02 15:04:05.000") != c.want || m.Origins.ShotTime != c.origin {
			t.Errorf("%s: %v from %q, want %s from %s", c.name, m.ShotTime, m.Origins.ShotTime, c.want, c.origin)
		}
	}
	if m := inspectEXIF(t, mediatest.EXIF{Make: "none"}); m.HasShotTime || m.Origins.ShotTime != "" {
		t.Errorf("no dates: %v from %q", m.ShotTime, m.Origins.ShotTime)
	}
}

// TestOffsetFromGPSTime: the GPS time is UTC, so with no offset tag the difference from the wall clock is the
// zone; a stale fix that is not a whole quarter hour away is not trusted.
func TestOffsetFromGPSTime(t *testing.T) {
	base := mediatest.EXIF{ShotTime: "2023:10:31 06:05:47", GPSDate: "2023:10:31"}
	nepal := base
	nepal.GPSTime = [3]float64{0, 20, 46} // 06:05:47 +05:45 is 00:20:47 UTC; the fix is a second older
	m := inspectEXIF(t, nepal)
	if !m.HasOffset || m.Origins.Offset != "GPSTimeStamp" || m.ShotTime.Format("15:04:05 -07:00") != "06:05:47 +05:45" {
		t.Errorf("nepal: %v (offset %v from %q)", m.ShotTime, m.HasOffset, m.Origins.Offset)
	}
	west := mediatest.EXIF{ShotTime: "2023:12:31 20:00:00", GPSDate: "2024:01:01", GPSTime: [3]float64{3, 0, 0}}
	if m := inspectEXIF(t, west); !m.HasOffset || m.ShotTime.Format("2006-01-02 15:04 -07:00") != "2023-12-31 20:00 -07:00" {
		t.Errorf("across midnight: %v (offset %v)", m.ShotTime, m.HasOffset)
	}
	stale := base
	stale.GPSTime = [3]float64{0, 12, 0} // 5 h 53 min 47 s: more than 5 min from any zone
	if m := inspectEXIF(t, stale); m.HasOffset {
		t.Errorf("stale fix: offset %v taken", m.ShotTime)
	}
	timeOnly := mediatest.EXIF{ShotTime: "2023:10:31 02:00:00", GPSTimeOnly: true, GPSTime: [3]float64{20, 15, 0}}
	if m := inspectEXIF(t, timeOnly); !m.HasOffset || m.ShotTime.Format("-07:00") != "+05:45" {
		t.Errorf("GPS time without a date (the UTC day before): %v (offset %v)", m.ShotTime, m.HasOffset)
	}
	noon := mediatest.EXIF{ShotTime: "2023:10:31 12:00:00", GPSTimeOnly: true, GPSTime: [3]float64{0, 0, 0}}
	if m := inspectEXIF(t, noon); m.HasOffset {
		t.Errorf("+12 h or -12 h, ambiguous without a date: taken as %v", m.ShotTime)
	}
	tagged := nepal
	tagged.Offset = "+05:45"
	if m := inspectEXIF(t, tagged); m.Origins.Offset != "OffsetTimeOriginal" {
		t.Errorf("offset tag present: taken from %q", m.Origins.Offset)
	}
}

// TestFocalFromSensorSize: FocalLengthIn35mmFilm absent, the crop factor follows from the focal-plane
// resolution and the image size. A full-frame 6000×4000 sensor of 36×24 mm has 6000/36 px per mm.
func TestFocalFromSensorSize(t *testing.T) {
	full := mediatest.EXIF{FocalLength: 50, FocalPlaneX: 6000.0 / 36, FocalPlaneUnit: 4, PixelX: 6000, PixelY: 4000}
	if m := inspectEXIF(t, full); m.Focal35mm != 50 || m.Origins.Focal35mm != "FocalPlaneResolution" {
		t.Errorf("full frame: %v from %q", m.Focal35mm, m.Origins.Focal35mm)
	}
	apsc := mediatest.EXIF{FocalLength: 35, FocalPlaneX: 6000 / 23.5 * 25.4, FocalPlaneUnit: 2, PixelX: 6000, PixelY: 4000}
	if m := inspectEXIF(t, apsc); m.Focal35mm < 52 || m.Focal35mm > 54 {
		t.Errorf("APS-C in inches: %v, want ≈53", m.Focal35mm)
	}
	tagged := full
	tagged.Focal35mm = 28
	if m := inspectEXIF(t, tagged); m.Focal35mm != 28 || m.Origins.Focal35mm != "FocalLengthIn35mmFilm" {
		t.Errorf("tag present: %v from %q", m.Focal35mm, m.Origins.Focal35mm)
	}
	if m := inspectEXIF(t, mediatest.EXIF{FocalLength: 50}); m.Focal35mm != 0 {
		t.Errorf("no sensor size: %v", m.Focal35mm)
	}
}

// TestImplausibleGPS: a position at (0, 0) and altitudes outside -500..9,000 m (the unsigned wrap of -12 m
// among them) are dropped; a magnetic heading is marked.
func TestImplausibleGPS(t *testing.T) {
	zero := mediatest.EXIF{HasGPS: true, HasAltitude: true, AltitudeM: 4_294_967_284}
	if m := inspectEXIF(t, zero); m.HasGPS || m.HasAltitude {
		t.Errorf("(0,0) and wrapped altitude kept: %+v", m)
	}
	for alt, keep := range map[float64]bool{-12: true, -499: true, -600: false, 8848: true, 9500: false} {
		e := mediatest.EXIF{HasGPS: true, Lat: 27.9, Lon: 86.8, HasAltitude: true, AltitudeM: alt}
		if m := inspectEXIF(t, e); m.HasAltitude != keep || !m.HasGPS {
			t.Errorf("altitude %v: kept %v, want %v", alt, m.HasAltitude, keep)
		}
	}
	mag := mediatest.EXIF{HasGPS: true, Lat: 27.9, Lon: 86.8, HasHeading: true, HeadingDeg: 120, Magnetic: true}
	if m := inspectEXIF(t, mag); !m.HasHeading || !m.HeadingMagnetic {
		t.Errorf("magnetic heading: %v magnetic %v", m.HasHeading, m.HeadingMagnetic)
	}
	mag.Magnetic = false
	if m := inspectEXIF(t, mag); m.HeadingMagnetic {
		t.Error("true heading marked magnetic")
	}
}

func TestFill(t *testing.T) {
	own := Metadata{HasShotTime: true, ShotTime: time.Date(2023, 10, 31, 6, 0, 0, 0, time.UTC), Title: "mine",
		Origins: Origins{ShotTime: "DateTimeOriginal"}}
	side := Metadata{HasShotTime: true, ShotTime: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), HasGPS: true,
		Lat: 27.9, Lon: 86.8, Title: "theirs", Rating: 4, Keywords: []string{"Ama Dablam"},
		HasGravity: true, Gravity: [3]float64{0, -1, 0.1},
		Origins: Origins{ShotTime: "XMP:DateTimeOriginal", GPS: FromXMP}}
	own.Fill(side)
	if own.ShotTime.Year() != 2023 || own.Origins.ShotTime != "DateTimeOriginal" || own.Title != "mine" {
		t.Errorf("fill replaced the file's own values: %+v", own)
	}
	if !own.HasGPS || own.Origins.GPS != FromXMP || own.Rating != 4 || len(own.Keywords) != 1 || own.Gravity != side.Gravity {
		t.Errorf("fill did not complete: %+v", own)
	}
}
