package align

import (
	"math"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/skyline"
	"github.com/cairn-photos/cairn/library/terrain"
)

// syntheticHorizon is a 360° horizon at 0.1° steps with the given elevation per azimuth.
func syntheticHorizon(elev func(az float64) float64) *terrain.Horizon {
	const n = 3600
	h := &terrain.Horizon{StepDeg: 0.1, ElevDeg: make([]float64, n), DistM: make([]float64, n), MaxDistM: 1e5}
	for i := range n {
		h.ElevDeg[i], h.DistM[i] = elev(float64(i)*0.1), 20_000
	}
	return h
}

// ridges: rolling hills all around, and one sharp summit at 100°.
func ridges(az float64) float64 {
	r := geo.Rad(az)
	return 2 + 1.5*math.Sin(3*r) + 0.8*math.Sin(7*r+1) + 0.3*math.Sin(23*r) + 4*math.Max(0, 1-math.Abs(geo.OffsetDeg(az, 100))/3)
}

// profileSeen is the skyline a camera with view v sees of h: per column, the row where the horizon crosses it.
func profileSeen(h *terrain.Horizon, v camera.View) skyline.Profile {
	p := skyline.Profile{Width: skyline.Columns, Height: 192, Y: make([]float32, skyline.Columns), Conf: make([]float32, skyline.Columns)}
	for i := range p.Y {
		x, y := p.X(i), 0.5
		for range 8 { // the crossing, by fixed-point iteration: the column's ray changes little with the row
			az, _ := v.Ray(x, y)
			e, _ := h.At(az)
			_, y, _ = v.Project(az, e)
		}
		p.Y[i], p.Conf[i] = float32(y), 1
	}
	p.Informative = 1
	return p
}

func TestAlignRecoversTheView(t *testing.T) {
	h := syntheticHorizon(ridges)
	truth := camera.View{Heading: 97.3, Pitch: 4.2, Roll: -1.3, HFOV: 30, VFOV: 22.9}
	sky := profileSeen(h, truth)
	for i := 90; i < 140; i++ { // a person in front: their outline stands well above the skyline
		sky.Y[i] -= 0.25
		sky.Conf[i] = 0.8
	}
	prior := camera.Estimate{View: truth, HasHeading: true, HasPose: true}
	prior.View.Heading += 6.5
	prior.View.Pitch += 1.2
	prior.View.Roll -= 0.8
	prior.View.HFOV, prior.View.VFOV = scaleFOV(truth.HFOV, 1.03), scaleFOV(truth.VFOV, 1.03)
	for _, withCompass := range []bool{true, false} {
		p := prior
		p.HasHeading = withCompass
		r := Align(h, sky, p, Options{})
		if r.Source != SourceSkyline {
			t.Fatalf("compass %v: kept the prior: %s", withCompass, r.Reason)
		}
		if d := geo.OffsetDeg(r.View.Heading, truth.Heading); math.Abs(d) > 0.1 {
			t.Errorf("compass %v: heading %.2f, want %.2f", withCompass, r.View.Heading, truth.Heading)
		}
		if math.Abs(r.View.Pitch-truth.Pitch) > 0.2 || math.Abs(r.View.Roll-truth.Roll) > 0.5 ||
			math.Abs(r.View.HFOV-truth.HFOV) > 0.5 {
			t.Errorf("compass %v: pitch %.2f roll %.2f hfov %.2f, want %.2f %.2f %.2f", withCompass,
				r.View.Pitch, r.View.Roll, r.View.HFOV, truth.Pitch, truth.Roll, truth.HFOV)
		}
		if r.Agree < 0.7 || r.Agree > 0.9 || r.Confidence < 0.5 {
			t.Errorf("compass %v: agree %.2f (the person covers a fifth), confidence %.2f", withCompass, r.Agree, r.Confidence)
		}
	}
}

// TestAlignSearchesWiderWithoutGravityOrFocalLength: without gravity the camera is searched ±20° of pitch and
// ±6° of roll from level; without a focal length, ±40 % of the assumed one.
func TestAlignSearchesWiderWithoutGravityOrFocalLength(t *testing.T) {
	h := syntheticHorizon(ridges)
	truth := camera.View{Heading: 97.3, Pitch: 9, Roll: 3, HFOV: 22, VFOV: 16.6}
	sky := profileSeen(h, truth)
	prior := camera.Estimate{View: camera.View{Heading: 92, HFOV: scaleFOV(truth.HFOV, 1.3), VFOV: scaleFOV(truth.VFOV, 1.3)},
		HasHeading: true, FOVAssumed: true}
	r := Align(h, sky, prior, Options{})
	if r.Source != SourceSkyline {
		t.Fatalf("kept the prior: %s", r.Reason)
	}
	if math.Abs(geo.OffsetDeg(r.View.Heading, truth.Heading)) > 0.1 || math.Abs(r.View.Pitch-truth.Pitch) > 0.3 ||
		math.Abs(r.View.Roll-truth.Roll) > 0.5 || math.Abs(r.View.HFOV-truth.HFOV) > 0.5 {
		t.Errorf("found heading %.2f pitch %.2f roll %.2f hfov %.2f, want %.2f %.2f %.2f %.2f", r.View.Heading,
			r.View.Pitch, r.View.Roll, r.View.HFOV, truth.Heading, truth.Pitch, truth.Roll, truth.HFOV)
	}
}

func TestAlignKeepsThePriorWhenItCannotTell(t *testing.T) {
	view := camera.View{Heading: 105, Pitch: 2, HFOV: 40, VFOV: 30.8}
	hills := syntheticHorizon(ridges)
	flat := syntheticHorizon(func(float64) float64 { return 0.5 })
	cloudy := profileSeen(hills, view)
	for i := range cloudy.Conf {
		if i%10 != 0 {
			cloudy.Conf[i] = 0.1 // the skyline shows in a tenth of the columns only
		}
	}
	for _, tc := range []struct {
		name   string
		h      *terrain.Horizon
		sky    skyline.Profile
		reason string
	}{
		{"flat", flat, profileSeen(flat, view), "flat"},
		{"cloud", hills, cloudy, "too little"},
		{"buildings", hills, crenellated(), "match"},
	} {
		for _, withCompass := range []bool{true, false} {
			prior := camera.Estimate{View: view, HasHeading: withCompass, HasPose: true}
			r := Align(tc.h, tc.sky, prior, Options{})
			want := map[bool]string{true: SourceCompass, false: SourceNone}[withCompass]
			if r.Source != want || r.View != view || !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("%s, compass %v: %s %.2f %q, want %s and a reason with %q", tc.name, withCompass, r.Source,
					r.View.Heading, r.Reason, want, tc.reason)
			}
		}
	}
}

// crenellated is the skyline of a row of tall and low buildings: no mountain horizon looks like it.
func crenellated() skyline.Profile {
	p := skyline.Profile{Width: skyline.Columns, Height: 192, Y: make([]float32, skyline.Columns), Conf: make([]float32, skyline.Columns)}
	for i := range p.Y {
		p.Y[i], p.Conf[i] = 0.2, 1
		if i/24%2 == 1 {
			p.Y[i] = 0.45
		}
	}
	return p
}

func BenchmarkAlign(b *testing.B) {
	h := syntheticHorizon(ridges)
	truth := camera.View{Heading: 97.3, Pitch: 4.2, Roll: -1.3, HFOV: 30, VFOV: 22.9}
	sky := profileSeen(h, truth)
	prior := camera.Estimate{View: truth, HasHeading: true, HasPose: true}
	prior.View.Heading += 6.5
	b.Run("window", func(b *testing.B) {
		for b.Loop() {
			Align(h, sky, prior, Options{})
		}
	})
	prior.HasHeading = false
	b.Run("around", func(b *testing.B) {
		for b.Loop() {
			Align(h, sky, prior, Options{})
		}
	})
}
