package camera

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestFOVFrom35mm(t *testing.T) {
	// On a 3:2 frame 35 mm equivalence is the 36 × 24 mm frame itself.
	f := FOVFrom35mm(50, 6000, 4000)
	if !near(f.H, 2*deg(math.Atan(36.0/100)), 0.01) || !near(f.V, 2*deg(math.Atan(24.0/100)), 0.01) || f.Assumed {
		t.Errorf("50 mm on 3:2: %+v, want 39.6° × 27.0°", f)
	}
	// A 4:3 phone photo at 24 mm: narrower than 36 mm-wide would say (73.7°), because the diagonal rules.
	f = FOVFrom35mm(24, 4032, 3024)
	if !near(f.H, 71.6, 0.05) || !near(f.V, 56.8, 0.05) {
		t.Errorf("24 mm on 4:3: %+v, want 71.6° × 56.8°", f)
	}
	// The diagonal is the same for every aspect; portrait swaps the axes.
	for _, size := range [][2]float64{{4032, 3024}, {3024, 4032}, {1920, 1080}, {1000, 1000}} {
		f := FOVFrom35mm(120, size[0], size[1])
		tanH, tanV := math.Tan(rad(f.H)/2), math.Tan(rad(f.V)/2)
		if diag := 2 * deg(math.Atan(math.Hypot(tanH, tanV))); !near(diag, 2*deg(math.Atan(43.27/240)), 1e-9) {
			t.Errorf("%v: diagonal %.4f°", size, diag)
		}
		if !near(tanH/tanV, size[0]/size[1], 1e-9) {
			t.Errorf("%v: %+v does not keep the aspect", size, f)
		}
	}
	p, l := FOVFrom35mm(120, 3024, 4032), FOVFrom35mm(120, 4032, 3024)
	if !near(p.H, l.V, 1e-9) || !near(p.V, l.H, 1e-9) {
		t.Errorf("portrait %+v is not landscape %+v turned", p, l)
	}
}

func TestFOVAssumed(t *testing.T) {
	for _, focal := range []float64{0, -5, math.NaN(), math.Inf(1)} {
		f := FOVFrom35mm(focal, 4032, 3024)
		if want := FOVFrom35mm(DefaultFocal35mm, 4032, 3024); !f.Assumed || !near(f.H, want.H, 1e-12) || !near(f.V, want.V, 1e-12) {
			t.Errorf("focal %v: %+v", focal, f)
		}
	}
	// No size: a 4:3 landscape frame.
	if f, g := FOVFrom35mm(50, 0, 0), FOVFrom35mm(50, 4, 3); f != g {
		t.Errorf("unknown size %+v, want %+v", f, g)
	}
}

func TestFOVFromSensor(t *testing.T) {
	// A 36 mm-wide sensor is the 35 mm reference.
	// (43.27 mm rounds the 36 × 24 mm frame's 43.267 mm diagonal.)
	if f, g := FOVFromSensor(50, 36, 6000, 4000), FOVFrom35mm(50, 6000, 4000); !near(f.H, g.H, 0.01) || !near(f.V, g.V, 0.01) {
		t.Errorf("full frame: %+v, want %+v", f, g)
	}
	// A portrait crop spans the sensor's long side with its height.
	if f := FOVFromSensor(50, 36, 4000, 6000); !near(f.V, 39.6, 0.05) || !near(f.H, 27.0, 0.05) {
		t.Errorf("portrait: %+v", f)
	}
	if f := FOVFromSensor(0, 36, 4000, 3000); !f.Assumed {
		t.Errorf("no focal length: %+v", f)
	}
}
