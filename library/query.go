package library

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/peaks"
)

// Query is a search of the library, shared by the window and the command line. Every filter is applied
// before ranking, so a filtered search returns as many hits as match, never a top k cut down afterwards.
type Query struct {
	Text  string    // a peak's name, a file or folder name, or a concept ("prayer flags"); empty: browse
	Peaks []string  // peak ids: only photos predicted to show one of them
	Near  *Circle   // only photos taken within this circle
	Box   *Box      // only photos taken within this box
	From  time.Time // only photos taken at or after this wall-clock time in the photo's own offset
	To    time.Time // only photos taken at or before this wall-clock time in the photo's own offset
	Sort  Sort
	// K is how many hits to return with their photos (DefaultK when zero). Results.All holds every match.
	K int
	// NumCandidates is how many nearest vectors each model-based list contributes before fusion
	// (DefaultNumCandidates when zero).
	NumCandidates int
}

// Defaults of a Query.
const (
	DefaultK             = 50
	DefaultNumCandidates = 100
)

// Circle is a distance filter: photos within KM kilometres of a point.
type Circle struct {
	Lat, Lon, KM float64
}

// Box is a bounding-box filter in degrees. A box whose West is east of its East crosses the antimeridian.
type Box struct {
	South, West, North, East float64
}

// Sort is the order of the hits.
type Sort int

const (
	// ByRelevance ranks by fused score; a query without text lists the newest first.
	ByRelevance Sort = iota
	// Newest lists the latest capture time first; photos without a time come last.
	Newest
	// Oldest lists the earliest capture time first; photos without a time come last.
	Oldest
)

// ParseSort reads "relevance", "newest" or "oldest".
func ParseSort(s string) (Sort, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "relevance":
		return ByRelevance, nil
	case "newest":
		return Newest, nil
	case "oldest":
		return Oldest, nil
	}
	return 0, fmt.Errorf("sort %q: want relevance, newest or oldest", s)
}

func (s Sort) String() string {
	switch s {
	case Newest:
		return "newest"
	case Oldest:
		return "oldest"
	}
	return "relevance"
}

// ParseNear reads "LAT,LON,KM".
func ParseNear(s string) (*Circle, error) {
	v, err := parseFloats(s, 3)
	if err != nil {
		return nil, fmt.Errorf("near %q: %w (want LAT,LON,KM, e.g. 27.86,86.86,5)", s, err)
	}
	c := &Circle{Lat: v[0], Lon: v[1], KM: v[2]}
	if err := checkLatLon(c.Lat, c.Lon); err != nil {
		return nil, fmt.Errorf("near %q: %w", s, err)
	}
	if c.KM <= 0 {
		return nil, fmt.Errorf("near %q: the distance must be more than 0 km", s)
	}
	return c, nil
}

// ParseBox reads "SOUTH,WEST,NORTH,EAST".
func ParseBox(s string) (*Box, error) {
	v, err := parseFloats(s, 4)
	if err != nil {
		return nil, fmt.Errorf("bbox %q: %w (want S,W,N,E, e.g. 27.8,86.7,28.0,86.9)", s, err)
	}
	b := &Box{South: v[0], West: v[1], North: v[2], East: v[3]}
	for _, p := range [][2]float64{{b.South, b.West}, {b.North, b.East}} {
		if err := checkLatLon(p[0], p[1]); err != nil {
			return nil, fmt.Errorf("bbox %q: %w", s, err)
		}
	}
	if b.South > b.North {
		return nil, fmt.Errorf("bbox %q: south %g is north of north %g", s, b.South, b.North)
	}
	return b, nil
}

func parseFloats(s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("%d numbers, want %d", len(parts), n)
	}
	out := make([]float64, n)
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a number", strings.TrimSpace(p))
		}
		out[i] = v
	}
	return out, nil
}

func checkLatLon(lat, lon float64) error {
	if lat < -90 || lat > 90 {
		return fmt.Errorf("latitude %g is outside -90..90", lat)
	}
	if lon < -180 || lon > 180 {
		return fmt.Errorf("longitude %g is outside -180..180", lon)
	}
	return nil
}

// dateLayouts are the forms a date filter may take, most precise first.
var dateLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "2006-01", "2006"}

// ParseDate reads a date or date and time ("2023-10-05", "2023-10-05T14:30") as a wall-clock time, the way
// the photos' own clocks show it. A date without a time is the start of that day, month or year, or, when
// end is true, its last second: "--to 2023-10-05" includes the whole of the 5th.
func ParseDate(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01-02":
				t = t.AddDate(0, 0, 1).Add(-time.Second)
			case "2006-01":
				t = t.AddDate(0, 1, 0).Add(-time.Second)
			case "2006":
				t = t.AddDate(1, 0, 0).Add(-time.Second)
			case "2006-01-02T15:04", "2006-01-02 15:04":
				t = t.Add(time.Minute - time.Second)
			}
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD, optionally with THH:MM[:SS]", s)
}

// ErrUnknownPeak is returned for a peak filter naming no peak of the catalog.
var ErrUnknownPeak = errors.New("unknown peak")

// check reports a query that cannot mean anything: an unknown peak or a date range that ends before it starts.
func (l *Library) check(q Query) error {
	for _, id := range q.Peaks {
		if _, ok := l.opt.Catalog.ByID(id); !ok {
			return fmt.Errorf("%w %q (cairn peaks lists the ids)", ErrUnknownPeak, id)
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return fmt.Errorf("date range ends (%s) before it starts (%s)", q.To.Format(time.DateTime), q.From.Format(time.DateTime))
	}
	if q.K < 0 || q.NumCandidates < 0 {
		return fmt.Errorf("k and num_candidates must not be negative")
	}
	return nil
}

// filters reports whether q narrows the photos at all.
func (q Query) filters() bool {
	return len(q.Peaks) > 0 || q.Near != nil || q.Box != nil || !q.From.IsZero() || !q.To.IsZero()
}

// rowFilter is a query's filters compiled for fast tests of one table's rows.
type rowFilter struct {
	t        *photoTable
	peaks    []bool // by the table's peak index; nil: any peak
	near     *Circle
	nearLat  float64      // degrees of latitude within near.KM: a cheap test before the great circle
	nearLon  float64      // degrees of longitude within near.KM at the circle's widest latitude; 360 near the poles
	nearCap  circleBounds // decides most points of the circle without its great-circle distance
	box      *Box
	from, to int64 // wall-clock Unix milliseconds, both included
	hasFrom  bool
	hasTo    bool
}

// rowFilter compiles q's filters for the rows of t; the caller holds t.mu.
func (q Query) rowFilter(t *photoTable) rowFilter {
	f := rowFilter{t: t, near: q.Near, box: q.Box}
	if len(q.Peaks) > 0 {
		f.peaks = make([]bool, len(t.peakIDs))
		for _, id := range q.Peaks {
			if i, ok := t.peakAt[id]; ok {
				f.peaks[i] = true
			}
		}
	}
	if q.Near != nil {
		f.nearLat = q.Near.KM/110.5 + 1e-6 // a degree of latitude is at least 110.5 km
		f.nearLon = 360
		if widest := math.Abs(q.Near.Lat) + f.nearLat; widest < 89 {
			f.nearLon = q.Near.KM/(111.0*math.Cos(widest*math.Pi/180)) + 1e-6
		}
		f.nearCap = newCircleBounds(*q.Near)
	}
	// Dates are to the second, and the last second counts whole: "--to 09:41:07" includes 09:41:07.900.
	if !q.From.IsZero() {
		f.hasFrom, f.from = true, wallSecondMs(q.From)
	}
	if !q.To.IsZero() {
		f.hasTo, f.to = true, wallSecondMs(q.To)+999
	}
	return f
}

// wallSecondMs is the whole second of t's wall-clock reading as Unix milliseconds of that reading in UTC,
// comparable with tableRow.LocalMs.
func wallSecondMs(t time.Time) int64 {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC).UnixMilli()
}

// allows reports whether r passes the filters.
func (f *rowFilter) allows(r *tableRow) bool {
	if !f.allowsTime(r) {
		return false
	}
	if (f.near != nil || f.box != nil) && (!r.HasGPS() || !f.allowsPlace(r.Lat, r.Lon)) {
		return false
	}
	return f.allowsPeaks(r)
}

// allowsTime reports whether r passes the date filters.
func (f *rowFilter) allowsTime(r *tableRow) bool {
	if (f.hasFrom || f.hasTo) && !r.HasTime() {
		return false
	}
	return !(f.hasFrom && r.LocalMs < f.from || f.hasTo && r.LocalMs > f.to)
}

// allowsPeaks reports whether r passes the peak filter.
func (f *rowFilter) allowsPeaks(r *tableRow) bool {
	if f.peaks == nil {
		return true
	}
	for _, p := range f.t.peaksOf(r) {
		if f.peaks[p.Peak] {
			return true
		}
	}
	return false
}

// allowsPlace reports whether a photo at lat, lon passes the circle and the box.
func (f *rowFilter) allowsPlace(lat, lon float64) bool {
	if f.near != nil && !f.inCircle(lat, lon) {
		return false
	}
	return f.box == nil || f.box.contains(lat, lon)
}

// inCircle reports whether lat, lon is within the circle: within its box of degrees, then, unless the
// bounds of circleBounds decide, by the great-circle distance, which they always agree with.
func (f *rowFilter) inCircle(lat, lon float64) bool {
	c := math.Cos(geo.Rad(lat))
	return f.inCircleWithin(lat, lon, c, c)
}

// inCircleWithin is inCircle for a point whose latitude's cosine is between cosLo and cosHi.
func (f *rowFilter) inCircleWithin(lat, lon, cosLo, cosHi float64) bool {
	c := f.near
	if math.Abs(lat-c.Lat) > f.nearLat || lonDelta(lon, c.Lon) > f.nearLon {
		return false
	}
	switch f.nearCap.decideWithin(lat, lon, cosLo, cosHi) {
	case inside:
		return true
	case outside:
		return false
	}
	return peaks.DistanceKM(c.Lat, c.Lon, lat, lon) <= c.KM
}

// lonDelta is the difference of two longitudes in degrees, across the antimeridian when shorter.
func lonDelta(a, b float64) float64 {
	d := math.Abs(a - b)
	return math.Min(d, 360-d)
}

func (b *Box) contains(lat, lon float64) bool {
	if lat < b.South || lat > b.North {
		return false
	}
	if b.West <= b.East {
		return lon >= b.West && lon <= b.East
	}
	return lon >= b.West || lon <= b.East // across the antimeridian
}
