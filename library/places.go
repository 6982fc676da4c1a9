package library

import (
	"math"
	"time"

	cameramodel "github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/peaks"
)

// Place is where and when a photo was taken, for the map. It carries the photo's key rather than its id, so
// that a million places allocate no strings; ID makes the id when one is needed (a dot tapped).
type Place struct {
	Key      uint64 // as Match.Key and PhotoKey give it
	Lat, Lon float64
	Time     time.Time // wall clock in the photo's own offset, as a UTC time; zero when unknown
	Heading  float64   // of the camera, degrees from true north: corrected by the skyline when it was; NaN when unknown
	FOV      float64   // horizontal field of view of the upright photo, degrees
}

// ID is the photo's id.
func (p Place) ID() string { return photoIDOfKey(p.Key) }

// Key is the photo's key, which names it without a string: Place.Key and PhotoKey give the same.
func (m Match) Key() uint64 { return m.key }

// PhotoKey is the key of the photo with id, as Match.Key and Place.Key give it.
func PhotoKey(id string) uint64 { return vectorKey(id) }

// placesBatch is how many matches Places looks up at a time: the first probes of a batch do not depend on
// one another, so the processor waits for their cache misses together rather than one after another.
const placesBatch = 64

// Places returns the positions of the matches that have one, in the matches' order, read from the photo
// table without loading a single record, so the map can show every match of a million-photo library.
func (l *Library) Places(matches []Match) ([]Place, error) {
	t, err := l.table()
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]Place, 0, len(matches))
	var rows [placesBatch]int32
	for start := 0; start < len(matches); start += placesBatch {
		batch := matches[start:min(start+placesBatch, len(matches))]
		t.rowsOf(batch, rows[:len(batch)])
		for j, m := range batch {
			if rows[j] < 0 {
				continue
			}
			r := &t.rows[rows[j]]
			if !r.HasGPS() {
				continue
			}
			p := Place{Key: m.key, Lat: r.Lat, Lon: r.Lon, Heading: float64(r.Heading), FOV: float64(r.FOV)}
			if r.HasTime() {
				p.Time = time.UnixMilli(r.LocalMs).UTC()
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// rowsOf sets rows[j] to the row number of matches[j], or -1 when the table has none. It probes all the
// matches a step at a time, reading each one's next slot and then the row that slot points at: the reads of
// a step do not depend on one another, so their cache misses overlap instead of queueing.
func (t *photoTable) rowsOf(matches []Match, rows []int32) {
	x := &t.at
	var at [placesBatch]int // the slot each match probes next
	var open [placesBatch]int
	n := 0
	for j, m := range matches {
		rows[j] = -1
		if len(x.slots) > 0 {
			at[n], open[n] = x.home(m.key), j
			n++
		}
	}
	for n > 0 {
		for k := range n {
			rows[open[k]] = x.slots[at[k]] - 1
		}
		left := 0
		for k := range n {
			j := open[k]
			if r := rows[j]; r < 0 || t.rows[r].Key == matches[j].key {
				continue // an empty slot ends the probe: the key is not in the table
			}
			rows[j] = -1
			at[left], open[left] = x.next(at[k]), j
			left++
		}
		n = left
	}
}

// viewOf is which way the camera of p pointed and how wide it saw, for the map's view cone: the stored view
// when identification found one (its heading corrected by the skyline, its true field of view), else the
// compass (NaN without one) and the field of view of the lens and frame.
func viewOf(p Photo) (headingDeg, fovDeg float64) {
	if p.View != nil && p.View.FOV > 0 && p.View.Source != peaks.HeadingNone {
		return p.View.Heading, p.View.FOV
	}
	headingDeg = math.NaN()
	if p.Heading != nil {
		headingDeg = *p.Heading
	}
	return headingDeg, cameramodel.FOVFrom35mm(p.Focal35mm, float64(p.Width), float64(p.Height)).H
}
