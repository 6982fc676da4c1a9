package track

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/geo"
)

// garmin11 is laid out as a Garmin watch writes GPX 1.1: metadata, one trk with two trkseg (the watch paused),
// extensions in their own namespace.
const garmin11 = `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <metadata><name>Gokyo Ri</name><time>2023-11-04T00:00:00.000Z</time></metadata>
  <trk><name>Gokyo Ri hike</name><type>hiking</type>
    <trkseg>
      <trkpt lat="27.9500" lon="86.6900"><ele>4790.0</ele><time>2023-11-04T01:00:00.000Z</time>
        <extensions><ns3:TrackPointExtension><ns3:hr>120</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>
      <trkpt lat="27.9600" lon="86.6800"><ele>4990.0</ele><time>2023-11-04T01:10:00.000Z</time></trkpt>
      <trkpt lat="27.9620" lon="86.6780"><ele>5000.0</ele><time>2023-11-04T01:12:00Z</time></trkpt>
      <trkpt lat="27.9700" lon="86.6700"><time>2023-11-04T01:20:00Z</time></trkpt>
      <trkpt lat="27.9800" lon="86.6600"><ele>5300</ele><time>not a time</time></trkpt>
    </trkseg>
    <trkseg>
      <trkpt lat="27.9900" lon="86.6500"><ele>5357</ele><time>2023-11-04T02:00:00Z</time></trkpt>
      <trkpt lat="27.9910" lon="86.6490"><ele>5358</ele><time>2023-11-04T02:01:00Z</time></trkpt>
    </trkseg>
  </trk>
</gpx>`

// gpx10 is GPX 1.0 as older loggers and GPSBabel write it: the name and time at the top, local-zone times.
const gpx10 = `<?xml version="1.0"?>
<gpx version="1.0" creator="GPSBabel - http://www.gpsbabel.org" xmlns="http://www.topografix.com/GPX/1/0">
<name>Namche</name>
<time>2023-10-30T03:00:00Z</time>
<trk><name>ACTIVE LOG</name><number>1</number>
<trkseg>
<trkpt lat="27.8050" lon="86.7130"><ele>3440.5</ele><time>2023-10-30T09:00:00+05:45</time><course>12</course><speed>1.1</speed></trkpt>
<trkpt lat="27.8060" lon="86.7140"><ele>3450.5</ele><time>2023-10-30T09:01:00+05:45</time></trkpt>
</trkseg>
</trk>
</gpx>`

func mustParse(t *testing.T, s string) Track {
	t.Helper()
	tr, err := ParseGPX(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestParseGPX(t *testing.T) {
	g := mustParse(t, garmin11)
	if g.Name != "Gokyo Ri" || len(g.Segments) != 2 || g.Points() != 6 || g.Skipped != 1 {
		t.Errorf("garmin: %q, %d segments, %d points, %d skipped", g.Name, len(g.Segments), g.Points(), g.Skipped)
	}
	if p := g.Segments[0][3]; p.HasEle || p.Lat != 27.97 {
		t.Errorf("point without ele: %+v", p)
	}
	if !g.Start().Equal(time.Date(2023, 11, 4, 1, 0, 0, 0, time.UTC)) || !g.End().Equal(time.Date(2023, 11, 4, 2, 1, 0, 0, time.UTC)) {
		t.Errorf("span %v – %v", g.Start(), g.End())
	}
	old := mustParse(t, gpx10)
	if old.Name != "Namche" || old.Points() != 2 || !old.Start().Equal(time.Date(2023, 10, 30, 3, 15, 0, 0, time.UTC)) {
		t.Errorf("gpx 1.0: %q %d points from %v", old.Name, old.Points(), old.Start())
	}
	for name, bad := range map[string]string{
		"no points": `<gpx version="1.1"><trk><trkseg></trkseg></trk></gpx>`,
		"no times":  `<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>`,
		"html":      `<html><body>not a track</body></html>`,
		"binary":    "\x00\x01\x02",
	} {
		if _, err := ParseGPX(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		} else if name == "no times" && !errors.Is(err, ErrNoPoints) {
			t.Errorf("%s: %v, want ErrNoPoints", name, err)
		}
	}
}

func TestPlace(t *testing.T) {
	p := NewPlacer([]Track{mustParse(t, garmin11)}, Options{MaxGap: 5 * time.Minute, EdgeSlack: time.Minute})
	at := func(h, m, s int) time.Time { return time.Date(2023, 11, 4, h, m, s, 0, time.UTC) }
	// 01:11:00 is halfway between 01:10 and 01:12.
	f, ok := p.Place(at(1, 11, 0))
	if !ok || math.Abs(f.Lat-27.961) > 1e-9 || math.Abs(f.Lon-86.679) > 1e-9 || !f.HasEle || f.Ele != 4995 || f.Gap != 2*time.Minute {
		t.Errorf("halfway: %+v %v", f, ok)
	}
	// 01:05 lies in a 10-minute gap: no placement.
	if f, ok := p.Place(at(1, 5, 0)); ok {
		t.Errorf("inside a 10 min gap: placed at %+v", f)
	}
	// 01:14, in a 8-minute interval whose end has no elevation: no placement either (gap > 5 min).
	if _, ok := p.Place(at(1, 14, 0)); ok {
		t.Error("inside an 8 min gap: placed")
	}
	// Between the two segments (40 minutes): not placed, except within the edge slack.
	if _, ok := p.Place(at(1, 40, 0)); ok {
		t.Error("between segments: placed")
	}
	if f, ok := p.Place(at(1, 59, 30)); !ok || f.Lat != 27.99 {
		t.Errorf("30 s before the second segment: %+v %v", f, ok)
	}
	if f, ok := p.Place(at(2, 1, 0)); !ok || f.Ele != 5358 {
		t.Errorf("at the last point: %+v %v", f, ok)
	}
	if _, ok := p.Place(at(2, 3, 0)); ok {
		t.Error("2 minutes after the end: placed")
	}
	wide := NewPlacer([]Track{mustParse(t, garmin11)}, Options{MaxGap: time.Hour})
	if f, ok := wide.Place(at(1, 5, 0)); !ok || math.Abs(f.Ele-4890) > 1e-9 {
		t.Errorf("with a 1 h max gap: %+v %v", f, ok)
	}
}

func TestPlaceAcrossAntimeridian(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tr := Track{Segments: []Segment{{{Time: t0, Lat: -17, Lon: 179.9}, {Time: t0.Add(time.Minute), Lat: -17, Lon: -179.9}}}}
	f, ok := NewPlacer([]Track{tr}, Options{}).Place(t0.Add(30 * time.Second))
	if !ok || math.Abs(math.Abs(f.Lon)-180) > 1e-9 {
		t.Errorf("halfway across the antimeridian: %+v %v", f, ok)
	}
}

// syntheticWalk is a walk north-east at 1.2 m/s with a point every 10 s for two hours.
func syntheticWalk(start time.Time) Track {
	var s Segment
	lat, lon := 27.80, 86.71
	for i := 0; i <= 720; i++ {
		s = append(s, Point{Time: start.Add(time.Duration(i) * 10 * time.Second), Lat: lat, Lon: lon, Ele: 3400 + float64(i), HasEle: true})
		lat, lon = geo.Destination(lat, lon, 45+20*math.Sin(float64(i)/40), 12)
	}
	return Track{Segments: []Segment{s}}
}

// TestEstimateClockOffset: a camera set to Nepal time and 47 s fast; its photos with GPS (with a few metres of
// noise, and one far off, taken before the watch started) give the offset back.
func TestEstimateClockOffset(t *testing.T) {
	start := time.Date(2023, 10, 30, 3, 0, 0, 0, time.UTC)
	tr := syntheticWalk(start)
	p := NewPlacer([]Track{tr}, DefaultOptions)
	truth := 5*time.Hour + 45*time.Minute + 47*time.Second
	var samples []Sample
	for _, k := range []int{50, 130, 260, 400, 555, 700} {
		pt := tr.Segments[0][k]
		lat, lon := geo.Destination(pt.Lat, pt.Lon, float64(k), 8) // 8 m of GPS noise
		samples = append(samples, Sample{Wall: pt.Time.Add(truth), Lat: lat, Lon: lon})
	}
	samples = append(samples, Sample{Wall: start.Add(-3 * time.Hour).Add(truth), Lat: 27.7, Lon: 86.7})
	est, ok := p.EstimateClockOffset(samples)
	if !ok || (est.Offset-truth).Abs() > 10*time.Second || est.Used != 6 {
		t.Fatalf("estimate %+v (%v), want %v from 6 photos", est, ok, truth)
	}
	t.Logf("clock offset %v (truth %v), %d photos, median error %.1f m", est.Offset, truth, est.Used, est.MedianErrM)

	// Placing a photo without GPS by its wall clock and the estimate lands on the track.
	want := tr.Segments[0][333]
	f, ok := p.Place(Instant(want.Time.Add(truth), false, est.Offset))
	if d, _ := geo.DistanceBearing(f.Lat, f.Lon, want.Lat, want.Lon); !ok || d > 15 {
		t.Errorf("placed %.1f m from the truth (%v)", d, ok)
	}
	if _, ok := NewPlacer(nil, DefaultOptions).EstimateClockOffset(samples); ok {
		t.Error("estimate without a track")
	}
}

func TestInstant(t *testing.T) {
	nepal := time.FixedZone("", 5*3600+45*60)
	shot := time.Date(2023, 10, 30, 9, 0, 0, 0, nepal)
	if got := Instant(shot, true, time.Hour); !got.Equal(time.Date(2023, 10, 30, 3, 15, 0, 0, time.UTC)) {
		t.Errorf("with offset: %v", got)
	}
	wall := time.Date(2023, 10, 30, 9, 0, 0, 0, time.UTC)
	if got := Instant(wall, false, 5*time.Hour+45*time.Minute); !got.Equal(time.Date(2023, 10, 30, 3, 15, 0, 0, time.UTC)) {
		t.Errorf("wall clock: %v", got)
	}
}

func ExamplePlacer_Place() {
	tr, _ := ParseGPX(strings.NewReader(gpx10))
	p := NewPlacer([]Track{tr}, DefaultOptions)
	f, ok := p.Place(time.Date(2023, 10, 30, 3, 15, 30, 0, time.UTC))
	fmt.Printf("%v %.4f %.4f %.1f m\n", ok, f.Lat, f.Lon, f.Ele)
	// Output: true 27.8055 86.7135 3445.5 m
}

// TestKhumbuPlacement builds a track from every other khumbu photo (position, altitude and capture time, as a
// watch would have recorded them, far more sparsely), strips the others of GPS and places them by time. The
// photos are hours apart, so the track has long gaps: the max gap is set to a day. Reported: the median and
// 90th-percentile distance from each photo's real position, and the same for the clock offset estimated from
// the left-out photos as if their camera clock had no zone.
func TestKhumbuPlacement(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu")
	rows := testenv.ReadTruth(t, filepath.Join(dir, "truth.csv"))
	photos := testenv.GeoShots(t, rows, "data/images/")
	var seg Segment
	var held []testenv.GeoShot
	for i, p := range photos {
		if i%2 == 0 || i == len(photos)-1 {
			seg = append(seg, Point{Time: p.At, Lat: p.Lat, Lon: p.Lon, Ele: p.Ele, HasEle: true})
		} else {
			held = append(held, p)
		}
	}
	if len(seg) < 5 || len(held) < 5 {
		t.Fatalf("%d track points, %d photos to place", len(seg), len(held))
	}
	p := NewPlacer([]Track{{Segments: []Segment{seg}}}, Options{MaxGap: 24 * time.Hour})
	var errs, eleErrs []float64
	for _, h := range held {
		f, ok := p.Place(h.At)
		i := sort.Search(len(seg), func(i int) bool { return seg[i].Time.After(h.At) })
		if inGap := seg[i].Time.Sub(seg[i-1].Time) > 24*time.Hour; ok == inGap {
			t.Errorf("%s at %v: placed %v, in a gap over the setting %v", h.Name, h.At, ok, inGap)
		}
		if !ok {
			continue
		}
		d, _ := geo.DistanceBearing(h.Lat, h.Lon, f.Lat, f.Lon)
		errs = append(errs, d)
		eleErrs = append(eleErrs, math.Abs(f.Ele-h.Ele))
	}
	median, p90 := testenv.Quantile(errs, 0.5), testenv.Quantile(errs, 0.9)
	t.Logf("%d photos placed from a %d-point track: position error median %.0f m, 90th percentile %.0f m; elevation error median %.0f m, 90th percentile %.0f m",
		len(errs), len(seg), median, p90, testenv.Quantile(eleErrs, 0.5), testenv.Quantile(eleErrs, 0.9))
	// The trek spans about 30 km; placing every photo at the track's centre would be off by several km.
	if median > 3000 {
		t.Errorf("median error %.0f m", median)
	}

	var samples []Sample
	nepal := 5*time.Hour + 45*time.Minute
	for _, h := range held {
		samples = append(samples, Sample{Wall: h.At.Add(nepal), Lat: h.Lat, Lon: h.Lon})
	}
	est, ok := p.EstimateClockOffset(samples)
	t.Logf("clock offset estimated from %d photos: %v (truth %v), median error %.0f m", est.Used, est.Offset, nepal, est.MedianErrM)
	if !ok {
		t.Error("no clock offset estimated")
	}
}
