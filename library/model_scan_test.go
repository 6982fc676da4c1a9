package library

import (
	"context"
	"image/color"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

func loadTinyModel(t *testing.T, name string) Model {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := tinymodel.Write(dir); err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(dir, model.Options{Threads: 1})
	if err != nil {
		t.Fatalf("load tiny model (is ONNX Runtime installed? `make setup`): %v", err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// TestChangingModelReembeds: vectors of one model are useless to another, so a new model embeds every photo
// again, and the same model again embeds none.
func TestChangingModelReembeds(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	writeJPEG(t, album, "red.jpg", color.RGBA{220, 20, 20, 255}, 120, 80)
	writeJPEG(t, album, "blue.jpg", color.RGBA{20, 20, 220, 255}, 120, 80)
	scanWith := func(m Model) Summary {
		t.Helper()
		lib, err := Open(album, true, Options{DataRoot: root, Embedder: m})
		if err != nil {
			t.Fatal(err)
		}
		defer lib.Close()
		return scan(t, lib)
	}
	first := loadTinyModel(t, "tiny-a")
	if s := scanWith(first); s.Indexed != 2 {
		t.Fatalf("first scan: %+v", s)
	}
	if s := scanWith(first); s.Indexed != 0 || s.Unchanged != 2 {
		t.Fatalf("same model again: %+v, want nothing re-read", s)
	}
	if s := scanWith(loadTinyModel(t, "tiny-b")); s.Indexed != 2 {
		t.Fatalf("new model: %+v, want both embedded again", s)
	}
	lib, err := Open(album, false, Options{DataRoot: root, Embedder: first})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if s := scan(t, lib); s.Indexed != 2 {
		t.Fatalf("back to the first model: %+v, want both embedded again", s)
	}
	if m := lib.Manifest(); m.ModelName != "tiny-a" || m.VectorDim != first.Dim() || m.Preprocessing == "" {
		t.Fatalf("manifest after switching back: %+v", m)
	}
	res, err := lib.Search(context.Background(), Query{Text: "red", K: 2})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Rel != "red.jpg" {
		t.Fatalf("search after switching back: %v, %v", res.Hits, err)
	}
}
