package media

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// TestExifSamples reads every file of the exif-samples collection (about 30 cameras, deliberately broken files
// among them). Reading must never fail without a reason, and every value reported must agree with exiftool.
// Values exiftool finds that we do not are logged, not failed: goexif drops a whole IFD on one bad tag.
func TestExifSamples(t *testing.T) {
	root := testenv.SharedDir(t, "exif-samples")
	truth := testenv.ReadTruth(t, filepath.Join(root, "truth.csv"))
	var missed, unreadable, undecodable []string
	for src, want := range truth {
		data, err := os.ReadFile(filepath.Join(root, src))
		if err != nil {
			t.Fatalf("read %s: %v", src, err)
		}
		info, err := Inspect(data)
		if err != nil {
			if err.Error() == "" {
				t.Errorf("%s: error without a reason", src)
			}
			unreadable = append(unreadable, fmt.Sprintf("%s: %v", src, err))
			continue
		}
		if info.MetaErr != nil {
			unreadable = append(unreadable, fmt.Sprintf("%s (metadata): %v", src, info.MetaErr))
		}
		for _, d := range compareWithTruth(info.Meta, want) {
			if d.missed {
				missed = append(missed, src+": "+d.text)
			} else {
				t.Errorf("%s: %s", src, d.text)
			}
		}
		if _, err := DecodeUpright(data, info, 224); err != nil {
			if !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) {
				t.Errorf("%s: decode error outside the sentinels: %v", src, err)
			}
			undecodable = append(undecodable, fmt.Sprintf("%s: %v", src, err))
		}
	}
	for _, s := range unreadable {
		t.Logf("unreadable   %s", s)
	}
	for _, s := range undecodable {
		t.Logf("undecodable  %s", s)
	}
	for _, s := range missed {
		t.Logf("missed       %s", s)
	}
	t.Logf("%d files: %d with (metadata) read errors, %d undecodable, %d values exiftool has that we miss",
		len(truth), len(unreadable), len(undecodable), len(missed))
}

type truthDiff struct {
	missed bool // exiftool has a value we do not report
	text   string
}

// compareWithTruth lists disagreements between m and an exiftool -n row.
func compareWithTruth(m Metadata, want testenv.TruthRow) []truthDiff {
	var diffs []truthDiff
	check := func(field string, has bool, got string, agree func(string) bool) {
		w := want[field]
		switch {
		case has && w == "":
			diffs = append(diffs, truthDiff{text: fmt.Sprintf("%s %s reported, exiftool has none", field, got)})
		case has && !agree(w):
			diffs = append(diffs, truthDiff{text: fmt.Sprintf("%s %s, exiftool %s", field, got, w)})
		case !has && w != "":
			diffs = append(diffs, truthDiff{missed: true, text: fmt.Sprintf("%s %s", field, w)})
		}
	}
	near := func(got, tol float64) func(string) bool {
		return func(w string) bool {
			v, err := strconv.ParseFloat(w, 64)
			return err == nil && math.Abs(v-got) <= tol
		}
	}
	equal := func(got string) func(string) bool { return func(w string) bool { return w == got } }

	check("Make", m.Make != "", m.Make, equal(m.Make))
	check("Model", m.Model != "", m.Model, equal(m.Model))
	check("GPSLatitude", m.HasGPS, fmt.Sprint(m.Lat), near(m.Lat, 1e-5))
	check("GPSLongitude", m.HasGPS, fmt.Sprint(m.Lon), near(m.Lon, 1e-5))
	check("GPSAltitude", m.HasAltitude, fmt.Sprint(m.AltitudeM), near(m.AltitudeM, 1e-3))
	wall := m.ShotTime.Format("2006:01:02 15:04:05")
	// A time from a fallback tag (CreateDate, ModifyDate) is not DateTimeOriginal: exiftool's column says
	// nothing about it.
	check("DateTimeOriginal", m.HasShotTime && m.Origins.ShotTime == "DateTimeOriginal", wall, func(w string) bool { return len(w) >= len(wall) && w[:len(wall)] == wall })
	orientation := strconv.Itoa(m.Orientation)
	if want["Orientation"] == "" && m.Orientation == 1 { // 1 is our default for "absent"
		return diffs
	}
	check("Orientation", true, orientation, equal(orientation))
	return diffs
}
