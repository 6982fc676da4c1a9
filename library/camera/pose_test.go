package camera

import (
	"math"
	"testing"
)

// gravityAfterTurn is gravity in the device's axes (X right edge, Y top, Z out of the screen) when the
// phone stands upright with its top pointing at angle topDeg (0 = up, 90 = right, seen facing the screen)
// and its back tipped up by tipDeg.
func gravityAfterTurn(topDeg, tipDeg float64) [3]float64 {
	st, ct := math.Sincos(rad(topDeg))
	sp, cp := math.Sincos(rad(tipDeg))
	// In the screen's plane, the top is (st, ct) and the right edge (ct, −st); down is (0, −1).
	return [3]float64{st * cp, -ct * cp, sp}
}

func TestPoseFromGravity(t *testing.T) {
	cases := []struct {
		name              string
		topDeg, tipDeg    float64
		orientation       int
		front             bool
		wantPitch, wantRo float64
	}{
		{"portrait level", 0, 0, 6, false, 0, 0},
		{"portrait looking up", 0, 10, 6, false, 10, 0},
		{"portrait looking down", 0, -20, 6, false, -20, 0},
		// Turned clockwise as the photographer sees the screen: the right edge goes down.
		{"portrait turned clockwise", 10, 0, 6, false, 0, 10},
		{"portrait turned counter-clockwise, looking up", -7, 5, 6, false, 5, -7},
		{"landscape, top left", -90, 3, 1, false, 3, 0},
		{"landscape, top left, turned clockwise", -80, 0, 1, false, 0, 10},
		{"landscape, top right", 90, 0, 3, false, 0, 0},
		{"landscape, top right, turned clockwise", 95, 2, 3, false, 2, 5},
		{"upside down", 180, 0, 8, false, 0, 0},
		{"upside down, turned clockwise", 190, 0, 8, false, 0, 10},
		// The front camera looks at the photographer: tipping the back up points it down, and a turn that is
		// clockwise on the screen is counter-clockwise from behind the front camera.
		{"selfie level", 0, 0, 6, true, 0, 0},
		{"selfie tipped back", 0, 10, 6, true, -10, 0},
		{"selfie turned clockwise", 10, 0, 6, true, 0, -10},
	}
	for _, c := range cases {
		g := gravityAfterTurn(c.topDeg, c.tipDeg)
		for _, scale := range []float64{1, 0.97} { // readings are not exactly 1 g
			p, ok := PoseFromGravity([3]float64{g[0] * scale, g[1] * scale, g[2] * scale}, c.orientation, c.front)
			if !ok || !near(p.Pitch, c.wantPitch, 1e-9) || !near(p.Roll, c.wantRo, 1e-9) || p.Reoriented {
				t.Errorf("%s: %+v %v, want pitch %v roll %v", c.name, p, ok, c.wantPitch, c.wantRo)
			}
		}
	}
}

func TestPoseFromGravityReoriented(t *testing.T) {
	// Held top-right (orientation 3 at capture) but tagged 1: the picture was turned half a turn since.
	p, ok := PoseFromGravity(gravityAfterTurn(93, 8), 1, false)
	if !ok || !p.Reoriented || !near(p.Roll, 3, 1e-9) || !near(p.Pitch, 8, 1e-9) {
		t.Errorf("turned half a turn: %+v %v", p, ok)
	}
	// Held portrait but tagged 1: turned a quarter turn.
	p, ok = PoseFromGravity(gravityAfterTurn(-4, 0), 1, false)
	if !ok || !p.Reoriented || !near(p.Roll, -4, 1e-9) {
		t.Errorf("turned a quarter turn: %+v %v", p, ok)
	}
}

func TestPoseFromGravityRejects(t *testing.T) {
	for _, c := range []struct {
		g           [3]float64
		orientation int
	}{
		{[3]float64{0, 0, 0}, 1},
		{[3]float64{math.NaN(), -1, 0}, 1},
		{[3]float64{math.Inf(1), -1, 0}, 6},
		{[3]float64{0, -1, 0}, 2}, // mirrored
		{[3]float64{0, -1, 0}, 5},
		{[3]float64{0, -1, 0}, 0},
	} {
		if p, ok := PoseFromGravity(c.g, c.orientation, false); ok {
			t.Errorf("%v orientation %d: %+v", c.g, c.orientation, p)
		}
	}
}
