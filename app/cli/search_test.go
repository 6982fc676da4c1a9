package cli

import (
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// TestSearchFlags: every malformed filter is refused with a message that names it, before the library is read.
func TestSearchFlags(t *testing.T) {
	data, album := t.TempDir(), t.TempDir()
	writeGrayJPEG(t, filepath.Join(album, "a.jpg"), 90)
	if code, _, errOut := run(t, data, "search", "ama dablam"); code != 1 || !strings.Contains(errOut, "scan an album first") {
		t.Errorf("search before a scan: exit %d, %q", code, errOut)
	}
	if code, out, errOut := run(t, data, "scan", album); code != 0 {
		t.Fatalf("scan: %d %s %s", code, out, errOut)
	}
	cases := []struct {
		args []string
		code int
		say  string
	}{
		{[]string{"search"}, 2, "want a query"},
		{[]string{"search", "--near", "27.9,86.8", "x"}, 2, "LAT,LON,KM"},
		{[]string{"search", "--near", "27.9,east,5", "x"}, 2, `"east" is not a number`},
		{[]string{"search", "--near", "127.9,86.8,5", "x"}, 2, "latitude 127.9"},
		{[]string{"search", "--near", "Nowhere Peak,5", "x"}, 2, "no peak or place of that name"},
		{[]string{"search", "--near", "Ama Dablam,-2", "x"}, 2, "more than 0 km"},
		{[]string{"search", "--bbox", "28,86,27,87", "x"}, 2, "south 28 is north of north 27"},
		{[]string{"search", "--from", "31/10/2023", "x"}, 2, `--from: date "31/10/2023"`},
		{[]string{"search", "--to", "2023-13-01", "x"}, 2, "--to"},
		{[]string{"search", "--from", "2023-11-02", "--to", "2023-11-01", "x"}, 1, "ends"},
		{[]string{"search", "--peak", "mont_blanc"}, 1, `unknown peak "mont_blanc"`},
		{[]string{"search", "--sort", "random", "x"}, 2, "relevance, newest or oldest"},
		{[]string{"search", "--k", "0", "x"}, 2, "--k must be positive"},
		{[]string{"similar"}, 2, "one photo"},
		{[]string{"similar", filepath.Join(album, "missing.jpg")}, 1, "missing.jpg"},
	}
	for _, c := range cases {
		code, _, errOut := run(t, data, c.args...)
		if code != c.code || !strings.Contains(errOut, c.say) {
			t.Errorf("cairn %v: exit %d, stderr %q; want exit %d saying %q", c.args, code, errOut, c.code, c.say)
		}
	}
	code, out, errOut := run(t, data, "search", "--sort", "newest", "--from", "2000-01-01")
	if code != 0 || !strings.Contains(out, "0 of 0 matches") {
		t.Errorf("a filter without text (the photo has no date): exit %d\n%s%s", code, out, errOut)
	}
	for _, near := range []string{"ama dablem,5", "Kala Pattar, 2", "Tengbóche,1"} {
		code, out, errOut = run(t, data, "search", "--near", near)
		if code != 0 || !strings.Contains(out, "0 of 0 matches") {
			t.Errorf("--near %q (the photo has no position): exit %d\n%s%s", near, code, out, errOut)
		}
	}
}

// TestSearchKhumbuByName: the example on the real photos without a model, through the CLI.
func TestSearchKhumbuByName(t *testing.T) {
	images := testenv.SharedDir(t, "khumbu", "data", "images")
	data := t.TempDir()
	if code, out, errOut := run(t, data, "scan", images); code != 0 {
		t.Fatalf("scan: %d %s %s", code, out, errOut)
	}
	var first []string
	for _, q := range []string{"Ama Dablam", "amadablam", "AMA DABLAM"} {
		code, out, errOut := run(t, data, "search", "--json", q)
		if code != 0 {
			t.Fatalf("search %q: exit %d %s", q, code, errOut)
		}
		var paths []string
		for _, h := range jsonLines(t, out) {
			paths = append(paths, h["path"].(string))
			if !strings.Contains(fmt.Sprint(h["predicted_peaks"]), "ama_dablam") {
				t.Errorf("search %q: %s predicts %v", q, h["path"], h["predicted_peaks"])
			}
		}
		if first == nil {
			first = paths
		}
		if len(paths) == 0 || strings.Join(paths, "\n") != strings.Join(first, "\n") {
			t.Errorf("search %q: %v, want %v", q, paths, first)
		}
	}
	code, out, _ := run(t, data, "search", "--near", "27.8514,86.7832,1", "--from", "2023-10-31", "--to", "2023-10-31", "ama dablam")
	if code != 0 || !strings.Contains(out, "Ama Dablam") || !strings.Contains(out, "matches; peaks: Ama Dablam") {
		t.Errorf("filtered table:\n%s", out)
	}
	// A place's name in another spelling measures from the place: the same table as its coordinates.
	_, byPoint, _ := run(t, data, "search", "--near", "27.8362,86.7646,4", "ama dablam")
	_, byName, errOut := run(t, data, "search", "--near", "Tengbóche,4", "ama dablam")
	if byName != byPoint || !strings.Contains(byName, "Ama Dablam") {
		t.Errorf("--near Tengbóche,4:\n%s%s\nwant as at its point:\n%s", byName, errOut, byPoint)
	}
}

// TestSimilarWithTinyModel: a photo from outside the album finds the album's photos of its colour.
func TestSimilarWithTinyModel(t *testing.T) {
	modelDir := filepath.Join(t.TempDir(), tinymodel.Name)
	if err := tinymodel.Write(modelDir); err != nil {
		t.Fatal(err)
	}
	album, data := colourAlbum(t), t.TempDir()
	if code, out, errOut := run(t, data, "scan", "--model", modelDir, album); code != 0 {
		t.Fatalf("scan: %d %s %s", code, out, errOut)
	}
	dropped := filepath.Join(t.TempDir(), "dropped.jpg")
	writeSolidJPEG(t, dropped, color.RGBA{20, 200, 20, 255})
	code, out, errOut := run(t, data, "similar", "--json", "--k", "1", dropped)
	if code != 0 {
		t.Fatalf("similar: exit %d %s", code, errOut)
	}
	hits := jsonLines(t, out)
	if len(hits) != 1 || filepath.Base(hits[0]["path"].(string)) != "green.jpg" {
		t.Fatalf("similar to green: %v", hits)
	}
	code, out, _ = run(t, data, "similar", dropped)
	if code != 0 || !strings.Contains(out, "no peak identified") || !strings.Contains(out, "green.jpg") {
		t.Errorf("similar, table:\n%s", out)
	}
}
