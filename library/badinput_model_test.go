package library_test

import (
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// truncate cuts a file to half its length, as an interrupted copy leaves it.
func truncate(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// TestCorruptModel: a damaged model file costs semantic search and nothing else. The default model, found
// damaged, is named with the reason and the scan goes on without it; a model asked for by name fails the scan
// with the file it could not load; a library whose model was damaged after its scan is still searched by name.
func TestCorruptModel(t *testing.T) {
	if _, ok := tinyModelDir(t); !ok {
		t.Skip("no ONNX Runtime: a corrupt model cannot be told from a missing runtime here")
	}
	album := t.TempDir()
	writeAlbumFile(t, album, "ama dablam.jpg", mediatest.SolidJPEG(t, color.RGBA{200, 30, 30, 255}, 64, 48, nil))
	writeAlbumFile(t, album, "pumori.jpg", mediatest.SolidJPEG(t, color.RGBA{30, 30, 200, 255}, 64, 48, nil))

	t.Run("default model damaged", func(t *testing.T) {
		data := t.TempDir()
		dir := filepath.Join(model.ModelsDir(data), model.DefaultName)
		if err := tinymodel.Write(dir); err != nil {
			t.Fatal(err)
		}
		truncate(t, filepath.Join(dir, "visual", "model.onnx"))
		res := runCairn(t, data, "scan", album)
		if res.code != 0 || !strings.Contains(res.stdout, "indexed 2") {
			t.Fatalf("scan beside a damaged default model: exit %d\n%s%s", res.code, res.stdout, res.stderr)
		}
		if !strings.Contains(res.stderr, "semantic search is off") || !strings.Contains(res.stderr, "model.onnx") {
			t.Errorf("scan should say semantic search is off and which file is damaged; stderr: %q", res.stderr)
		}
		if res := runCairn(t, data, "search", "--json", "dablam"); res.code != 0 || !strings.Contains(res.stdout, "ama dablam.jpg") {
			t.Errorf("search by name without a model: exit %d\n%s%s", res.code, res.stdout, res.stderr)
		}
	})

	t.Run("named model damaged", func(t *testing.T) {
		data, dir := t.TempDir(), filepath.Join(t.TempDir(), "tiny")
		if err := tinymodel.Write(dir); err != nil {
			t.Fatal(err)
		}
		truncate(t, filepath.Join(dir, "visual", "model.onnx"))
		res := runCairn(t, data, "scan", "--model", dir, album)
		if res.code == 0 || !strings.Contains(res.stderr, "model.onnx") {
			t.Errorf("scan with a damaged model asked for by name: exit %d, stderr %q; want a failure naming the file", res.code, res.stderr)
		}
	})

	t.Run("model damaged after the scan", func(t *testing.T) {
		data, dir := t.TempDir(), filepath.Join(t.TempDir(), "tiny")
		if err := tinymodel.Write(dir); err != nil {
			t.Fatal(err)
		}
		if res := runCairn(t, data, "scan", "--model", dir, album); res.code != 0 {
			t.Fatalf("scan: exit %d: %s", res.code, res.stderr)
		}
		truncate(t, filepath.Join(dir, "textual", "model.onnx"))
		res := runCairn(t, data, "search", "--json", "pumori")
		if res.code != 0 || !strings.Contains(res.stdout, "pumori.jpg") || !strings.Contains(res.stderr, "searching by name only") {
			t.Errorf("search with the library's model damaged: exit %d\n%s%s", res.code, res.stdout, res.stderr)
		}
		if res := runCairn(t, data, "photos"); res.code != 0 || !strings.Contains(res.stdout, "pumori.jpg") {
			t.Errorf("photos with the library's model damaged: exit %d\n%s%s", res.code, res.stdout, res.stderr)
		}
	})
}
