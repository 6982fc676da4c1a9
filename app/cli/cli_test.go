package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// run runs cairn with args against dataRoot and returns its exit code, stdout and stderr.
func run(t *testing.T, dataRoot string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(&Env{DataRoot: dataRoot, Stdout: &out, Stderr: &errOut}, args)
	return code, out.String(), errOut.String()
}

// jsonLines decodes one JSON object per line.
func jsonLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not a JSON line: %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func writeGrayJPEG(t *testing.T, path string, g uint8) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 320, 240))
	for i := range img.Pix {
		img.Pix[i] = g
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScanThenPhotos(t *testing.T) {
	album, data := t.TempDir(), t.TempDir()
	writeGrayJPEG(t, filepath.Join(album, "one.jpg"), 40)
	writeGrayJPEG(t, filepath.Join(album, "sub", "two.jpeg"), 200)
	os.WriteFile(filepath.Join(album, "bad.jpg"), []byte("GIF89a not really"), 0o644)

	code, out, errOut := run(t, data, "scan", album, "--workers", "2")
	if code != 0 {
		t.Fatalf("scan exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "indexed 2, unchanged 0, removed 0, skipped 1") || !strings.Contains(out, "skipped bad.jpg: ") {
		t.Fatalf("scan summary:\n%s", out)
	}
	code, out, _ = run(t, data, "scan", album)
	if code != 0 || !strings.Contains(out, "indexed 0, unchanged 2") {
		t.Fatalf("rescan exit %d:\n%s", code, out)
	}

	code, out, errOut = run(t, data, "photos", "--json")
	if code != 0 {
		t.Fatalf("photos exit %d: %s", code, errOut)
	}
	photos := jsonLines(t, out)
	if len(photos) != 2 {
		t.Fatalf("photos: %d lines, want 2:\n%s", len(photos), out)
	}
	for _, p := range photos {
		for _, key := range []string{"id", "path", "gps", "altitude", "heading", "predicted_peaks"} {
			if _, ok := p[key]; !ok {
				t.Errorf("photo %v has no %q", p["path"], key)
			}
		}
	}
	code, out, _ = run(t, data, "photos", "--album", album)
	if code != 0 || !strings.Contains(out, "sub/two.jpeg") || !strings.Contains(out, "2 photos") {
		t.Fatalf("photos table exit %d:\n%s", code, out)
	}
}

func TestErrors(t *testing.T) {
	data := t.TempDir()
	cases := []struct {
		args []string
		code int
		say  string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"scan"}, 2, "one album folder"},
		{[]string{"scan", filepath.Join(data, "nowhere")}, 1, "nowhere"},
		{[]string{"photos"}, 1, "scan an album first"},
		{[]string{"photos", "--bogus"}, 2, "bogus"},
		{[]string{"identify", filepath.Join(data, "missing.jpg")}, 1, "missing.jpg"},
	}
	for _, c := range cases {
		code, _, errOut := run(t, data, c.args...)
		if code != c.code || !strings.Contains(errOut, c.say) {
			t.Errorf("cairn %v: exit %d, stderr %q; want exit %d saying %q", c.args, code, errOut, c.code, c.say)
		}
	}
}

func TestPeaksBeforeAnyScan(t *testing.T) {
	code, out, errOut := run(t, t.TempDir(), "peaks", "--json")
	if code != 0 {
		t.Fatalf("peaks exit %d: %s", code, errOut)
	}
	rows := jsonLines(t, out)
	if len(rows) < 100 {
		t.Fatalf("catalog lists %d peaks, want at least 100", len(rows))
	}
	found := false
	for _, r := range rows {
		if r["id"] == "everest" {
			found = true
			if r["photos"].(float64) != 0 || r["elevation_m"].(float64) < 8800 {
				t.Errorf("everest row %v", r)
			}
		}
	}
	if !found {
		t.Error("no everest in the catalog")
	}
}

// TestIdentifyTrainingPeaks names the peak of each labelled photo from geometry alone.
func TestIdentifyTrainingPeaks(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "training_peaks")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(files) == 0 {
		t.Skip("no labelled photos")
	}
	data := t.TempDir()
	for _, f := range files {
		want := filepath.Base(filepath.Dir(f))
		code, out, errOut := run(t, data, "identify", "--json", f)
		if code != 0 {
			t.Fatalf("identify %s: exit %d: %s", f, code, errOut)
		}
		peaks := jsonLines(t, out)
		if len(peaks) == 0 || peaks[0]["id"] != want {
			t.Errorf("%s: identified %v, want %s first", f, peaks, want)
			continue
		}
		if !strings.Contains(peaks[0]["explanation"].(string), "km at bearing") {
			t.Errorf("%s: explanation %q", f, peaks[0]["explanation"])
		}
	}
}
