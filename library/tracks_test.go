package library

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/library/geo"
)

// walkGPX is a GPX 1.1 track of a walk north from (27.80, 86.71), a point every 10 s for an hour from 03:00 UTC.
func walkGPX() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Namche</name><trkseg>`)
	start := time.Date(2023, 10, 30, 3, 0, 0, 0, time.UTC)
	for i := 0; i <= 360; i++ {
		lat, lon := geo.Destination(27.80, 86.71, 0, float64(i)*12)
		b.WriteString(`<trkpt lat="` + ftoa(lat) + `" lon="` + ftoa(lon) + `"><ele>` + ftoa(3400+float64(i)) + `</ele><time>` +
			start.Add(time.Duration(i)*10*time.Second).Format(time.RFC3339) + `</time></trkpt>`)
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return b.String()
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func TestTrackStore(t *testing.T) {
	lib := openTestLibrary(t, t.TempDir())
	src := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	walk := write("day 1.gpx", walkGPX())
	other := filepath.Join(t.TempDir(), "day 1.gpx")
	if err := os.WriteFile(other, []byte(strings.Replace(walkGPX(), "Namche", "Other", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	added, err := lib.AddTracks([]string{walk, walk, other})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 3 || added[0].Name != "day 1" || added[1].Name != "day 1" || added[2].Name != "day 1-2" || added[0].Points != 361 {
		t.Fatalf("added %+v", added)
	}
	list, err := lib.Tracks()
	if err != nil || len(list) != 2 || list[0].Title != "Namche" {
		t.Fatalf("list %+v, %v", list, err)
	}
	if _, err := lib.AddTracks([]string{write("notes.gpx", "<html>not a track</html>")}); err == nil {
		t.Error("a file that is not GPX was added")
	}
	if err := lib.RemoveTrack("day 1-2"); err != nil {
		t.Fatal(err)
	}
	if err := lib.RemoveTrack("day 1-2"); !errors.Is(err, ErrNoTrack) {
		t.Errorf("removing twice: %v", err)
	}
	if list, _ := lib.Tracks(); len(list) != 1 {
		t.Errorf("after remove: %+v", list)
	}
	paths, err := lib.TrackPaths()
	if err != nil || len(paths) != 1 || len(paths[0].Points) != 361 || paths[0].Track != "day 1" || len(paths[0].Times) != 361 {
		t.Fatalf("paths: %d, %v", len(paths), err)
	}
	// 03:00 UTC at 86.71° E is 08:45 on the Khumbu's clock (Nepal, +05:45), the clock photos keep.
	if got, want := paths[0].Times[0], time.Date(2023, 10, 30, 8, 45, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("the track starts at %v on the photos' clock, want %v", got, want)
	}
	if entries, _ := os.ReadDir(lib.Album()); len(entries) != 0 {
		t.Errorf("the album was written to: %v", entries)
	}
}

// TestTrackPlacer: photos without a position are placed by their own offset, or by their camera's clock
// offset estimated from the camera's photos that have a position, or the one the user set; a photo with a
// position of its own keeps it.
func TestTrackPlacer(t *testing.T) {
	lib := openTestLibrary(t, t.TempDir())
	p := filepath.Join(t.TempDir(), "walk.gpx")
	if err := os.WriteFile(p, []byte(walkGPX()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddTracks([]string{p}); err != nil {
		t.Fatal(err)
	}
	stored, err := lib.loadTracks()
	if err != nil {
		t.Fatal(err)
	}
	at := func(min int) (float64, float64) { return geo.Destination(27.80, 86.71, 0, float64(min)*72) } // 1.2 m/s
	// A camera set to Nepal time and 20 s fast, with two photos that have GPS.
	fast := 5*time.Hour + 45*time.Minute + 20*time.Second
	wall := func(min int) ShotTime {
		return NewShotTime(time.Date(2023, 10, 30, 3, min, 0, 0, time.UTC).Add(fast), false)
	}
	nepal := func(text string) ShotTime {
		s, err := ParseShotTime(text)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	lat10, lon10 := at(10)
	lat40, lon40 := at(40)
	photos := []Photo{
		{ID: "a", Make: "Canon", Model: "EOS R6", ShotTime: wall(10), GPS: &LatLon{lat10, lon10}, GPSSource: GPSFromEXIF},
		{ID: "b", Make: "Canon", Model: "EOS R6", ShotTime: wall(40), GPS: &LatLon{lat40, lon40}, GPSSource: GPSFromEXIF},
		{ID: "c", Make: "Canon", Model: "EOS R6", ShotTime: wall(25)},                           // placed by the estimate
		{ID: "d", Make: "Apple", Model: "iPhone", ShotTime: nepal("2023-10-30T09:15:00+05:45")}, // its own offset: 03:30 UTC
		{ID: "e", Make: "Sony", Model: "A7", ShotTime: wall(25)},                                // no GPS photos, no setting
		{ID: "f", Make: "Sony", Model: "A7", ShotTime: nepal("2023-10-30T12:00:00+05:45")},      // after the track
	}
	tp := newTrackPlacer(stored, photos, nil, DefaultTrackMaxGap)
	if off := tp.clocks["Canon EOS R6"]; (off - fast).Abs() > 5*time.Second {
		t.Errorf("estimated clock %v, want %v", off, fast)
	}
	want := map[string]int{"c": 25, "d": 30}
	for i := range photos {
		ph := &photos[i]
		placed := tp.place(ph)
		m, should := want[ph.ID]
		if placed != should {
			t.Errorf("%s: placed %v, want %v", ph.ID, placed, should)
			continue
		}
		if !placed {
			continue
		}
		lat, lon := at(m)
		if d, _ := geo.DistanceBearing(lat, lon, ph.GPS.Lat, ph.GPS.Lon); d > 30 || ph.GPSSource != GPSFromTrack || ph.Altitude == nil {
			t.Errorf("%s: %.0f m off, source %q, altitude %v", ph.ID, d, ph.GPSSource, ph.Altitude)
		}
	}
	if photos[0].GPSSource != GPSFromEXIF || photos[0].GPS.Lat != lat10 {
		t.Error("a photo's own position was replaced")
	}
	// The user's setting for the Sony places its photo.
	if err := lib.SetCameraClock("Sony A7", 5*time.Hour+45*time.Minute); err != nil {
		t.Fatal(err)
	}
	clocks, err := lib.cameraClocks()
	if err != nil {
		t.Fatal(err)
	}
	tp = newTrackPlacer(stored, photos, clocks, DefaultTrackMaxGap)
	e := Photo{Make: "Sony", Model: "A7", ShotTime: NewShotTime(time.Date(2023, 10, 30, 3, 25, 0, 0, time.UTC).Add(5*time.Hour+45*time.Minute), false)}
	if !tp.place(&e) {
		t.Fatal("the user's clock offset placed nothing")
	}
	lat25, lon25 := at(25)
	if d, _ := geo.DistanceBearing(lat25, lon25, e.GPS.Lat, e.GPS.Lon); d > 30 || math.IsNaN(d) {
		t.Errorf("placed %.0f m off with the user's clock", d)
	}
}
