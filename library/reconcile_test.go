package library

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/index"
	"github.com/cairn-photos/cairn/index/vectors"
)

// TestReconcileAfterCrash leaves the stores in the two states a crash can leave them in — a vector without a
// document, a document marked embedded without its vector — plus the open marker, and checks that opening
// repairs both and that the next scan embeds the photo again.
func TestReconcileAfterCrash(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	writeJPEG(t, album, "red.jpg", color.RGBA{220, 20, 20, 255}, 120, 80)
	writeJPEG(t, album, "blue.jpg", color.RGBA{20, 20, 220, 255}, 120, 80)
	m := loadTinyModel(t, "tiny")
	open := func() *Library {
		t.Helper()
		lib, err := Open(album, true, Options{DataRoot: root, Embedder: m})
		if err != nil {
			t.Fatal(err)
		}
		return lib
	}
	lib := open()
	scan(t, lib)
	dir := lib.DirPath()
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, index.OpenMarker)); !os.IsNotExist(err) {
		t.Fatalf("a clean close left the open marker: %v", err)
	}

	// What a crash between the vector flush and the document batch, and one in the middle of a removal,
	// leave behind.
	orphan := PhotoID("deleted long ago.jpg")
	vix, err := vectors.Open(filepath.Join(dir, index.VectorsDir), m.Dim(), vectors.Options{})
	if err != nil {
		t.Fatal(err)
	}
	unit := make([]float32, m.Dim())
	unit[0] = 1
	if err := vix.Put(vectorKey(orphan), unit); err != nil {
		t.Fatal(err)
	}
	if err := vix.Delete(vectorKey(PhotoID("red.jpg"))); err != nil {
		t.Fatal(err)
	}
	if err := vix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, index.OpenMarker), nil, 0o644); err != nil {
		t.Fatal(err)
	}

	lib = open()
	defer lib.Close()
	if lib.vecs().Has(vectorKey(orphan)) {
		t.Error("orphan vector survived the open")
	}
	red, err := lib.Photo(PhotoID("red.jpg"))
	if err != nil || red.Embedded {
		t.Errorf("red.jpg lost its vector but is still marked embedded (%v)", err)
	}
	sum := scan(t, lib)
	if sum.Indexed != 1 || sum.Unchanged != 1 {
		t.Errorf("scan after repair: %+v, want red.jpg embedded again and blue.jpg unchanged", sum)
	}
	if _, err := lib.Search(context.Background(), Query{Text: "red", K: 2}); err != nil {
		t.Fatalf("search after repair: %v", err)
	}
}
