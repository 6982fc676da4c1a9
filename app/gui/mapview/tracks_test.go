package mapview

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// walkTrack is a GPS log of n points a second apart, wandering over the Khumbu from start.
func walkTrack(n int, start time.Time) Track {
	r := rand.New(rand.NewPCG(3, 5))
	lat, lon, dir := 27.80, 86.72, 0.5
	t := Track{Name: "walk", Points: make([]TrackPoint, n)}
	for i := range t.Points {
		dir += r.NormFloat64() * 0.05
		lat += 0.00002 * math.Cos(dir) // about 2 m a second
		lon += 0.00002 * math.Sin(dir)
		t.Points[i] = TrackPoint{Lat: lat, Lon: lon, Time: start.Add(time.Duration(i) * time.Second)}
	}
	return t
}

// Douglas–Peucker weights: the middle of a straight line weighs nothing, a corner weighs its distance from
// the line, and no point weighs more than the one that split off its span.
func TestSimplifyWeights(t *testing.T) {
	pts := []trackPt{{x: 0}, {x: 1}, {x: 2, y: 1}, {x: 3}, {x: 4}}
	w := simplifyWeights(pts)
	if !math.IsInf(w[0], 1) || !math.IsInf(w[4], 1) {
		t.Errorf("the ends weigh %v and %v", w[0], w[4])
	}
	if math.Abs(w[2]-1) > 1e-12 {
		t.Errorf("the corner weighs %v, want 1", w[2])
	}
	for _, i := range []int{1, 3} {
		if w[i] > w[2] || w[i] > 0.75 {
			t.Errorf("point %d weighs %v, more than it stands off its span", i, w[i])
		}
	}
}

// A day's log at one point a second draws a few thousand points at the zoom that shows the whole track and
// more deeper in; every level keeps the start and stays within the tolerance of the full line.
func TestTrackLevelsShrinkZoomedOut(t *testing.T) {
	track := walkTrack(86_400, time.Date(2024, 10, 3, 6, 0, 0, 0, time.UTC))
	tl := newTrackLine(track)
	count := func(zoom float64) int {
		n := 0
		for _, c := range tl.level(zoom) {
			n += len(c.pts) - 1
		}
		return n + 1
	}
	if n := count(11); n > 3000 {
		t.Errorf("at zoom 11 the track draws %d of its 86,400 points", n)
	}
	if a, b, c := count(8), count(14), count(maxZoom); a >= b || b >= c {
		t.Errorf("zooms 8, 14 and %d draw %d, %d and %d points: not fewer zoomed out", maxZoom, a, b, c)
	}
	for _, zoom := range []float64{8, 11, 14} {
		tol := trackTolerance / (tileSize * math.Exp2(zoom))
		var line []trackPt
		for _, c := range tl.level(zoom) {
			line = append(line, c.pts...)
		}
		if x, y := project(track.Points[0].Lat, track.Points[0].Lon); line[0].x != x || line[0].y != y {
			t.Errorf("zoom %g: the line does not start at the track's start", zoom)
		}
		for i := 0; i < len(track.Points); i += 433 {
			x, y := project(track.Points[i].Lat, track.Points[i].Lon)
			best := math.Inf(1)
			for j := 1; j < len(line); j++ {
				best = math.Min(best, segmentDistance(trackPt{x: x, y: y}, line[j-1], line[j]))
			}
			if best > tol*1.0001 {
				t.Errorf("zoom %g: point %d is %.2f units off the drawn line, more than %.1f", zoom, i, best/tol*trackTolerance, trackTolerance)
				break
			}
		}
	}
}

// A track is drawn in the date colours the photos use, over one ramp: a photo taken at the track's end has
// the colour the line has there, and the legend spans the track's dates as well as the photos'.
func TestTrackDrawnInDateColours(t *testing.T) {
	test.NewTempApp(t)
	m := New()
	start := time.Date(2024, 10, 3, 6, 0, 0, 0, time.UTC)
	track := walkTrack(7200, start)
	m.resize(fyne.NewSize(640, 480))
	m.SetTracks(NewTracks([]Track{track}))
	end := track.Points[len(track.Points)-1]
	m.SetPhotos([]Photo{{Key: 1, Lat: 27.95, Lon: 86.95, Time: start.Add(time.Hour)}})
	if t0, t1 := m.dateSpan(); !t0.Equal(start) || !t1.Equal(end.Time) {
		t.Errorf("the ramp spans %v – %v, want the track's %v – %v", t0, t1, start, end.Time)
	}
	s := m.scene(1, 1)
	if want := dateColour(0.5); s.dotColour(0) != want {
		t.Errorf("a photo halfway through the track's time is %v, want %v", s.dotColour(0), want)
	}
	m.FitPhotos()
	img := m.render(640, 480).(*image.RGBA)
	near := func(lat, lon float64, want color.RGBA) bool {
		x, y := m.view.toScreen(project(lat, lon))
		for dy := -2; dy <= 2; dy++ {
			for dx := -2; dx <= 2; dx++ {
				c := img.RGBAAt(int(x)+dx, int(y)+dy)
				if colourDistance(c, want) < 40 {
					return true
				}
			}
		}
		return false
	}
	first := track.Points[0]
	if !near(first.Lat, first.Lon, dateColour(0)) {
		t.Error("the track's start is not drawn in the ramp's first colour")
	}
	if !near(end.Lat, end.Lon, dateColour(1)) {
		t.Error("the track's end is not drawn in the ramp's last colour")
	}
	m.SetTracks(nil)
	img = m.render(640, 480).(*image.RGBA)
	if near(end.Lat, end.Lon, dateColour(1)) {
		t.Error("a removed track is still drawn")
	}
}

func colourDistance(a, b color.RGBA) int {
	d := func(p, q uint8) int { return max(int(p)-int(q), int(q)-int(p)) }
	return d(a.R, b.R) + d(a.G, b.G) + d(a.B, b.B)
}

// BenchmarkRender100kTracks is BenchmarkRender100k with a week of GPS logs beside the photos (seven tracks
// of a day at one point a second: 604,800 points), fitted to everything.
func BenchmarkRender100kTracks(b *testing.B) {
	benchRender(b, randomTrek(100_000), NewTracks(weekOfLogs()))
}

// weekOfLogs is seven days of logs at a point a second.
func weekOfLogs() []Track {
	var tracks []Track
	for d := range 7 {
		tracks = append(tracks, walkTrack(86_400, time.Date(2020, 1, 1+d, 0, 0, 0, 0, time.UTC)))
	}
	return tracks
}

// BenchmarkDrawTracksWeek times the tracks' part of a photo layer's redraw alone: the week of logs above,
// fitted, and zoomed in to a trail's scale, where most chunks are culled.
func BenchmarkDrawTracksWeek(b *testing.B) {
	test.NewTempApp(b)
	m := New()
	m.SetTracks(NewTracks(weekOfLogs()))
	m.resize(fyne.NewSize(1280, 800))
	for _, zoom := range []float64{0, 3} {
		b.Run(map[float64]string{0: "fitted", 3: "zoomed-in"}[zoom], func(b *testing.B) {
			m.FitPhotos()
			m.view.zoom += zoom
			s := m.scene(1280, 800)
			img := image.NewRGBA(image.Rect(0, 0, 1280, 800))
			cpu := testenv.ProcessCPU()
			for b.Loop() {
				s.drawTracks(s.painter(img))
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkNewTrackLineDay times preparing a day's log at one point a second (86,400 points) for drawing.
func BenchmarkNewTrackLineDay(b *testing.B) {
	track := walkTrack(86_400, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	cpu := testenv.ProcessCPU()
	for b.Loop() {
		newTrackLine(track)
	}
	reportCPU(b, cpu)
}
