package library

import (
	"context"
	"encoding/json"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// latin1Rel is a photo name written in Latin-1, as old cameras and Windows shares write "café": not UTF-8.
const latin1Rel = "trek/caf\xe9 au lait.jpg"

func TestNonUTF8ReadableName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain/a.jpg", "plain/a.jpg"},
		{"café.jpg", "café.jpg"},                       // valid UTF-8 stays as it is
		{"\uFFFD.jpg", "\uFFFD.jpg"},                   // so does a real U+FFFD
		{"caf\xe9.jpg", `caf\xe9.jpg`},                 // Latin-1
		{"a\xff\xfe/b\xc3.jpg", `a\xff\xfe/b\xc3.jpg`}, // invalid runs and a cut sequence
		{"caf\xe9 café.jpg", `caf\xe9 café.jpg`},       // mixed
	} {
		got, raw := readableName(tc.in)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("readableName(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if utf8.ValidString(tc.in) != (raw == nil) || (raw != nil && string(raw) != tc.in) {
			t.Errorf("readableName(%q) kept bytes %q", tc.in, raw)
		}
	}
}

// TestNonUTF8RecordRoundTrip: the stored record is valid JSON, keeps the readable name in path and rel, and
// gives back the exact names.
func TestNonUTF8RecordRoundTrip(t *testing.T) {
	var p Photo
	abs := "/album/" + latin1Rel
	p.setNames(abs, latin1Rel)
	p.ID = PhotoID(latin1Rel)
	doc, err := photoDocument(storedPhoto{Photo: p})
	if err != nil {
		t.Fatal(err)
	}
	rec := doc.Record
	if !utf8.ValidString(rec) || strings.ContainsRune(rec, utf8.RuneError) {
		t.Fatalf("record is not clean UTF-8: %q", rec)
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(rec), &fields); err != nil {
		t.Fatal(err)
	}
	if fields["rel"] != `trek/caf\xe9 au lait.jpg` || fields["path"] != `/album/trek/caf\xe9 au lait.jpg` {
		t.Errorf("readable names: path %q rel %q", fields["path"], fields["rel"])
	}
	back, err := decodeRecord(p.ID, rec)
	if err != nil {
		t.Fatal(err)
	}
	if back.File() != abs || back.RawRel() != latin1Rel || PhotoID(back.RawRel()) != back.ID {
		t.Errorf("decoded File %q RawRel %q", back.File(), back.RawRel())
	}

	// A UTF-8 name stores no bytes: the record of ordinary photos does not change.
	p = Photo{}
	p.setNames("/album/café.jpg", "café.jpg")
	b, _ := json.Marshal(p)
	if strings.Contains(string(b), "_bytes") || p.File() != "/album/café.jpg" || p.RawRel() != "café.jpg" {
		t.Errorf("UTF-8 name: %s, File %q", b, p.File())
	}
}

// TestNonUTF8ScanOpenRescan scans an album with a Latin-1 file name next to one differing only in that byte:
// both are indexed as two photos, the record read back opens the real file, and a rescan (also after reopening
// the library, when records come from the index) reads and duplicates nothing.
func TestNonUTF8ScanOpenRescan(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	writeJPEG(t, album, latin1Rel, color.RGBA{200, 30, 30, 255}, 160, 120)
	writeJPEG(t, album, "trek/caf\xe8 au lait.jpg", color.RGBA{30, 30, 200, 255}, 120, 160)
	writeJPEG(t, album, "trek/plain.jpg", color.Gray{100}, 64, 64)
	if _, err := os.Stat(filepath.Join(album, "trek", "caf\xe9 au lait.jpg")); err != nil {
		t.Skipf("file system does not keep non-UTF-8 names: %v", err)
	}
	lib, err := Open(album, true, Options{DataRoot: root, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	sum := scan(t, lib)
	if sum.Indexed != 3 || len(sum.Skipped) != 0 {
		t.Fatalf("first scan: %+v", sum)
	}
	check := func(lib *Library) {
		t.Helper()
		id := PhotoID(latin1Rel)
		p, err := lib.Photo(id)
		if err != nil {
			t.Fatalf("photo of the raw name's id: %v", err)
		}
		if p.ID != id || p.RawRel() != latin1Rel || p.File() != filepath.Join(album, latin1Rel) {
			t.Errorf("record: id %s rel %q file %q", p.ID, p.RawRel(), p.File())
		}
		if p.Rel != `trek/caf\xe9 au lait.jpg` || !utf8.ValidString(p.Path) || !strings.HasSuffix(p.Path, `caf\xe9 au lait.jpg`) {
			t.Errorf("readable names: path %q rel %q", p.Path, p.Rel)
		}
		img, err := LoadImage(p.File(), 0)
		if err != nil {
			t.Fatalf("open by File(): %v", err)
		}
		if b := img.Bounds(); b.Dx() != 160 || b.Dy() != 120 {
			t.Errorf("loaded %v, want the 160×120 photo", b)
		}
		if _, err := os.Stat(lib.ThumbPath(p.ID)); err != nil {
			t.Errorf("thumbnail: %v", err)
		}
		other, err := lib.Photo(PhotoID("trek/caf\xe8 au lait.jpg"))
		if err != nil || other.Rel != `trek/caf\xe8 au lait.jpg` || other.Width != 120 {
			t.Errorf("the photo differing by one byte: %+v, %v", other, err)
		}
		all, err := lib.Photos(context.Background())
		if err != nil || len(all) != 3 {
			t.Fatalf("photos: %d, %v", len(all), err)
		}
		for _, p := range all {
			if p.ID != PhotoID(p.RawRel()) {
				t.Errorf("%q: id %s is not the digest of its exact name", p.Rel, p.ID)
			}
		}
	}
	check(lib)
	if sum := scan(t, lib); sum.Indexed != 0 || sum.Unchanged != 3 || sum.Removed != 0 {
		t.Errorf("rescan: %+v, want all 3 unchanged", sum)
	}
	lib.Close()

	lib, err = Open(album, true, Options{DataRoot: root, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if sum := scan(t, lib); sum.Indexed != 0 || sum.Unchanged != 3 || sum.Removed != 0 {
		t.Errorf("rescan after reopening: %+v, want all 3 unchanged", sum)
	}
	if n, _ := lib.Count(context.Background()); n != 3 {
		t.Errorf("%d documents, want 3", n)
	}
	check(lib)

	// The file name is searchable by its readable words.
	res, err := lib.Search(context.Background(), Query{Text: "lait"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.All) != 2 {
		t.Errorf("search by name found %d photos, want 2", len(res.All))
	}

	// Renamed to UTF-8: the old name leaves, the new one comes in.
	if err := os.Rename(filepath.Join(album, latin1Rel), filepath.Join(album, "trek", "café au lait.jpg")); err != nil {
		t.Fatal(err)
	}
	if sum := scan(t, lib); sum.Indexed != 1 || sum.Unchanged != 2 || sum.Removed != 1 {
		t.Errorf("scan after renaming: %+v", sum)
	}
	if _, err := lib.Photo(PhotoID("trek/café au lait.jpg")); err != nil {
		t.Errorf("renamed photo: %v", err)
	}
}
