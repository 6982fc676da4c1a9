package align

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/geo"
)

type trueHeading struct {
	name           string
	heading, compa float64
}

func readHeadings(t *testing.T) []trueHeading {
	t.Helper()
	f, err := os.Open("testdata/headings.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []trueHeading
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		h, err1 := strconv.ParseFloat(fields[1], 64)
		c, err2 := strconv.ParseFloat(fields[2], 64)
		if len(fields) < 3 || err1 != nil || err2 != nil {
			t.Fatalf("headings.txt: bad line %q", line)
		}
		out = append(out, trueHeading{fields[0], h, c})
	}
	return out
}

// TestKhumbuHeadingFromSkyline removes the compass and recovers the heading from the skyline alone, searching
// all around: where it gives one, it must agree with the heading established by eye within 1°, and with the
// search in the window around the compass; it may decline (too little or too ambiguous a fit) on at most
// maxDeclined of the photos.
func TestKhumbuHeadingFromSkyline(t *testing.T) {
	const maxDeclined = 2
	d := openDEM(t)
	var errs, compassErrs []float64
	var declined []string
	for _, want := range readHeadings(t) {
		sc := loadScene(t, d, want.name)
		windowed := Align(sc.horizon, sc.sky, sc.prior, Options{})
		free := sc.prior
		free.HasHeading, free.View.Heading = false, 0
		around := Align(sc.horizon, sc.sky, free, Options{})
		writeAlignOverlay(t, sc, around)
		t.Logf("%s: %s %.2f° (confidence %.2f, agree %.2f, margin %.2f) %s; true %.1f, compass %.1f; windowed %s %.2f",
			want.name, around.Source, around.View.Heading, around.Confidence, around.Agree, around.Margin,
			around.Reason, want.heading, sc.prior.View.Heading, windowed.Source, windowed.View.Heading)
		if windowed.Source == SourceSkyline {
			if off := geo.OffsetDeg(windowed.View.Heading, want.heading); math.Abs(off) > 1 {
				t.Errorf("%s: around the compass %.2f, %.2f° from the true %.1f", want.name, windowed.View.Heading, off, want.heading)
			}
		}
		if around.Source != SourceSkyline {
			declined = append(declined, want.name)
			continue
		}
		off := geo.OffsetDeg(around.View.Heading, want.heading)
		errs = append(errs, math.Abs(off))
		compassErrs = append(compassErrs, math.Abs(geo.OffsetDeg(sc.prior.View.Heading, want.heading)))
		if math.Abs(off) > 1 {
			t.Errorf("%s: heading %.2f, %.2f° from the true %.1f", want.name, around.View.Heading, off, want.heading)
		}
		if windowed.Source != SourceSkyline || math.Abs(geo.OffsetDeg(windowed.View.Heading, around.View.Heading)) > 0.3 {
			t.Errorf("%s: search around the compass gave %s %.2f, all around %.2f", want.name, windowed.Source,
				windowed.View.Heading, around.View.Heading)
		}
	}
	if len(declined) > maxDeclined {
		t.Errorf("declined on %d photos %v, want at most %d", len(declined), declined, maxDeclined)
	}
	t.Logf("%d photos with a heading from the skyline alone, %d declined %v: median error %.2f° (compass: %.2f°), worst %.2f°",
		len(errs), len(declined), declined, medianOf(errs), medianOf(compassErrs), maxOf(errs))
}

// TestKhumbuKeepsCompassWithoutSkyline: the night photo's skyline is too faint, and the cumulus photo's found
// skyline runs along cloud tops: both keep the compass, and say why. Known failure, not asserted: searched all
// around without the compass, the cloud-top skyline of IMG_2878 happens to fit the terrain 100° away well
// enough to be taken.
func TestKhumbuKeepsCompassWithoutSkyline(t *testing.T) {
	d := openDEM(t)
	for _, name := range []string{"IMG_2443.HEIC", "IMG_2878.HEIC"} {
		sc := loadScene(t, d, name)
		r := Align(sc.horizon, sc.sky, sc.prior, Options{})
		if r.Source != SourceCompass || r.View != sc.prior.View || r.Reason == "" {
			t.Errorf("%s: %s %.2f (%q), want the compass %.2f with a reason", name, r.Source, r.View.Heading,
				r.Reason, sc.prior.View.Heading)
		}
		free := sc.prior
		free.HasHeading = false
		r = Align(sc.horizon, sc.sky, free, Options{})
		switch {
		case name == "IMG_2878.HEIC":
			t.Logf("%s: without a compass %s %.2f (known failure when not none)", name, r.Source, r.View.Heading)
		case r.Source != SourceNone:
			t.Errorf("%s: without a compass %s %.2f, want none", name, r.Source, r.View.Heading)
		}
	}
}

func medianOf(v []float64) float64 {
	s := append([]float64(nil), v...)
	for i := range s { // insertion sort: a few dozen values
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	if len(s) == 0 {
		return math.NaN()
	}
	return s[len(s)/2]
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}
