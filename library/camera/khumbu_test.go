package camera

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media"
)

// TestKhumbuPoses derives the pose of every khumbu photo: trek photos of peaks, held by hand, portrait and
// landscape, one from the front camera. Each must come out near level (a person framing a mountain) and
// looking a little up, whatever way the phone was held.
func TestKhumbuPoses(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "images")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	portrait := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		info, err := media.Inspect(data)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		w, h := info.Width, info.Height
		if info.Meta.Orientation >= 5 {
			w, h = h, w
			portrait++
		}
		est := FromEXIF(info.Meta, w, h)
		v := est.View
		t.Logf("%s: orientation %d front %v: pitch %5.1f° roll %5.1f° reoriented %v, fov %.1f°×%.1f°, heading %.1f°",
			e.Name(), info.Meta.Orientation, info.Meta.FrontCamera, v.Pitch, v.Roll, est.Reoriented, v.HFOV, v.VFOV, v.Heading)
		if !est.HasPose || !est.HasHeading || est.FOVAssumed || est.HeadingMagnetic {
			t.Errorf("%s: %+v: pose, heading and focal length are all recorded (true north)", e.Name(), est)
		}
		if v.Pitch < -5 || v.Pitch > 20 || v.Roll < -12 || v.Roll > 12 {
			t.Errorf("%s: pitch %.1f° roll %.1f°: not a hand-held photo of a mountain", e.Name(), v.Pitch, v.Roll)
		}
		if (h > w) != (v.VFOV > v.HFOV) {
			t.Errorf("%s: %d×%d upright with fov %.1f°×%.1f°", e.Name(), w, h, v.HFOV, v.VFOV)
		}
	}
	if portrait < 10 {
		t.Errorf("%d portrait photos; the set has 15", portrait)
	}
}
