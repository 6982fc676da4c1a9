package peaks

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// truthCamera builds the Camera of one photo from the shared truth.csv (exiftool -n -csv): signed decimal
// degrees, metres, the heading in degrees and the EXIF orientation.
func truthCamera(t *testing.T, row map[string]string) Camera {
	t.Helper()
	num := func(col string) float64 {
		v, err := strconv.ParseFloat(row[col], 64)
		if err != nil {
			t.Fatalf("%s: column %s = %q: %v", row["SourceFile"], col, row[col], err)
		}
		return v
	}
	// Orientations 5–8 turn the stored picture a quarter turn, swapping width and height on screen.
	orientation := num("Orientation")
	portrait := (num("ImageWidth") < num("ImageHeight")) != (orientation >= 5 && orientation <= 8)
	return CompassCamera(num("GPSLatitude"), num("GPSLongitude"), ptr(num("GPSAltitude")), ptr(num("GPSImgDirection")),
		num("FocalLengthIn35mmFormat"), portrait)
}

// readTruth reads truth.csv into rows keyed by SourceFile.
func readTruth(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	rows := map[string]map[string]string{}
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, col := range records[0] {
			row[col] = rec[i]
		}
		rows[row["SourceFile"]] = row
	}
	return rows
}

// TestTrainingPeaksFromGeometryAlone: on every labelled photo the labelled peak comes first, with no model.
func TestTrainingPeaksFromGeometryAlone(t *testing.T) {
	root := testenv.SharedDir(t, "khumbu")
	truth := readTruth(t, filepath.Join(root, "truth.csv"))
	photos, err := filepath.Glob(filepath.Join(root, "data", "training_peaks", "*", "*"))
	if err != nil || len(photos) == 0 {
		t.Fatalf("no training photos (%v)", err)
	}
	c, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, photo := range photos {
		rel, _ := filepath.Rel(root, photo)
		want := filepath.Base(filepath.Dir(photo))
		row, ok := truth[filepath.ToSlash(rel)]
		if !ok {
			t.Errorf("%s not in truth.csv", rel)
			continue
		}
		cam := truthCamera(t, row)
		preds := Predict(c, &cam, nil, 3)
		for i, p := range preds {
			t.Logf("%s #%d %-12s %.3f %s", rel, i+1, p.ID, p.Score, p.Explanation)
		}
		if len(preds) == 0 || preds[0].ID != want {
			t.Errorf("%s: first prediction %+v, want %s", rel, preds, want)
			continue
		}
		if preds[0].Source != SourceGeometry {
			t.Errorf("%s: source %s, want geometry", rel, preds[0].Source)
		}
	}
}
