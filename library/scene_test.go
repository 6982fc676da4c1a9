package library

import (
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/peaks"
)

// TestTerrainHidesWhatItHides points cameras at Everest from places whose view of it is well known: from
// Dingboche the Nuptse–Lhotse wall hides it, from Kala Patthar it stands over everything, and from Tengboche it
// shows over the wall's western end. Photos made up of a record alone: position, altitude, compass, lens.
func TestTerrainHidesWhatItHides(t *testing.T) {
	cat, err := peaks.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	dem, err := LoadTerrain(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	id := NewIdentifier(cat, nil, dem)
	for _, c := range []struct {
		place            string
		lat, lon, alt, h float64
		visible          bool
	}{
		{"Dingboche", 27.8925, 86.8310, 4410, 41, false},
		{"Kala Patthar", 27.9957, 86.8286, 5545, 100, true},
		{"Tengboche", 27.8361, 86.7644, 3867, 50, true},
	} {
		alt, heading := c.alt, c.h
		p := Photo{GPS: &LatLon{Lat: c.lat, Lon: c.lon}, Altitude: &alt, Heading: &heading, Focal35mm: 26, Width: 4032, Height: 3024}
		named, hidden, view, err := id.predict(p, nil, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if view == nil || view.Source != peaks.HeadingCompass {
			t.Errorf("%s: view %+v, want the compass's", c.place, view)
		}
		find := func(ps []peaks.Prediction) *peaks.Prediction {
			for i := range ps {
				if ps[i].ID == "everest" {
					return &ps[i]
				}
			}
			return nil
		}
		n, h := find(named), find(hidden)
		switch {
		case c.visible && (n == nil || !n.Visible || n.X == nil):
			t.Errorf("%s: Everest not named in the frame (named %s; hidden %s)", c.place, names(named), names(hidden))
		case !c.visible && n != nil:
			t.Errorf("%s: Everest named although terrain hides it: %s", c.place, n.Explanation)
		case !c.visible && (h == nil || h.Visible || !strings.Contains(h.Explanation, "hidden behind Nuptse") &&
			!strings.Contains(h.Explanation, "hidden behind Lhotse")):
			t.Errorf("%s: Everest not reported hidden (hidden %s)", c.place, names(hidden))
		case h != nil:
			t.Logf("%s: %s", c.place, h.Explanation)
		case n != nil:
			t.Logf("%s: %s", c.place, n.Explanation)
		}
	}
}
