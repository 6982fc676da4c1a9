package library

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/geo"
)

// TestKhumbuGPXPlacement is the GPX test on the khumbu photos, end to end: every other photo (by time) gives
// a track point (its position, altitude and UTC time, as exiftool reads them), written as a GPX file; the
// others are copied into an album with their GPS directory unlinked, scanned, and placed from the track when
// it is added. Their capture times and offsets are Cairn's own reading of the HEIC and JPEG files. The photos
// are hours apart, so the gap setting is a day. Reported: the median and 90th-percentile distance from each
// placed photo to where it was really taken, and the same for the altitude.
func TestKhumbuGPXPlacement(t *testing.T) {
	testenv.SkipUnderRace(t, "decodes a dozen full-size HEIC photos; run in the plain pass")
	dir := testenv.SharedDir(t, "khumbu")
	shots := testenv.GeoShots(t, testenv.ReadTruth(t, filepath.Join(dir, "truth.csv")), "data/images/")

	album, root := t.TempDir(), t.TempDir()
	var gpx strings.Builder
	gpx.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>`)
	held := map[string]testenv.GeoShot{}
	for i, s := range shots {
		if i%2 == 0 || i == len(shots)-1 {
			fmt.Fprintf(&gpx, `<trkpt lat="%.7f" lon="%.7f"><ele>%.1f</ele><time>%s</time></trkpt>`, s.Lat, s.Lon, s.Ele,
				s.At.Format(time.RFC3339))
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, s.Name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, album, filepath.Base(s.Name), withoutGPS(t, s.Name, data))
		held[filepath.Base(s.Name)] = s
	}
	gpx.WriteString(`</trkseg></trk></gpx>`)
	if len(held) < 5 {
		t.Fatalf("%d photos to place", len(held))
	}

	lib, err := Open(album, true, Options{DataRoot: root, Workers: 2, TrackMaxGap: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if sum := scan(t, lib); sum.Indexed != len(held) {
		t.Fatalf("scan: %+v", sum)
	}
	for rel, p := range photosByRel(t, lib) {
		if p.GPS != nil || !p.ShotTime.HasOffset() {
			t.Fatalf("%s: GPS %+v left in, or no offset read (%s)", rel, p.GPS, p.ShotTime)
		}
	}
	gpxPath := filepath.Join(t.TempDir(), "khumbu.gpx")
	if err := os.WriteFile(gpxPath, []byte(gpx.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddTracks([]string{gpxPath}); err != nil {
		t.Fatal(err)
	}
	opened := 0
	read := lib.readFile
	lib.readFile = func(path string) ([]byte, error) {
		opened++
		return read(path)
	}
	scan(t, lib)
	if opened != 0 {
		t.Errorf("placing on a new track opened %d photos", opened)
	}
	var errs, eleErrs []float64
	for rel, p := range photosByRel(t, lib) {
		s := held[rel]
		if p.GPS == nil {
			continue // in a gap of the track longer than the setting
		}
		if p.GPSSource != GPSFromTrack || p.Altitude == nil {
			t.Errorf("%s: source %q altitude %v", rel, p.GPSSource, p.Altitude)
			continue
		}
		d, _ := geo.DistanceBearing(s.Lat, s.Lon, p.GPS.Lat, p.GPS.Lon)
		errs = append(errs, d)
		eleErrs = append(eleErrs, math.Abs(*p.Altitude-s.Ele))
	}
	median, p90 := testenv.Quantile(errs, 0.5), testenv.Quantile(errs, 0.9)
	t.Logf("%d of %d photos placed from a %d-point track: position error median %.0f m, 90th percentile %.0f m; altitude error median %.0f m, 90th percentile %.0f m",
		len(errs), len(held), len(shots)-len(held), median, p90, testenv.Quantile(eleErrs, 0.5), testenv.Quantile(eleErrs, 0.9))
	// The trek spans about 30 km: a placement that ignored the time would be off by several km.
	if len(errs) < len(held)/2 || median > 3000 {
		t.Errorf("%d placed, median error %.0f m", len(errs), median)
	}
}

// withoutGPS unlinks the GPS directory of a photo's EXIF by renaming IFD0's GPSInfo entry (tag 0x8825, one
// LONG) to a tag no reader knows, leaving every byte in place, which works inside HEIC and JPEG alike.
func withoutGPS(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	out := bytes.Clone(data)
	for _, entry := range [][]byte{{0x88, 0x25, 0, 4, 0, 0, 0, 1}, {0x25, 0x88, 4, 0, 1, 0, 0, 0}} {
		switch n := bytes.Count(out, entry); {
		case n == 1:
			i := bytes.Index(out, entry)
			out[i], out[i+1] = 0xFE, 0xFE
			return out
		case n > 1:
			t.Fatalf("%s: %d GPSInfo-like entries", name, n)
		}
	}
	t.Fatalf("%s: no GPSInfo entry", name)
	return nil
}
