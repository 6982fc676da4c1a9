package library_test

import (
	"bufio"
	"encoding/json"
	"image/color"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestNonUTF8NamesCLI runs real `cairn scan` and `cairn photos` over an album with a Latin-1 file name: the
// JSON lines are valid, path and rel are readable, path_bytes opens the real file, and a second scan reads
// nothing again.
func TestNonUTF8NamesCLI(t *testing.T) {
	album, data := t.TempDir(), t.TempDir()
	const rel = "names/caf\xe9.jpg"
	jpg := mediatest.SolidJPEG(t, color.Gray{128}, 96, 64, mediatest.EXIF{Make: "Test", ShotTime: "2023:10:31 09:36:13"}.Bytes())
	writeAlbumFile(t, album, rel, jpg)
	writeAlbumFile(t, album, "names/plain.jpg", jpg)

	r := runCairn(t, data, "scan", album)
	if r.code != 0 || !strings.Contains(r.stdout, "indexed 2, unchanged 0") {
		t.Fatalf("first scan: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCairn(t, data, "scan", album)
	if r.code != 0 || !strings.Contains(r.stdout, "indexed 0, unchanged 2, removed 0, skipped 0") {
		t.Fatalf("second scan: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	r = runCairn(t, data, "photos", "--json")
	if r.code != 0 {
		t.Fatalf("photos --json: exit %d\n%s", r.code, r.stderr)
	}
	if !utf8.ValidString(r.stdout) {
		t.Errorf("photos --json is not UTF-8: %q", r.stdout)
	}
	var found bool
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	for sc.Scan() {
		var fields map[string]any
		if err := json.Unmarshal(sc.Bytes(), &fields); err != nil {
			t.Fatalf("not a JSON line: %q: %v", sc.Text(), err)
		}
		var p library.Photo
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.ID != library.PhotoID(p.RawRel()) {
			t.Errorf("%q: id %s is not the digest of its exact name", p.Rel, p.ID)
		}
		if p.Rel == "names/plain.jpg" {
			if _, ok := fields["path_bytes"]; ok {
				t.Errorf("a UTF-8 name has path_bytes: %s", sc.Text())
			}
			continue
		}
		found = true
		if p.Rel != `names/caf\xe9.jpg` || !strings.HasSuffix(p.Path, `names/caf\xe9.jpg`) {
			t.Errorf("readable names: path %q rel %q", p.Path, p.Rel)
		}
		if p.File() != filepath.Join(album, rel) || p.RawRel() != rel {
			t.Errorf("exact names: file %q rel %q", p.File(), p.RawRel())
		}
		if _, err := library.LoadImage(p.File(), 0); err != nil {
			t.Errorf("open by File(): %v", err)
		}
	}
	if !found {
		t.Errorf("the Latin-1 photo is not listed:\n%s", r.stdout)
	}

	r = runCairn(t, data, "photos")
	if r.code != 0 || !utf8.ValidString(r.stdout) || !strings.Contains(r.stdout, `names/caf\xe9.jpg`) {
		t.Errorf("photos: exit %d, want the readable name\n%q", r.code, r.stdout)
	}
}
