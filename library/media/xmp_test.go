package media

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

func readXMPFile(t *testing.T, name string) Metadata {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "xmp", name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseXMP(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// TestSidecarLayouts reads the sidecars of Lightroom, darktable and digiKam; the values are exiftool's.
func TestSidecarLayouts(t *testing.T) {
	type want struct {
		time, origin     string
		lat, lon, alt    float64
		rating           int
		title, desc      string
		keywords, subjts []string
	}
	cases := map[string]want{
		"lightroom.xmp": {"2023-11-04 11:42:52.210 no zone", "XMP:DateTimeOriginal", 27.95947, 86.68675, 5357, 4,
			"Gokyo Ri at noon", "Cho Oyu over the lake & the glacier", []string{"Cho Oyu", "Gokyo", "Nepal"},
			[]string{"Places|Nepal|Khumbu|Gokyo", "Peaks|Cho Oyu"}},
		"darktable.xmp": {"2023-10-31 09:36:13.760 no zone", "XMP:DateTimeOriginal", 27.83512, 86.76418, -12, 3,
			"Ama Dablam from Tengboche", "", []string{"Ama Dablam", "darktable|format|arw"},
			[]string{"Peaks|Ama Dablam", "darktable|format|arw"}},
		"digikam.xmp": {"2023-11-01 08:26:58.000 +05:45", "XMP:DateCreated", 27.8617, 86.8614, 4410, 5,
			"", "Morning light", []string{"Ama Dablam", "Pangboche"}, []string{"Peaks|Ama Dablam", "Places|Pangboche"}},
		"exiv2-elements.xmp": {"2023-10-29 08:31:22.742 -03:00", "XMP:DateTimeOriginal", -33.45, -70.6, math.NaN(), -1,
			"", "", nil, []string{"Places|Chile|Santiago"}},
	}
	for name, w := range cases {
		m := readXMPFile(t, name)
		zone := "no zone"
		if m.HasOffset {
			zone = m.ShotTime.Format("-07:00")
		}
		if got := m.ShotTime.Format("2006-01-02 15:04:05.000 ") + zone; !m.HasShotTime || got != w.time || m.Origins.ShotTime != w.origin {
			t.Errorf("%s: time %s from %q, want %s from %s", name, got, m.Origins.ShotTime, w.time, w.origin)
		}
		if !m.HasGPS || math.Abs(m.Lat-w.lat) > 1e-5 || math.Abs(m.Lon-w.lon) > 1e-5 || m.Origins.GPS != FromXMP {
			t.Errorf("%s: gps %v %.5f,%.5f (%s), want %v,%v", name, m.HasGPS, m.Lat, m.Lon, m.Origins.GPS, w.lat, w.lon)
		}
		if math.IsNaN(w.alt) != !m.HasAltitude || m.HasAltitude && m.AltitudeM != w.alt {
			t.Errorf("%s: altitude %v %v, want %v", name, m.HasAltitude, m.AltitudeM, w.alt)
		}
		if m.Rating != w.rating || m.Title != w.title || m.Description != w.desc {
			t.Errorf("%s: rating %d title %q description %q", name, m.Rating, m.Title, m.Description)
		}
		if !slices.Equal(m.Keywords, w.keywords) || !slices.Equal(m.Subjects, w.subjts) {
			t.Errorf("%s: keywords %q subjects %q", name, m.Keywords, m.Subjects)
		}
	}
	lr := readXMPFile(t, "lightroom.xmp")
	if lr.Make != "SONY" || lr.Model != "ILCE-7M3" || lr.Focal35mm != 24 || !lr.HasHeading || lr.HeadingDeg != 312.5 || !lr.HeadingMagnetic {
		t.Errorf("lightroom: %q %q focal %v heading %v %v magnetic %v", lr.Make, lr.Model, lr.Focal35mm, lr.HasHeading, lr.HeadingDeg, lr.HeadingMagnetic)
	}
}

// TestEmbeddedXMP: XMP in a JPEG's APP1 and a PNG's iTXt fills what the file's EXIF lacks and never replaces
// what it has.
func TestEmbeddedXMP(t *testing.T) {
	packet, err := os.ReadFile(filepath.Join("testdata", "xmp", "lightroom.xmp"))
	if err != nil {
		t.Fatal(err)
	}
	exif := mediatest.EXIF{Make: "Canon", Model: "EOS R6", ShotTime: "2024:10:20 06:40:00"}.Bytes()
	for name, data := range map[string][]byte{
		"jpeg": mediatest.WithXMP(mediatest.JPEG(t, mediatest.MarkerImage(16, 16), exif), packet),
		"png":  mediatest.PNGWithXMP(t, mediatest.MarkerImage(16, 16), exif, packet),
	} {
		info, err := Inspect(data)
		if err != nil || info.MetaErr != nil {
			t.Fatalf("%s: %v / %v", name, err, info.MetaErr)
		}
		m := info.Meta
		if m.Make != "Canon" || m.ShotTime.Year() != 2024 || m.Origins.ShotTime != "DateTimeOriginal" {
			t.Errorf("%s: the file's own values replaced: %q %v %q", name, m.Make, m.ShotTime, m.Origins.ShotTime)
		}
		if !m.HasGPS || m.Origins.GPS != FromXMP || m.Rating != 4 || m.Title != "Gokyo Ri at noon" || len(m.Subjects) != 2 {
			t.Errorf("%s: XMP did not fill: gps %v (%s) rating %d title %q subjects %q", name, m.HasGPS, m.Origins.GPS, m.Rating, m.Title, m.Subjects)
		}
	}
}

// TestXMPRanksAboveModifyDate: a file whose EXIF has only ModifyDate (an editor's save) takes XMP's
// CreateDate as its capture time.
func TestXMPRanksAboveModifyDate(t *testing.T) {
	packet := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2013-09-23T10:09:46+02:00"/>
</rdf:RDF></x:xmpmeta>`)
	exif := mediatest.EXIF{ModifyDate: "2014:09:22 10:56:35"}.Bytes()
	info, err := Inspect(mediatest.WithXMP(mediatest.JPEG(t, mediatest.MarkerImage(16, 16), exif), packet))
	if err != nil {
		t.Fatal(err)
	}
	if m := info.Meta; m.Origins.ShotTime != "XMP:CreateDate" || m.ShotTime.Year() != 2013 || !m.HasOffset {
		t.Errorf("time %v from %q", m.ShotTime, m.Origins.ShotTime)
	}
}

func TestParseXMPBadInput(t *testing.T) {
	for name, data := range map[string]string{
		"empty":     "",
		"not xml":   "\x00\x01 definitely not XMP",
		"truncated": `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="91,0N" exif:GPSLongitude="86,61.5E" exif:DateTimeOriginal="2023-10-31"`,
	} {
		m, _ := ParseXMP([]byte(data))
		if m.HasGPS || m.HasShotTime {
			t.Errorf("%s: read %+v", name, m)
		}
	}
}

func TestSidecarNames(t *testing.T) {
	if got := SidecarNames("DSC01234.ARW"); !slices.Equal(got, []string{"DSC01234.ARW.xmp", "DSC01234.xmp"}) {
		t.Errorf("got %q", got)
	}
}
