package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// homeGPX is a walk logged every ten seconds over the hour around 12:00 on 20 September 2023 in Nepal
// (06:15 UTC), when the album's Canon photo without a position was taken.
func homeGPX() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Namche loop</name><trkseg>`)
	start := time.Date(2023, 9, 20, 5, 45, 0, 0, time.UTC)
	for i := 0; i <= 360; i++ {
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="%.6f"><ele>%d</ele><time>%s</time></trkpt>`,
			27.8050+float64(i)*0.0001, 86.7100+float64(i)*0.00005, 3440+i, start.Add(time.Duration(i)*10*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return b.String()
}

// TestTracksAddedFromTheMap: the map's track list adds a GPX file to the library; the window draws it on the
// map and scans, placing the photo taken along it without reading a photo, and says so. Removing it takes
// the line off the map and the photo off the track.
func TestTracksAddedFromTheMap(t *testing.T) {
	win := openWindow(t)
	u := win.u
	lib := u.session.library()
	// The Canon records no offset and no camera of it has a position: the user says its clock was on Nepal time.
	if err := lib.SetCameraClock("Canon Canon EOS R6", 5*time.Hour+45*time.Minute); err != nil {
		t.Fatal(err)
	}
	gpx := filepath.Join(t.TempDir(), "Namche loop.gpx")
	if err := os.WriteFile(gpx, []byte(homeGPX()), 0o644); err != nil {
		t.Fatal(err)
	}
	list := u.maps.openTracks()
	ended := 0
	list.done = func() { ended++ }
	if !strings.Contains(labelTexts(list.rows), "No tracks yet") {
		t.Errorf("the empty list says %q", labelTexts(list.rows))
	}
	list.add(gpx)
	win.waitFor("the track to be added, drawn and scanned", func() bool {
		return ended == 1 && !u.scans.running() && slices.Equal(u.maps.view.TrackNames(), []string{"Namche loop"}) &&
			strings.Contains(u.status.note, "placed 1 photo from the tracks")
	})
	if got := labelTexts(list.rows); !strings.Contains(got, "Namche loop") || !strings.Contains(got, "361 points") {
		t.Errorf("the list shows %q", got)
	}
	home, err := lib.PhotosByID([]string{win.ids["home/IMG_0001.jpg"]})
	if p := home[win.ids["home/IMG_0001.jpg"]]; err != nil || p.GPS == nil || p.GPSSource != "track" {
		t.Fatalf("the Canon photo after the track was added: %+v %q, %v", p.GPS, p.GPSSource, err)
	}
	if entries, _ := os.ReadDir(win.album); len(entries) != 2 {
		t.Errorf("the album changed: %v", entries)
	}

	test.Tap(button(t, list.rows, "Remove"))
	win.waitFor("the track to be removed and the scan after it", func() bool {
		return ended == 2 && !u.scans.running() && len(u.maps.view.TrackNames()) == 0 &&
			strings.HasPrefix(u.status.note, "last scan") && !strings.Contains(u.status.note, "from the tracks")
	})
	home, _ = lib.PhotosByID([]string{win.ids["home/IMG_0001.jpg"]})
	if p := home[win.ids["home/IMG_0001.jpg"]]; p.GPS != nil {
		t.Errorf("the photo stays placed after its track was removed: %+v %q", p.GPS, p.GPSSource)
	}
	if got := labelTexts(list.rows); !strings.Contains(got, "No tracks yet") {
		t.Errorf("after the remove the list shows %q", got)
	}
}
