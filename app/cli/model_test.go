package cli

import (
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

func writeSolidJPEG(t *testing.T, path string, c color.RGBA) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 96, 64))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, 255
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, nil); err != nil {
		t.Fatal(err)
	}
}

// colourAlbum writes red, green and blue photos.
func colourAlbum(t *testing.T) string {
	album := t.TempDir()
	writeSolidJPEG(t, filepath.Join(album, "red.jpg"), color.RGBA{220, 20, 20, 255})
	writeSolidJPEG(t, filepath.Join(album, "green.jpg"), color.RGBA{20, 200, 20, 255})
	writeSolidJPEG(t, filepath.Join(album, "blue.jpg"), color.RGBA{20, 20, 220, 255})
	return album
}

// TestScanAndSearchWithTinyModel runs the real ONNX Runtime on the generated colour model: a search for a
// colour returns the photo of that colour first.
func TestScanAndSearchWithTinyModel(t *testing.T) {
	modelDir := filepath.Join(t.TempDir(), tinymodel.Name)
	if err := tinymodel.Write(modelDir); err != nil {
		t.Fatal(err)
	}
	album, data := colourAlbum(t), t.TempDir()
	code, out, errOut := run(t, data, "scan", "--model", modelDir, album)
	if code != 0 || !strings.Contains(out, "indexed 3") {
		t.Fatalf("scan with model: exit %d\n%s%s", code, out, errOut)
	}
	for _, colour := range []string{"red", "green", "blue"} {
		code, out, errOut = run(t, data, "search", "--json", colour)
		if code != 0 {
			t.Fatalf("search %s: exit %d: %s", colour, code, errOut)
		}
		hits := jsonLines(t, out)
		if len(hits) == 0 || filepath.Base(hits[0]["path"].(string)) != colour+".jpg" {
			t.Fatalf("search %s: first hit %v, want %s.jpg", colour, hits, colour)
		}
		if _, ok := hits[0]["score"]; !ok {
			t.Errorf("search %s: hit has no score", colour)
		}
	}
}

// TestModelFetchFromMirror downloads a model over HTTP into the data root, after which a scan without --model
// uses it as the default.
func TestModelFetchFromMirror(t *testing.T) {
	upstream := t.TempDir()
	if err := tinymodel.Write(filepath.Join(upstream, model.DefaultName)); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	files := http.FileServer(http.Dir(upstream))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// A mirror of https://huggingface.co/immich-app/<Name>/resolve/main/<file>.
		name, file, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/immich-app/"), "/resolve/main/")
		if !ok {
			http.NotFound(w, r)
			return
		}
		r.URL.Path = "/" + name + "/" + file
		files.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	data := t.TempDir()
	code, out, errOut := run(t, data, "model", "fetch", "--from", srv.URL+"/immich-app")
	if code != 0 || !strings.Contains(out, "fetched "+model.DefaultName) {
		t.Fatalf("model fetch: exit %d\n%s%s", code, out, errOut)
	}
	_, out, _ = run(t, data, "model", "list")
	if !strings.Contains(out, model.DefaultName) || !strings.Contains(out, "installed") {
		t.Fatalf("model list after fetch:\n%s", out)
	}
	_, out, _ = run(t, data, "model", "path")
	if strings.TrimSpace(out) != filepath.Join(data, "models") {
		t.Errorf("model path %q", out)
	}
	album := colourAlbum(t)
	if code, out, errOut = run(t, data, "scan", album); code != 0 || strings.Contains(errOut, "semantic search is off") {
		t.Fatalf("scan with the fetched default model: exit %d\n%s%s", code, out, errOut)
	}
	_, out, _ = run(t, data, "search", "--json", "--k", "1", "red")
	if hits := jsonLines(t, out); len(hits) != 1 || filepath.Base(hits[0]["path"].(string)) != "red.jpg" {
		t.Fatalf("search red with the default model: %s", out)
	}
}
