package library

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// sidecarXMP is a darktable-style NAME.EXT.xmp with a position, a rating and keywords.
const sidecarXMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
 exif:GPSLatitude="27,51.702N" exif:GPSLongitude="86,51.684E" xmp:Rating="4">
<dc:subject><rdf:Bag><rdf:li>Ama Dablam</rdf:li></rdf:Bag></dc:subject>
<lr:hierarchicalSubject><rdf:Bag><rdf:li>Peaks|Ama Dablam</rdf:li></rdf:Bag></lr:hierarchicalSubject>
</rdf:Description></rdf:RDF></x:xmpmeta>`

// TestScanCameraAlbum scans an album as a camera user has it: a RAW alone, a RAW beside its JPEG, a JPEG
// with a sidecar, a JPEG without a position taken while a watch recorded a track, a broken file, a video and
// notes. Adding and removing the track places the photo again without reading any photo; the broken file is
// listed on every scan but read once.
func TestScanCameraAlbum(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	preview := mediatest.JPEG(t, mediatest.MarkerImage(640, 480), nil)
	nepal := func(e mediatest.EXIF, at string) mediatest.EXIF {
		e.ShotTime, e.Offset = "2023:10:30 "+at, "+05:45"
		return e
	}
	z6 := mediatest.EXIF{Make: "NIKON CORPORATION", Model: "NIKON Z 6"}
	withGPS := nepal(z6, "08:50:00")
	withGPS.HasGPS, withGPS.Lat, withGPS.Lon = true, 27.80, 86.71
	writeFile(t, album, "raw/DSC_0001.NEF", withGPS.RAW(mediatest.RawNEF, preview))
	r6 := nepal(mediatest.EXIF{Make: "Canon", Model: "EOS R6"}, "08:55:00")
	writeFile(t, album, "pair/IMG_0002.JPG", mediatest.JPEG(t, mediatest.MarkerImage(64, 48), r6.Bytes()))
	writeFile(t, album, "pair/IMG_0002.CR3", r6.CR3(nil, preview, nil))
	writeFile(t, album, "side/P3.jpg", mediatest.JPEG(t, mediatest.MarkerImage(64, 48), nepal(z6, "09:00:00").Bytes()))
	writeFile(t, album, "side/P3.jpg.xmp", []byte(sidecarXMP))
	writeFile(t, album, "walk/T4.jpg", mediatest.JPEG(t, mediatest.MarkerImage(64, 48), nepal(z6, "09:15:00").Bytes()))
	writeFile(t, album, "bad.gif", []byte("GIF89a\x40\x00\x30\x00 this is where the pictures would be"))
	writeFile(t, album, "clip.MP4", []byte("not looked at"))
	writeFile(t, album, "notes.txt", []byte("Namche, day 3"))

	lib, err := Open(album, true, Options{DataRoot: root, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var opened atomic.Int64
	read := lib.readFile
	lib.readFile = func(path string) ([]byte, error) {
		opened.Add(1)
		return read(path)
	}
	sum := scan(t, lib)
	if sum.Indexed != 4 || len(sum.Skipped) != 1 || sum.Skipped[0].Path != "bad.gif" || opened.Load() != 5 {
		t.Fatalf("first scan: %+v, %d files opened", sum, opened.Load())
	}
	if got := sum.OtherFiles(); got != "not photos: 1 mp4, 1 txt, 1 xmp" {
		t.Errorf("other files: %q", got)
	}
	photos := photosByRel(t, lib)
	if p := photos["raw/DSC_0001.NEF"]; p.Format != "raw" || p.RawKind != "NEF" || p.GPSSource != GPSFromEXIF || p.Width != 6000 || p.Model != "NIKON Z 6" {
		t.Errorf("NEF: %s %s gps %s %d×%d %q", p.Format, p.RawKind, p.GPSSource, p.Width, p.Height, p.Model)
	}
	if p := photos["pair/IMG_0002.JPG"]; !slices.Equal(p.Files, []string{"pair/IMG_0002.JPG", "pair/IMG_0002.CR3"}) {
		t.Errorf("pair: files %q", p.Files)
	}
	if _, ok := photos["pair/IMG_0002.CR3"]; ok {
		t.Error("the RAW beside its JPEG is a photo of its own")
	}
	if p := photos["side/P3.jpg"]; p.GPSSource != GPSFromXMP || p.Rating != 4 || p.Sidecar != "side/P3.jpg.xmp" ||
		!slices.Equal(p.Subjects, []string{"Peaks|Ama Dablam"}) || p.Sources["shot_time"] != "DateTimeOriginal" {
		t.Errorf("sidecar: gps %s rating %d sidecar %q subjects %q sources %v", p.GPSSource, p.Rating, p.Sidecar, p.Subjects, p.Sources)
	}
	if p := photos["walk/T4.jpg"]; p.GPS != nil {
		t.Errorf("placed without a track: %+v", p.GPS)
	}

	gpx := filepath.Join(t.TempDir(), "day 3.gpx")
	if err := os.WriteFile(gpx, []byte(walkGPX()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddTracks([]string{gpx}); err != nil {
		t.Fatal(err)
	}
	opened.Store(0)
	sum = scan(t, lib)
	if opened.Load() != 0 || sum.Indexed != 0 || sum.Rederived != 4 || len(sum.Skipped) != 1 {
		t.Errorf("rescan with a track: %+v, %d files opened", sum, opened.Load())
	}
	if sum.OnTracks != 2 || sum.TrackPlacement() != "placed 2 photos from the tracks" { // T4, and the pair at 08:55
		t.Errorf("rescan with a track placed %d: %q", sum.OnTracks, sum.TrackPlacement())
	}
	if p := photosByRel(t, lib)["pair/IMG_0002.JPG"]; p.GPSSource != GPSFromTrack {
		t.Errorf("the pair taken during the track is not placed on it: %q", p.GPSSource)
	}
	p := photosByRel(t, lib)["walk/T4.jpg"]
	if p.GPS == nil || p.GPSSource != GPSFromTrack || p.Altitude == nil || *p.Altitude < 3500 {
		t.Fatalf("placed on the track: %+v (%s) altitude %v", p.GPS, p.GPSSource, p.Altitude)
	}
	line, err := json.Marshal(p)
	if err != nil || !strings.Contains(string(line), `"gps_source":"track"`) || !strings.Contains(string(line), `"shot_time":"2023-10-30T09:15:00+05:45"`) {
		t.Errorf("photos --json line: %s", line)
	}
	if p := photosByRel(t, lib)["raw/DSC_0001.NEF"]; p.GPSSource != GPSFromEXIF || p.GPS.Lat != 27.80 {
		t.Errorf("a track moved a photo with its own position: %+v %s", p.GPS, p.GPSSource)
	}

	if err := lib.RemoveTrack("day 3"); err != nil {
		t.Fatal(err)
	}
	sum = scan(t, lib)
	if sum.OnTracks != 0 || sum.TrackPlacement() != "" {
		t.Errorf("without tracks the scan placed %d from them", sum.OnTracks)
	}
	if p := photosByRel(t, lib)["walk/T4.jpg"]; p.GPS != nil || p.GPSSource != "" || opened.Load() != 0 {
		t.Errorf("after the track is removed: %+v %q, %d files opened", p.GPS, p.GPSSource, opened.Load())
	}
	if len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0].Reason, "corrupt") {
		t.Errorf("the broken file is not listed again: %+v", sum.Skipped)
	}
	if entries, _ := os.ReadDir(album); len(entries) != 7 {
		t.Errorf("the album changed: %d entries", len(entries))
	}
}

func photosByRel(t *testing.T, lib *Library) map[string]Photo {
	t.Helper()
	photos, err := lib.Photos(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Photo{}
	for _, p := range photos {
		out[p.Rel] = p
	}
	return out
}

// TestFocal35FromCameraModel: a photo with only its lens's focal length gets the 35 mm equivalent from the
// crop factor of its camera's other photos; a camera with no such photos gets none.
func TestFocal35FromCameraModel(t *testing.T) {
	album := t.TempDir()
	d7 := mediatest.EXIF{Make: "NIKON CORPORATION", Model: "NIKON D7500", ShotTime: "2023:10:30 09:00:00"}
	for name, e := range map[string]mediatest.EXIF{
		"a.jpg": {FocalLength: 24, Focal35mm: 36}, "b.jpg": {FocalLength: 35, Focal35mm: 52},
		"c.jpg": {FocalLength: 50}, "other.jpg": {FocalLength: 50},
	} {
		e.Make, e.Model, e.ShotTime = d7.Make, d7.Model, d7.ShotTime
		if name == "other.jpg" {
			e.Model = "NIKON Z 9"
		}
		writeFile(t, album, name, mediatest.JPEG(t, mediatest.MarkerImage(64, 48), e.Bytes()))
	}
	lib := openTestLibrary(t, album)
	scan(t, lib)
	photos := photosByRel(t, lib)
	if p := photos["c.jpg"]; p.Focal35mm != 75 || p.Sources["focal_35mm"] != focalFromModel || p.FocalLength != 50 {
		t.Errorf("c.jpg: focal %v (%q), lens %v; want 75 from the camera model", p.Focal35mm, p.Sources["focal_35mm"], p.FocalLength)
	}
	if p := photos["other.jpg"]; p.Focal35mm != 0 {
		t.Errorf("another camera got %v", p.Focal35mm)
	}
	if p := photos["a.jpg"]; p.Focal35mm != 36 || p.Sources["focal_35mm"] != "FocalLengthIn35mmFilm" {
		t.Errorf("a.jpg: %v (%q)", p.Focal35mm, p.Sources["focal_35mm"])
	}
}
