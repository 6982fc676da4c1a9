package library

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestScanKeepsHiddenPeaks: a photo from Dingboche facing Everest, which the Nuptse–Lhotse wall hides. The
// scanned record lists the peaks identify reports hidden, with the reason, under hidden_peaks, and names none
// of them among its predictions.
func TestScanKeepsHiddenPeaks(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	e := mediatest.EXIF{Make: "Apple", Model: "iPhone 15 Pro Max", ShotTime: "2023:10:28 07:10:00", Offset: "+05:45",
		HasGPS: true, Lat: 27.8925, Lon: 86.8310, HasAltitude: true, AltitudeM: 4410, HasHeading: true, HeadingDeg: 41,
		Focal35mm: 26}
	writeFile(t, album, "dingboche.jpg", mediatest.JPEG(t, mediatest.MarkerImage(400, 300), e.Bytes()))
	lib, err := Open(album, true, Options{DataRoot: root, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if sum := scan(t, lib); sum.Indexed != 1 {
		t.Fatalf("scan: %+v", sum)
	}
	p := photosByRel(t, lib)["dingboche.jpg"]
	id, err := lib.Identify(filepath.Join(album, "dingboche.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, h := range id.Hidden {
		want = append(want, h.ID)
	}
	for _, h := range p.HiddenPeaks {
		got = append(got, h.ID)
		if h.Visible || h.Explanation == "" {
			t.Errorf("hidden %s: visible %v, explanation %q", h.ID, h.Visible, h.Explanation)
		}
	}
	if !slices.Contains(got, "everest") || !slices.Equal(got, want) {
		t.Errorf("record's hidden peaks %q, identify's %q; want Everest among them", got, want)
	}
	for _, g := range p.PredictedPeaks {
		if slices.Contains(got, g.ID) {
			t.Errorf("%s both predicted and hidden", g.ID)
		}
	}
	line, err := json.Marshal(p)
	if err != nil || !strings.Contains(string(line), `"hidden_peaks":[{"id":"`) || !strings.Contains(string(line), `"predicted_peaks":`) {
		t.Errorf("photos --json line: %s", line)
	}
}
