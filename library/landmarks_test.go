package library

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

// TestLandmarkSpellings: a peak or a place is found in every spelling the search accepts — case, spaces,
// accents, aliases, typing slips — and an exact name wins over a slip that would reach something else.
func TestLandmarkSpellings(t *testing.T) {
	lib := openTestLibrary(t, t.TempDir())
	for text, want := range map[string]string{
		"Ama Dablam": "Ama Dablam", "amadablam": "Ama Dablam", "ÁMA DÁBLAM": "Ama Dablam", "ama dablem": "Ama Dablam",
		"Sagarmatha": "Mount Everest", "pumo ri": "Pumori",
		"Tengboche": "Tengboche", "Tengbóche": "Tengboche", "kala pattar": "Kala Patthar", "Kala Pathar": "Kala Patthar",
		"Tengpoche": "Tengboche", "Thyangboche": "Tengkhangpoche", // exact aliases, whatever a slip reaches
	} {
		lm, ok := lib.Landmark(text)
		if !ok || lm.Name != want {
			t.Errorf("Landmark(%q) = %q, %v; want %q", text, lm.Name, ok, want)
		}
	}
	if lm, ok := lib.Landmark("Tengboche"); !ok || lm.Place == nil || lm.PeakID != "" {
		t.Errorf("Tengboche is not a place: %+v", lm)
	}
	for _, text := range []string{"Nowhere Peak", "zz", ""} {
		if lm, ok := lib.Landmark(text); ok {
			t.Errorf("Landmark(%q) found %q", text, lm.Name)
		}
	}
}

// TestNearPlace: "within N km of" takes a peak or a place in any spelling, or LAT,LON, and refuses an unknown
// name or a distance that is not more than 0.
func TestNearPlace(t *testing.T) {
	lib := openTestLibrary(t, t.TempDir())
	ama, _ := lib.Catalog().ByID("ama_dablam")
	for _, place := range []string{"Ama Dablam", "ama dablem", "Ámadablam", fmt.Sprintf("%f,%f", ama.Lat, ama.Lon)} {
		c, err := lib.NearPlace(place, " 5 ")
		if err != nil || c.KM != 5 || math.Abs(c.Lat-ama.Lat) > 1e-5 || math.Abs(c.Lon-ama.Lon) > 1e-5 {
			t.Errorf("NearPlace(%q): %+v, %v", place, c, err)
		}
	}
	g, _ := lib.Gazetteer()
	kp, _ := g.Exact("Kala Patthar")
	if c, err := lib.NearSpec("kala pattar,2.5"); err != nil || c.KM != 2.5 || c.Lat != kp.Lat || c.Lon != kp.Lon {
		t.Errorf("NearSpec(kala pattar,2.5): %+v, %v", c, err)
	}
	if c, err := lib.NearSpec("27.9,86.8,3"); err != nil || *c != (Circle{Lat: 27.9, Lon: 86.8, KM: 3}) {
		t.Errorf("NearSpec(27.9,86.8,3): %+v, %v", c, err)
	}
	for _, bad := range [][2]string{{"Nowhere Peak", "5"}, {"Ama Dablam", "-1"}, {"Ama Dablam", ""}, {"95,86", "5"}} {
		if c, err := lib.NearPlace(bad[0], bad[1]); err == nil {
			t.Errorf("NearPlace(%q, %q) = %+v, want an error", bad[0], bad[1], c)
		}
	}
	if _, err := lib.NearSpec("Ama Dablam"); err == nil {
		t.Error("NearSpec without a distance was taken")
	}
}

// TestLandmarksLike: what the "within" list offers for what is typed: peaks highest first, then places;
// a misspelling narrows to what it means, and nothing typed offers everything.
func TestLandmarksLike(t *testing.T) {
	lib := openTestLibrary(t, t.TempDir())
	g, _ := lib.Gazetteer()
	all := lib.LandmarksLike("")
	if len(all) != len(lib.Catalog().Peaks)+len(g.Places) || all[0].Name != "Mount Everest" || all[len(all)-1].Place == nil {
		t.Fatalf("nothing typed offers %d (first %q), want %d peaks then %d places", len(all), all[0].Name, len(lib.Catalog().Peaks), len(g.Places))
	}
	names := func(text string) []string {
		var out []string
		for _, lm := range lib.LandmarksLike(text) {
			out = append(out, lm.Name)
		}
		return out
	}
	if got := names("ama dablem"); !slices.Contains(got, "Ama Dablam") || len(got) > 3 {
		t.Errorf("ama dablem offers %v", got)
	}
	if got := names("kala pattar"); !slices.Contains(got, "Kala Patthar") {
		t.Errorf("kala pattar offers %v", got)
	}
	if got := names("lhotse"); len(got) < 2 || got[0] != "Lhotse" {
		t.Errorf("lhotse offers %v, want Lhotse first, then its neighbours by height", got)
	}
	if got := names("xyzzy"); len(got) != 0 {
		t.Errorf("xyzzy offers %v", got)
	}
}

// TestSearchByPlaceName: a search whose text names a place of the gazetteer (not a peak) lists the photos
// taken within the place's radius, newest first, says which place, and leaves out those just beyond it; a
// peak's name still searches by the peaks the photos show.
func TestSearchByPlaceName(t *testing.T) {
	lib := openTestLibrary(t, t.TempDir())
	g, _ := lib.Gazetteer()
	tb, ok := g.Exact("Tengboche")
	if !ok {
		t.Fatal("no Tengboche in the gazetteer")
	}
	kmPerDegLat := 111.2
	at := func(i int, northKm float64) Photo {
		rel := fmt.Sprintf("p%d.jpg", i)
		return Photo{ID: PhotoID(rel), Rel: rel, GPS: &LatLon{Lat: tb.Lat + northKm/kmPerDegLat, Lon: tb.Lon},
			ShotTime: NewShotTime(time.Date(2023, 10, 31, 6+i, 0, 0, 0, time.UTC), true)}
	}
	photos := []Photo{at(0, 0), at(1, tb.RadiusKm*0.8), at(2, -tb.RadiusKm*0.5), at(3, tb.RadiusKm*1.3), at(4, 5)}
	if err := lib.Import(photos, nil); err != nil {
		t.Fatal(err)
	}
	res, err := lib.Search(context.Background(), Query{Text: "tengbóche", K: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.Rel)
		if !slices.Equal(h.Why, []string{"taken at Tengboche"}) {
			t.Errorf("%s: why %q", h.Rel, h.Why)
		}
	}
	if res.Place == nil || res.Place.Name != "Tengboche" || !slices.Equal(got, []string{"p2.jpg", "p1.jpg", "p0.jpg"}) {
		t.Errorf("search Tengboche: place %+v, photos %v; want p2, p1, p0 newest first", res.Place, got)
	}
	if res, err := lib.Search(context.Background(), Query{Text: "Ama Dablam", K: 10}); err != nil || res.Place != nil {
		t.Errorf("a peak's name searched as a place: %+v, %v", res.Place, err)
	}
}
