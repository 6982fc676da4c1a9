package library

import (
	"context"
	"crypto/sha256"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// TestScanKhumbuMatchesTruth scans the real iPhone album (HEIC, JPEG, JPEG named .HEIC) and checks every photo
// against exiftool's reading of it, and that every thumbnail is upright.
func TestScanKhumbuMatchesTruth(t *testing.T) {
	images := testenv.SharedDir(t, "khumbu", "data", "images")
	truth := testenv.ReadTruth(t, filepath.Join(images, "..", "..", "truth.csv"))
	lib := openTestLibrary(t, images)
	sum := scan(t, lib)
	if len(sum.Skipped) != 0 {
		t.Fatalf("skipped: %v", sum.Skipped)
	}
	photos, err := lib.Photos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range photos {
		row, ok := truth["data/images/"+p.Rel]
		if !ok {
			continue
		}
		checked++
		num := func(col string) float64 {
			v, err := strconv.ParseFloat(row[col], 64)
			if err != nil {
				t.Fatalf("%s: truth %s=%q", p.Rel, col, row[col])
			}
			return v
		}
		if row["GPSLatitude"] != "" {
			if p.GPS == nil || math.Abs(p.GPS.Lat-num("GPSLatitude")) > 1e-5 || math.Abs(p.GPS.Lon-num("GPSLongitude")) > 1e-5 {
				t.Errorf("%s: gps %+v, want %s,%s", p.Rel, p.GPS, row["GPSLatitude"], row["GPSLongitude"])
			}
		}
		if row["GPSAltitude"] != "" && (p.Altitude == nil || math.Abs(*p.Altitude-num("GPSAltitude")) > 0.01) {
			t.Errorf("%s: altitude %v, want %s", p.Rel, p.Altitude, row["GPSAltitude"])
		}
		if row["GPSImgDirection"] != "" && (p.Heading == nil || math.Abs(*p.Heading-num("GPSImgDirection")) > 0.01) {
			t.Errorf("%s: heading %v, want %s", p.Rel, p.Heading, row["GPSImgDirection"])
		}
		if row["DateTimeOriginal"] != "" && !shotTimeMatchesTruth(p.ShotTime.String(), row) {
			t.Errorf("%s: shot_time %s, want %s.%s%s", p.Rel, p.ShotTime, row["DateTimeOriginal"], row["SubSecTimeOriginal"], row["OffsetTimeOriginal"])
		}
		w, h := num("ImageWidth"), num("ImageHeight")
		if o := row["Orientation"]; o == "5" || o == "6" || o == "7" || o == "8" {
			w, h = h, w
		}
		thumb := decodeThumb(t, lib.ThumbPath(p.ID))
		if (thumb.Dx() > thumb.Dy()) != (w > h) {
			t.Errorf("%s: thumbnail %v is not upright (photo is %.0f×%.0f upright)", p.Rel, thumb.Size(), w, h)
		}
		if max(thumb.Dx(), thumb.Dy()) != ThumbSize {
			t.Errorf("%s: thumbnail %v, want longest side %d", p.Rel, thumb.Size(), ThumbSize)
		}
	}
	if checked != len(photos) || checked < 20 {
		t.Fatalf("checked %d of %d photos against truth", checked, len(photos))
	}
}

// shotTimeMatchesTruth tells whether a shot_time is exiftool's DateTimeOriginal with its OffsetTimeOriginal
// and, when the truth has the column, its SubSecTimeOriginal as milliseconds. A truth without that column
// says nothing of sub-seconds: the time without a fraction or with one of three digits matches.
func shotTimeMatchesTruth(got string, row testenv.TruthRow) bool {
	wall := strings.Replace(strings.Replace(row["DateTimeOriginal"], ":", "-", 2), " ", "T", 1)
	offset := row["OffsetTimeOriginal"]
	sub, hasColumn := row["SubSecTimeOriginal"]
	if !hasColumn {
		if got == wall+offset {
			return true
		}
		frac, ok := strings.CutPrefix(got, wall+".")
		digits, found := strings.CutSuffix(frac, offset)
		return ok && found && len(digits) == 3 && strings.Trim(digits, "0123456789") == ""
	}
	ms := (sub + "000")[:3]
	if strings.Trim(ms, "0") == "" {
		return got == wall+offset
	}
	return got == wall+"."+ms+offset
}

func decodeThumb(t *testing.T, path string) image.Rectangle {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("thumbnail: %v", err)
	}
	defer f.Close()
	cfg, err := jpeg.DecodeConfig(f)
	if err != nil {
		t.Fatalf("thumbnail %s: %v", path, err)
	}
	return image.Rect(0, 0, cfg.Width, cfg.Height)
}

// TestScanExifSamples scans a corpus of files from thirty cameras, some broken on purpose: the scan finishes
// and every file is either indexed or skipped with a reason.
func TestScanExifSamples(t *testing.T) {
	dir := testenv.SharedDir(t, "exif-samples")
	lib := openTestLibrary(t, dir)
	sum := scan(t, lib)
	var files int
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && IsPhotoName(d.Name()) && !strings.HasPrefix(d.Name(), ".") {
			files++
		}
		return nil
	})
	if sum.Indexed+len(sum.Skipped) != files {
		t.Fatalf("indexed %d + skipped %d, want %d files", sum.Indexed, len(sum.Skipped), files)
	}
	for _, s := range sum.Skipped {
		if s.Reason == "" {
			t.Errorf("%s skipped without a reason", s.Path)
		}
		t.Logf("skipped %s: %s", s.Path, s.Reason)
	}
}

// TestScanLeavesAlbumUntouched scans a read-only album and checks that no byte of it changed.
func TestScanLeavesAlbumUntouched(t *testing.T) {
	album := t.TempDir()
	for i, name := range []string{"a.jpg", "b/c.jpg", "b/d e.jpeg"} {
		writeJPEG(t, album, name, color.Gray{uint8(60 * i)}, 320, 200)
	}
	if images, err := filepath.Glob(filepath.Join(testenv.SharedPath("khumbu", "data", "images"), "IMG_26*")); err == nil {
		for _, src := range images {
			data, _ := os.ReadFile(src)
			writeFile(t, album, "khumbu/"+filepath.Base(src), data)
		}
	}
	makeReadOnly(t, album)
	before := hashTree(t, album)
	lib := openTestLibrary(t, album)
	sum := scan(t, lib)
	if sum.Indexed != len(before) {
		t.Fatalf("indexed %d of %d: %v", sum.Indexed, len(before), sum.Skipped)
	}
	after := hashTree(t, album)
	if len(after) != len(before) {
		t.Fatalf("album had %d entries, now %d", len(before), len(after))
	}
	for path, h := range before {
		if after[path] != h {
			t.Errorf("%s changed", path)
		}
	}
}

// hashTree maps every file below dir, hidden ones too, to a digest of its content, mode and time.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[path] = sha256.Sum256(append(data, []byte(info.Mode().String()+info.ModTime().String())...))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// makeReadOnly takes write permission away from the album (root ignores it, but the hashes still check).
func makeReadOnly(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil {
			mode := os.FileMode(0o444)
			if d.IsDir() {
				mode = 0o555
			}
			os.Chmod(path, mode) // a folder keeps r-x, so the walk still reads it
		}
		return nil
	})
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			os.Chmod(path, 0o755)
			return nil
		})
	})
}
