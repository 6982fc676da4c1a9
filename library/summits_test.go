package library

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/peaks"
)

// summitLabel is one summit placed by hand on a real photo (testdata/summits.csv).
type summitLabel struct {
	file, peak string
	x, y       float64
}

func readSummitLabels(t *testing.T) []summitLabel {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "summits.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []summitLabel
	for _, row := range rows[1:] {
		x, errX := strconv.ParseFloat(row[2], 64)
		y, errY := strconv.ParseFloat(row[3], 64)
		if errX != nil || errY != nil {
			t.Fatalf("summits.csv row %v", row)
		}
		out = append(out, summitLabel{file: row[0], peak: row[1], x: x, y: y})
	}
	return out
}

// TestSummitsPlacedOnRealPhotos identifies the hand-labelled photos with the bundled terrain and no model:
// the labelled peak comes first, visible, and its summit lands where it stands in the photo.
func TestSummitsPlacedOnRealPhotos(t *testing.T) {
	root := testenv.SharedDir(t, "khumbu")
	cat, err := peaks.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	dem, err := LoadTerrain(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	id := NewIdentifier(cat, nil, dem)
	var errsX []float64
	aligned := 0
	for _, l := range readSummitLabels(t) {
		res, err := id.Identify(filepath.Join(root, filepath.FromSlash(l.file)))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Peaks) == 0 || res.Peaks[0].ID != l.peak {
			t.Errorf("%s: first peak %v, want %s", l.file, names(res.Peaks), l.peak)
			continue
		}
		p := res.Peaks[0]
		if !p.Visible || p.X == nil || p.Y == nil {
			t.Errorf("%s: %s visible=%v x=%v y=%v, want placed in the frame", l.file, p.ID, p.Visible, p.X, p.Y)
			continue
		}
		dx, dy := *p.X-l.x, *p.Y-l.y
		errsX = append(errsX, math.Abs(dx))
		t.Logf("%-45s %-10s x %.3f (label %.3f, %+.3f)  y %.3f (label %.3f, %+.3f)  heading %.1f from %s",
			l.file, l.peak, *p.X, l.x, dx, *p.Y, l.y, dy, *p.Heading, p.HeadingSource)
		if p.HeadingSource != peaks.HeadingSkyline {
			continue // the compass alone is off by more than a telephoto frame: no claim on the position
		}
		aligned++
		if math.Abs(dx) > summitTolerance || math.Abs(dy) > summitTolerance {
			t.Errorf("%s: %s placed at (%.3f, %.3f), labelled at (%.3f, %.3f)", l.file, l.peak, *p.X, *p.Y, l.x, l.y)
		}
	}
	t.Logf("summit x error: median %.3f, max %.3f of the width; %d of %d headings from the skyline",
		median(errsX), slicesMax(errsX), aligned, len(errsX))
	if aligned < len(errsX)*3/4 {
		t.Errorf("only %d of %d photos aligned to the skyline", aligned, len(errsX))
	}
}

// summitTolerance is how far (as a fraction of the width or height) a placed summit may stand from where it
// was labelled: labels are read to about 1 %, the aligned heading holds to a few tenths of a degree.
const summitTolerance = 0.04

func names(ps []peaks.Prediction) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.ID)
	}
	return strings.Join(s, ",")
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), v...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}

func slicesMax(v []float64) float64 {
	m := math.NaN()
	for _, x := range v {
		if !(x <= m) {
			m = x
		}
	}
	return m
}
