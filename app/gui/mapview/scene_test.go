package mapview

import (
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// khumbuTrek is a two-week trek from Lukla to Everest Base Camp and back over Gokyo, one photo per stop,
// with compass headings like a phone's.
func khumbuTrek() []Photo {
	stops := []struct {
		lat, lon, heading float64
	}{
		{27.6870, 86.7314, 20}, {27.7405, 86.7122, 10}, {27.8050, 86.7140, 60}, {27.8125, 86.7200, 45},
		{27.8360, 86.7640, 80}, {27.8615, 86.7915, 70}, {27.8920, 86.8310, 95}, {27.9095, 86.8620, 100},
		{27.9480, 86.8100, 20}, {27.9810, 86.8290, 70}, {27.9880, 86.8560, 110}, {27.9570, 86.7900, 240},
		{27.9530, 86.7480, 200}, {27.9530, 86.6950, 30}, {27.9000, 86.7020, 350}, {27.8420, 86.7130, 80},
		{27.7410, 86.7130, 40}, {27.6880, 86.7310, 10},
	}
	start := time.Date(2024, 10, 3, 8, 0, 0, 0, time.UTC)
	photos := make([]Photo, len(stops))
	for i, s := range stops {
		photos[i] = Photo{
			Key: uint64('a' + i), Lat: s.lat, Lon: s.lon, Heading: s.heading, HasHeading: true,
			Time: start.Add(time.Duration(i) * 18 * time.Hour),
		}
	}
	return photos
}

// khumbuPeaks lists the best-known summits, highest first, so their labels win in a crowded view.
func khumbuPeaks() []Peak {
	return []Peak{
		{"Everest", 27.9881, 86.9253}, {"Lhotse", 27.9617, 86.9333}, {"Cho Oyu", 28.0942, 86.6608},
		{"Nuptse", 27.9670, 86.8860}, {"Pumori", 28.0147, 86.8283}, {"Ama Dablam", 27.8617, 86.8614},
		{"Cholatse", 27.9178, 86.7672}, {"Taboche", 27.8960, 86.7940}, {"Thamserku", 27.7891, 86.7863},
		{"Kangtega", 27.7940, 86.8190}, {"Island Peak", 27.9217, 86.9378}, {"Khumbila", 27.8290, 86.7110},
	}
}

// TestNewDotsTimeOrder: dots are numbered oldest first, undated first of all, whatever the order given, with
// equal times in the order given; the grid finds every dot in its cell.
func TestNewDotsTimeOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{0, 1, 2, 100, 5000} {
		photos := make([]Photo, n)
		for i := range photos {
			photos[i] = Photo{Key: uint64(i), Lat: 27 + r.Float64(), Lon: 86 + r.Float64()}
			// Few distinct times, so many are equal; some before 1970, and some undated, but for 100 photos
			// all dated since 1970, whose radix sort takes an odd number of passes.
			switch {
			case n == 100:
				photos[i].Time = start.Add(time.Duration(r.IntN(40)-10) * 365 * 24 * time.Hour)
			case r.IntN(10) > 0:
				photos[i].Time = start.Add(time.Duration(r.IntN(60)-55) * 365 * 24 * time.Hour)
			}
		}
		for _, order := range []string{"any", "oldest", "newest"} {
			given := slices.Clone(photos)
			switch order {
			case "oldest":
				slices.SortStableFunc(given, func(a, b Photo) int { return a.Time.Compare(b.Time) })
			case "newest":
				slices.SortStableFunc(given, func(a, b Photo) int { return b.Time.Compare(a.Time) })
			}
			d := NewDots(append(slices.Clone(given), Photo{Key: 1 << 40, Lat: math.NaN()}, Photo{Key: 1 << 41, Lon: math.Inf(1)}))
			if d.indexOf(1<<40) >= 0 || d.indexOf(1<<41) >= 0 {
				t.Fatal("a photo without a usable position has a dot")
			}
			want := slices.Clone(given)
			slices.SortStableFunc(want, func(a, b Photo) int { return a.Time.Compare(b.Time) })
			for i := range want {
				if !d.time(i).Equal(want[i].Time) {
					t.Fatalf("%d photos in %s order: dot %d taken %v, want %v", n, order, i, d.time(i), want[i].Time)
				}
				if order != "newest" && d.key[i] != want[i].Key {
					t.Fatalf("%d photos in %s order: dot %d is photo %d, want %d (equal times in the order given)", n, order, i, d.key[i], want[i].Key)
				}
			}
			found := 0
			d.grid.visit(d.bounds, func(at []wpt, dot []int32) {
				for j, p := range at {
					if p != d.pos[dot[j]] {
						t.Fatalf("the grid holds dot %d at %v, the dots at %v", dot[j], p, d.pos[dot[j]])
					}
				}
				found += len(at)
			})
			if found != n {
				t.Fatalf("the grid holds %d of %d dots", found, n)
			}
		}
	}
}

// TestTrekLineBudget: a trek's line is drawn whole, however many photos it has; photos from all over a region
// minutes apart lose their longest segments until the line covers the frame at most trekCover times over.
func TestTrekLineBudget(t *testing.T) {
	test.NewTempApp(t)
	m := New()
	m.resize(fyne.NewSize(640, 400))
	img := image.NewRGBA(image.Rect(0, 0, 640, 400))
	for _, c := range []struct {
		name   string
		photos []Photo
		whole  bool
	}{{"a trek", randomTrek(200_000), true}, {"a scatter", scattered(20_000), false}} {
		m.FitPhotos()
		m.SetPhotos(c.photos)
		s := m.scene(640, 400)
		p := s.painter(img)
		limit := s.trekLimit(p)
		var all, drawn float64
		s.trekSegments(p, func(_, _ pt, l float64, _ bool) {
			all += l
			if l < limit {
				drawn += l
			}
		})
		budget := trekCover * 640 * 400 / trekWidth
		if c.whole != math.IsInf(limit, 1) || drawn > budget || drawn < budget/2 && !c.whole {
			t.Errorf("%s: %.0f of %.0f pixels of line drawn (limit %v), want %v the whole and at most %.0f, at least half that when cut",
				c.name, drawn, all, limit, c.whole, budget)
		}
	}
}

// TestPhotoAtFindsNearest: the dot under the pointer found from the grid's cells is the one a look at every dot
// finds — the nearest within reach, the newest of equals — zoomed out and in.
func TestPhotoAtFindsNearest(t *testing.T) {
	test.NewTempApp(t)
	m := New()
	m.resize(fyne.NewSize(640, 400))
	photos := scattered(30_000)
	for i := range photos[:2000] { // some at the same place, so the newest must win
		photos[i].Lat, photos[i].Lon = photos[i+5000].Lat, photos[i+5000].Lon
	}
	m.SetPhotos(photos)
	r := rand.New(rand.NewPCG(9, 9))
	for _, zoom := range []float64{0, 2.5} {
		m.FitPhotos()
		m.view.zoomAt(320, 200, zoom)
		for range 300 {
			pos := fyne.NewPos(float32(r.Float64()*640), float32(r.Float64()*400))
			x, y := m.view.toWorld(float64(pos.X), float64(pos.Y))
			s := m.view.scale()
			want, wantD := -1, hitRadius*hitRadius/(s*s)+1e-9/(s*s)
			for i, p := range m.dots.pos {
				if d := (p.x-x)*(p.x-x) + (p.y-y)*(p.y-y); d <= wantD {
					want, wantD = i, d
				}
			}
			if got := m.photoAt(pos); got != want {
				t.Fatalf("zoom +%g, pointer at %v: dot %d, want %d", zoom, pos, got, want)
			}
		}
	}
}
