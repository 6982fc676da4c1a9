package camera

import (
	"math"
	"testing"
)

var phone = NewView(100, Pose{Pitch: 5, Roll: 0}, FOVFrom35mm(26, 4032, 3024))

func TestProjectCentreAndEdges(t *testing.T) {
	v := View{Heading: 100, Pitch: 0, HFOV: 60, VFOV: 40}
	check := func(name string, az, el, wantX, wantY float64) {
		t.Helper()
		x, y, ok := v.Project(az, el)
		if !ok || !near(x, wantX, 1e-9) || !near(y, wantY, 1e-9) {
			t.Errorf("%s: (%v, %v) → %.6f, %.6f %v, want %.6f, %.6f", name, az, el, x, y, ok, wantX, wantY)
		}
	}
	check("centre", 100, 0, 0.5, 0.5)
	check("left edge", 70, 0, 0, 0.5)
	check("right edge", 130, 0, 1, 0.5)
	check("top edge", 100, 20, 0.5, 0)
	check("bottom edge", 100, -20, 0.5, 1)
	// A corner of a rectilinear frame is not at (30°, 20°): it lies where both tangents reach the edges.
	tx, ty := math.Tan(rad(30)), math.Tan(rad(20))
	cornerEl := deg(math.Atan2(ty, math.Hypot(1, tx)))
	check("top-right corner", 130, cornerEl, 1, 0)
	check("bottom-left corner", 70, -cornerEl, 0, 1)
	x, y, _ := v.Project(130, 20)
	if y >= 0 {
		t.Errorf("(30° right, 20° up) is inside the frame at %.4f, %.4f: projection is flat", x, y)
	}
	if _, _, ok := v.Project(280, 0); ok {
		t.Error("the direction behind the camera is in front")
	}
	if _, _, ok := v.Project(100+91, 0); ok {
		t.Error("91° off axis is in front")
	}
}

func TestProjectWithPitch(t *testing.T) {
	// Looking up 10°: the horizon straight ahead lies below the centre by tan(10°) of the half height.
	v := View{Heading: 0, Pitch: 10, HFOV: 60, VFOV: 40}
	_, y, _ := v.Project(0, 0)
	if want := 0.5 + math.Tan(rad(10))/(2*math.Tan(rad(20))); !near(y, want, 1e-9) {
		t.Errorf("horizon at y %.6f, want %.6f", y, want)
	}
	// The horizon is a great circle, so a pinhole shows it as a straight line, level without roll; a circle
	// of constant elevation above it is not: it bends up toward the sides, away from the horizon (at 25°
	// aside, 15° up lies 0.11341 of the focal length above the axis, against tan 5° = 0.0875 at the centre; a
	// flat approximation would keep it straight).
	for az := -25.0; az <= 25; az += 5 {
		if _, yh, _ := v.Project(az, 0); !near(yh, y, 1e-9) {
			t.Fatalf("horizon at az %v: y %v, at the centre %v", az, yh, y)
		}
	}
	_, yc, _ := v.Project(0, 15)
	_, ys, _ := v.Project(25, 15)
	if want := 0.5 - 0.11341/(2*math.Tan(rad(20))); !near(ys, want, 1e-4) || !(ys < yc-0.01) {
		t.Errorf("15° up: y %v at the centre, %v at 25° aside, want %v", yc, ys, want)
	}
}

func TestProjectWithRoll(t *testing.T) {
	// Rolled 10° clockwise (right edge down): the level horizon rises to the right at 10° in a square
	// frame, and the image centre still looks along the optical axis.
	v := View{Heading: 50, Pitch: 0, Roll: 10, HFOV: 50, VFOV: 50}
	xl, yl, _ := v.Project(40, 0)
	xr, yr, _ := v.Project(60, 0)
	if !(yr < yl) {
		t.Fatalf("horizon falls to the right: left %v,%v right %v,%v", xl, yl, xr, yr)
	}
	if slope := deg(math.Atan2(yl-yr, xr-xl)); !near(slope, 10, 1e-6) {
		t.Errorf("horizon tilted %.6f°, want 10°", slope)
	}
	if x, y, _ := v.Project(50, 0); !near(x, 0.5, 1e-12) || !near(y, 0.5, 1e-12) {
		t.Errorf("axis at %v,%v", x, y)
	}
	// The camera's up leans right, so the world's up leans left in the photo.
	x, y, _ := v.Project(50, 10)
	if !(x < 0.5 && y < 0.5) {
		t.Errorf("10° above the axis at %v,%v: should be up and to the left", x, y)
	}
	// Rolled 90°, the photo's right edge points down, so what lies right of the axis is at the photo's top.
	q := View{Heading: 50, Roll: 90, HFOV: 50, VFOV: 50}
	x, y, _ = q.Project(60, 0)
	if !near(x, 0.5, 1e-9) || !(y < 0.5) {
		t.Errorf("rolled 90°, 10° right lands at %v,%v", x, y)
	}
}

func TestRayRoundTrip(t *testing.T) {
	views := []View{
		phone,
		{Heading: 359, Pitch: -30, Roll: 15, HFOV: 16.4, VFOV: 12.3},
		{Heading: 0.5, Pitch: 45, Roll: -40, HFOV: 100, VFOV: 80},
		{Heading: 200, Pitch: 80, Roll: 170, HFOV: 30, VFOV: 40},
	}
	for _, v := range views {
		for x := -0.25; x <= 1.25; x += 0.125 {
			for y := -0.25; y <= 1.25; y += 0.125 {
				az, el := v.Ray(x, y)
				if az < 0 || az >= 360 || math.Abs(el) > 90 {
					t.Fatalf("%+v: ray(%v,%v) = %v,%v", v, x, y, az, el)
				}
				px, py, ok := v.Project(az, el)
				if !ok || !near(px, x, 1e-9) || !near(py, y, 1e-9) {
					t.Errorf("%+v: (%v,%v) → (%.4f°,%.4f°) → (%v,%v) %v", v, x, y, az, el, px, py, ok)
				}
			}
		}
	}
}

func TestProjectRayRoundTrip(t *testing.T) {
	v := View{Heading: 10, Pitch: 12, Roll: -6, HFOV: 60, VFOV: 45}
	for az := -20.0; az <= 40; az += 5 {
		for el := -5.0; el <= 30; el += 5 {
			x, y, ok := v.Project(az, el)
			if !ok {
				t.Fatalf("(%v,%v) behind", az, el)
			}
			gotAz, gotEl := v.Ray(x, y)
			if d := math.Mod(gotAz-az+540, 360) - 180; math.Abs(d) > 1e-9 || !near(gotEl, el, 1e-9) {
				t.Errorf("(%v,%v) → (%v,%v) → (%v,%v)", az, el, x, y, gotAz, gotEl)
			}
		}
	}
}

func TestRayCorners(t *testing.T) {
	v := View{Heading: 90, HFOV: 60, VFOV: 40}
	az, el := v.Ray(1, 0) // top-right corner
	tx, ty := math.Tan(rad(30)), math.Tan(rad(20))
	if !near(az, 120, 1e-9) || !near(el, deg(math.Atan2(ty, math.Hypot(1, tx))), 1e-9) {
		t.Errorf("top-right corner: %v, %v", az, el)
	}
	if az, el := v.Ray(0.5, 0.5); !near(az, 90, 1e-9) || !near(el, 0, 1e-9) {
		t.Errorf("centre: %v, %v", az, el)
	}
}

// BenchmarkProject projects one direction with a view prepared once, as a loop over a horizon does.
func BenchmarkProject(b *testing.B) {
	p := phone.Projector()
	for i := 0; i < b.N; i++ {
		p.Project(float64(i%360), 5)
	}
}

// BenchmarkViewProject projects one direction from the View itself, preparing it every time.
func BenchmarkViewProject(b *testing.B) {
	for i := 0; i < b.N; i++ {
		phone.Project(float64(i%360), 5)
	}
}
