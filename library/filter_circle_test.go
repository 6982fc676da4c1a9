package library

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/peaks"
)

// placeTable makes a table of photos spread where a grid of positions has its edge cases: around the
// circles' centres (some exactly on, a hair inside and a hair outside their edges), at the poles, along
// the antimeridian, on cell edges, and over the whole world.
func placeTable(r *rand.Rand, circles []Circle) *photoTable {
	var rows []looseRow
	add := func(lat, lon float64) {
		lat, lon = max(-90, min(90, lat)), math.Remainder(lon, 360)
		rows = append(rows, looseRow{Key: uint64(len(rows) + 1), Rel: fmt.Sprintf("p%06d.jpg", len(rows)), HasGPS: true, Lat: lat, Lon: lon})
	}
	for _, c := range circles {
		for range 300 {
			bearing, d := r.Float64()*360, c.KM*1000*math.Sqrt(r.Float64())*1.3
			add(geo.Destination(c.Lat, c.Lon, bearing, d))
		}
		for _, f := range []float64{1, 1 - 1e-12, 1 + 1e-12, 1 - 1e-9, 1 + 1e-9, 1 - 1e-6, 1 + 1e-6} {
			for range 20 {
				add(geo.Destination(c.Lat, c.Lon, r.Float64()*360, c.KM*1000*f))
			}
		}
	}
	for range 500 {
		add(90-r.Float64()*0.05, r.Float64()*360-180)
		add(-90+r.Float64()*0.05, r.Float64()*360-180)
		add(r.Float64()*180-90, 180-r.Float64()*0.05)
		add(r.Float64()*180-90, -180+r.Float64()*0.05)
		add(math.Asin(2*r.Float64()-1)*180/math.Pi, r.Float64()*360-180)
		add(float64(r.IntN(9000))*gridCell-90, float64(r.IntN(18000))*gridCell-180) // on a cell's corner
	}
	add(90, 0)
	add(-90, 17)
	add(0, 180)
	add(0, -180)
	t := newPhotoTable(rows, nil)
	// A few without a position, which no place filter allows.
	t.putRows([]looseRow{{Key: uint64(len(rows) + 1), Rel: "nowhere.jpg"}, {Key: uint64(len(rows) + 2), Rel: "nowhere2.jpg"}})
	t.settle()
	return t
}

// TestPlaceFilterMatchesDistance: the grid's circles and boxes, which test no row of a cell they hold
// whole and decide most others by bounds, allow exactly the rows the great-circle distance and the box's
// edges allow, for circles smaller than a cell and larger than many, at the poles and across the
// antimeridian; and the filter's part of a browse agrees.
func TestPlaceFilterMatchesDistance(t *testing.T) {
	circles := []Circle{
		{Lat: 27.9, Lon: 86.8, KM: 5}, {Lat: 27.9, Lon: 86.8, KM: 0.3}, {Lat: 27.9, Lon: 86.8, KM: 0.0005},
		{Lat: 0, Lon: 179.995, KM: 3}, {Lat: -12, Lon: -180, KM: 40}, {Lat: 51.5, Lon: -0.01, KM: 250},
		{Lat: 89.995, Lon: 10, KM: 2}, {Lat: 90, Lon: 0, KM: 30}, {Lat: -89.9, Lon: -120, KM: 100},
		{Lat: 60, Lon: 179, KM: 900}, {Lat: -33, Lon: 151, KM: 4000}, {Lat: 10, Lon: 20, KM: 12000},
		{Lat: 0.01, Lon: 0.01, KM: 2.2},
	}
	r := rand.New(rand.NewPCG(3, 4))
	tab := placeTable(r, circles)
	boxes := []Box{
		{South: 27.8, West: 86.7, North: 28, East: 86.9}, {South: 27.9001, West: 86.8001, North: 27.9002, East: 86.8002},
		{South: -10, West: 170, North: 10, East: -170}, {South: 89.9, West: -180, North: 90, East: 180},
		{South: -90, West: 179.99, North: 90, East: -179.99}, {South: 0, West: 0, North: 0.04, East: 0.04},
	}
	var queries []Query
	for _, c := range circles {
		queries = append(queries, Query{Near: &c})
	}
	for _, b := range boxes {
		queries = append(queries, Query{Box: &b})
	}
	queries = append(queries, Query{Near: &circles[0], Box: &boxes[0]}, Query{Near: &circles[3], Box: &boxes[2]})
	tab.mu.RLock()
	defer tab.mu.RUnlock()
	wholeCells := 0
	for _, q := range queries {
		var want []uint64
		for i := range tab.rows {
			row := &tab.rows[i]
			if !row.HasGPS() {
				continue
			}
			if c := q.Near; c != nil && peaks.DistanceKM(c.Lat, c.Lon, row.Lat, row.Lon) > c.KM {
				continue
			}
			if b := q.Box; b != nil && !inBox(*b, row.Lat, row.Lon) {
				continue
			}
			want = append(want, row.Key)
		}
		s := &search{t: tab, q: q, f: q.rowFilter(tab)}
		var got []uint64
		s.eachAllowed(func(r int32) { got = append(got, tab.rows[r].Key) })
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("near %+v box %+v: %d rows allowed, want %d; missing %v, extra %v", q.Near, q.Box, len(got), len(want),
				minus(want, got), minus(got, want))
		}
		s.browseMatches()
		browsed := make([]uint64, len(s.res.All))
		for i, m := range s.res.All {
			browsed[i] = m.key
		}
		slices.Sort(browsed)
		if !slices.Equal(browsed, want) {
			t.Errorf("near %+v box %+v: a browse finds %d photos, want %d", q.Near, q.Box, len(browsed), len(want))
		}
		_, spans, _ := s.f.placeCandidates(tab)
		for _, sp := range spans {
			if sp.whole {
				wholeCells++
			}
		}
	}
	if wholeCells == 0 {
		t.Error("no cell was held whole by any circle or box: the untested path went untested")
	}
}

// inBox is a box's definition, written apart from Box.contains.
func inBox(b Box, lat, lon float64) bool {
	if lat < b.South || lat > b.North {
		return false
	}
	if b.West <= b.East {
		return b.West <= lon && lon <= b.East
	}
	return lon >= b.West || lon <= b.East
}

func minus(a, b []uint64) []uint64 {
	var out []uint64
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// TestCircleBoundsAgreeWithDistance: whatever circleBounds decides, the great-circle distance agrees, for
// points anywhere and points a hair from the edge, and it leaves few points near a small circle undecided.
func TestCircleBoundsAgreeWithDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		c := Circle{Lat: r.Float64()*180 - 90, Lon: r.Float64()*360 - 180, KM: math.Pow(10, r.Float64()*7-3)}
		if r.IntN(5) == 0 {
			c.Lat = math.Copysign(90-r.Float64()*0.01, c.Lat)
		}
		b := newCircleBounds(c)
		undecided := 0
		for k := range 400 {
			var lat, lon float64
			switch k % 3 {
			case 0: // anywhere
				lat, lon = math.Asin(2*r.Float64()-1)*180/math.Pi, r.Float64()*360-180
			case 1: // within twice the radius
				lat, lon = geo.Destination(c.Lat, c.Lon, r.Float64()*360, 2*c.KM*1000*r.Float64())
			default: // a hair from the edge
				lat, lon = geo.Destination(c.Lat, c.Lon, r.Float64()*360, c.KM*1000*(1+(r.Float64()-0.5)*1e-8))
			}
			in := peaks.DistanceKM(c.Lat, c.Lon, lat, lon) <= c.KM
			v := b.decide(lat, lon)
			if k%2 == 1 { // as a cell's rows are decided: by the cosines of the latitudes of a band around it
				lo, hi := cosRangeAround(r, lat)
				v = b.decideWithin(lat, lon, lo, hi)
			}
			switch v {
			case inside:
				if !in {
					t.Fatalf("circle %+v: %g,%g decided inside, %g km away", c, lat, lon, peaks.DistanceKM(c.Lat, c.Lon, lat, lon))
				}
			case outside:
				if in {
					t.Fatalf("circle %+v: %g,%g decided outside, %g km away", c, lat, lon, peaks.DistanceKM(c.Lat, c.Lon, lat, lon))
				}
			default:
				if k%3 == 1 {
					undecided++
				}
			}
		}
		if c.KM < 100 && math.Abs(c.Lat) < 80 && undecided > 13 {
			t.Errorf("circle %+v: %d of 133 points within twice its radius undecided", c, undecided)
		}
	}
}

// cosRangeAround is the range of the cosine of a band of latitude up to a cell high holding lat.
func cosRangeAround(r *rand.Rand, lat float64) (lo, hi float64) {
	below := r.Float64() * gridCell
	return cosRange(lat-below, lat+gridCell-below)
}
