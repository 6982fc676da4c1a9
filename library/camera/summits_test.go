package camera_test

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/media"
)

// summitLabel is where a person sees a summit in an upright khumbu photo (testdata/khumbu-summits.csv): x, y
// read off full-resolution crops; the summit at the highest SRTM 3″ cell (testdata/dem) within 360 m of the
// bundled catalog's position (which is up to 340 m off for some peaks), at the catalog's elevation.
type summitLabel struct {
	peak          string
	lat, lon, elM float64
	x, y          float64
}

// TestKhumbuSummitsWhereLabelled places labelled summits with the camera model: position, altitude and
// focal length from EXIF, pitch and roll from the gravity vector, and the heading fitted to the labels
// (phone compasses are off by several degrees; the heading is the one free parameter). Every summit at least
// minCheckedKm away must land within 3 % of the frame (or 0.5°, for telephotos) of where it is seen, and the
// gravity pose must explain the vertical positions far better than a level camera does. Nearer summits are
// logged only: there 150 m of uncertainty in where the summit or the camera stands moves a summit by a
// degree (Pumori from Gorak Shep, 4.4 km away and 24° up, is seen about 1° lower than placed).
func TestKhumbuSummitsWhereLabelled(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "images")
	var sumPose, sumLevel, sumMirrored float64
	n := 0
	for photo, labels := range readSummitLabels(t) {
		data, err := os.ReadFile(filepath.Join(dir, photo))
		if err != nil {
			t.Fatal(err)
		}
		info, err := media.Inspect(data)
		if err != nil {
			t.Fatalf("%s: %v", photo, err)
		}
		m := info.Meta
		w, h := info.Width, info.Height
		if m.Orientation >= 5 {
			w, h = h, w
		}
		est := camera.FromEXIF(m, w, h)
		if !est.HasPose || !est.HasHeading || est.FOVAssumed {
			t.Fatalf("%s: %+v", photo, est)
		}
		dirs := make([][2]float64, len(labels))
		distKm := make([]float64, len(labels))
		for i, l := range labels {
			d, az := geo.DistanceBearing(m.Lat, m.Lon, l.lat, l.lon)
			dirs[i] = [2]float64{az, geo.ApparentElevationDeg(d, l.elM-m.AltitudeM)}
			distKm[i] = d / 1000
		}
		v := fitHeading(est.View, labels, dirs)
		level := v
		level.Pitch, level.Roll = 0, 0
		level = fitHeading(level, labels, dirs)
		mirrored := v // roll the other way: what a sign error in the derivation would give
		mirrored.Roll = -v.Roll
		mirrored = fitHeading(mirrored, labels, dirs)
		t.Logf("%s: compass %.1f°, fitted %.1f°; pitch %.1f° roll %.1f°", photo, est.View.Heading, v.Heading, v.Pitch, v.Roll)
		if off := math.Abs(geo.OffsetDeg(est.View.Heading, v.Heading)); off > 10 {
			t.Errorf("%s: fitted heading %.1f° is %.1f° from the compass", photo, v.Heading, off)
		}
		tolX, tolY := math.Max(0.03, 0.5/v.HFOV), math.Max(0.03, 0.5/v.VFOV)
		for i, l := range labels {
			x, y, _ := v.Project(dirs[i][0], dirs[i][1])
			_, yLevel, _ := level.Project(dirs[i][0], dirs[i][1])
			_, yMirrored, _ := mirrored.Project(dirs[i][0], dirs[i][1])
			t.Logf("  %-14s %4.1f km, az %.2f° el %.2f°: seen %.3f,%.3f placed %.3f,%.3f (level camera: y %.3f)",
				l.peak, distKm[i], dirs[i][0], dirs[i][1], l.x, l.y, x, y, yLevel)
			if distKm[i] < minCheckedKm {
				continue
			}
			if math.Abs(x-l.x) > tolX || math.Abs(y-l.y) > tolY {
				t.Errorf("%s: %s placed at %.3f,%.3f, seen at %.3f,%.3f", photo, l.peak, x, y, l.x, l.y)
			}
			sumPose += (y - l.y) * (y - l.y)
			sumLevel += (yLevel - l.y) * (yLevel - l.y)
			sumMirrored += (yMirrored - l.y) * (yMirrored - l.y)
			n++
		}
	}
	rms := func(sum float64) float64 { return math.Sqrt(sum / float64(n)) }
	t.Logf("%d summits checked: vertical error (rms) %.3f of the frame with the gravity pose, %.3f with a level camera, %.3f rolled the other way",
		n, rms(sumPose), rms(sumLevel), rms(sumMirrored))
	if n < 8 || rms(sumPose) > rms(sumLevel)/3 || rms(sumPose) > rms(sumMirrored)/2 {
		t.Errorf("%d summits: vertical error %.3f with the gravity pose against %.3f level and %.3f rolled the other way",
			n, rms(sumPose), rms(sumLevel), rms(sumMirrored))
	}
}

// minCheckedKm: nearer summits are too uncertain to check the camera model against (see above).
const minCheckedKm = 6

// fitHeading returns v turned to the heading that best lays the directions on the labels across the frame:
// a scan of ±15° around v's heading in 0.01° steps.
func fitHeading(v camera.View, labels []summitLabel, dirs [][2]float64) camera.View {
	best, bestErr := v, math.Inf(1)
	for step := -1500; step <= 1500; step++ {
		c := v
		c.Heading = geo.NormDeg(v.Heading + float64(step)/100)
		p := c.Projector()
		e := 0.0
		for i, l := range labels {
			x, _, _ := p.Project(dirs[i][0], dirs[i][1])
			e += (x - l.x) * (x - l.x)
		}
		if e < bestErr {
			best, bestErr = c, e
		}
	}
	return best
}

func readSummitLabels(t *testing.T) map[string][]summitLabel {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "khumbu-summits.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]summitLabel{}
	for _, r := range rows[1:] {
		var v [5]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(r[2+i], 64); err != nil {
				t.Fatalf("label %v: %v", r, err)
			}
		}
		out[r[0]] = append(out[r[0]], summitLabel{peak: r[1], lat: v[0], lon: v[1], elM: v[2], x: v[3], y: v[4]})
	}
	return out
}
