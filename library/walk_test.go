package library

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestWalkPairsAndSidecars: a RAW beside a JPEG of the same name is the JPEG's companion, a RAW alone is a
// photo; each photo finds its sidecar (NAME.EXT.xmp before NAME.xmp, then its companion's), whose time counts
// as the photo's; other files are counted by type.
func TestWalkPairsAndSidecars(t *testing.T) {
	album := t.TempDir()
	old := time.Date(2023, 11, 1, 8, 0, 0, 0, time.UTC)
	for _, name := range []string{"IMG_1.JPG", "IMG_1.CR3", "img_1.cr3.xmp", "DSC_2.NEF", "DSC_2.xmp",
		"DSC_2.NEF.xmp", "P3.HEIC", "P3.jpg", "P3.ORF", "notes.txt", "clip.MP4", "README", ".hidden.jpg"} {
		path := filepath.Join(album, name)
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}
	edited := old.Add(time.Hour)
	if err := os.Chtimes(filepath.Join(album, "DSC_2.NEF.xmp"), edited, edited); err != nil {
		t.Fatal(err)
	}
	w, err := walkAlbum(context.Background(), album, func(rel, reason string) { t.Errorf("skipped %s: %s", rel, reason) })
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]candidate{}
	for _, c := range w.found {
		got[c.rel] = c
	}
	if len(got) != 4 {
		t.Fatalf("found %v, want IMG_1.JPG, DSC_2.NEF, P3.HEIC, P3.jpg", w.found)
	}
	if c := got["IMG_1.JPG"]; !slices.Equal(c.companions, []string{"IMG_1.CR3"}) || filepath.Base(c.sidecar) != "img_1.cr3.xmp" {
		t.Errorf("IMG_1.JPG: companions %v sidecar %q", c.companions, c.sidecar)
	}
	if c := got["DSC_2.NEF"]; len(c.companions) != 0 || filepath.Base(c.sidecar) != "DSC_2.NEF.xmp" || c.modTime != edited.UnixNano() {
		t.Errorf("DSC_2.NEF: companions %v sidecar %q modified %v", c.companions, c.sidecar, time.Unix(0, c.modTime))
	}
	if c := got["P3.jpg"]; !slices.Equal(c.companions, []string{"P3.ORF"}) || len(got["P3.HEIC"].companions) != 0 {
		t.Errorf("P3: the JPEG should take the RAW: jpg %v, heic %v", c.companions, got["P3.HEIC"].companions)
	}
	if want := map[string]int{"txt": 1, "mp4": 1, "xmp": 3, "": 1}; !maps.Equal(w.others, want) {
		t.Errorf("others %v, want %v", w.others, want)
	}
}
