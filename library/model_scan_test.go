package library

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/index"
	"github.com/cairn-photos/cairn/library/media/mediatest"
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

// TestModelSwitchLosesNoVector: a library keeps its model until a switch is asked for — opening it with
// another model is refused, and nothing is dropped. The switch embeds every photo with the new model while
// searches go on with the old vectors, which stay whole; cancelled halfway it leaves the library as it was,
// and asked again it resumes and then changes over, old vectors gone, every photo embedded.
func TestModelSwitchLosesNoVector(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	const n = 24
	for i := range n {
		writeJPEG(t, album, fmt.Sprintf("p%02d.jpg", i), color.RGBA{uint8(10 * i), 20, uint8(240 - 10*i), 255}, 120, 80)
	}
	writeJPEG(t, album, "red.jpg", color.RGBA{220, 20, 20, 255}, 120, 80)
	a, b := loadTinyModel(t, "tiny-a"), loadTinyModel(t, "tiny-b")
	open := func(m Model) (*Library, error) {
		return Open(album, true, Options{DataRoot: root, Embedder: m, Workers: 2})
	}
	lib, err := open(a)
	if err != nil {
		t.Fatal(err)
	}
	if s := scan(t, lib); s.Indexed != n+1 {
		t.Fatalf("first scan: %+v", s)
	}
	lib.Close()
	if _, err := open(b); !errors.Is(err, ErrOtherModel) {
		t.Fatalf("open with another model: %v, want ErrOtherModel", err)
	}
	lib, err = open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { lib.Close() }()
	searchRed := func(when string) {
		t.Helper()
		res, err := lib.Search(context.Background(), Query{Text: "red", K: 1})
		if err != nil || len(res.Hits) == 0 || res.Hits[0].Rel != "red.jpg" {
			t.Errorf("%s: search for red found %v, %v", when, res.Hits, err)
		}
	}
	intact := func(when string) {
		t.Helper()
		if got := lib.vecs().Len(); got != n+1 {
			t.Errorf("%s: the old model has %d vectors, want %d", when, got, n+1)
		}
		if m := lib.Manifest(); m.ModelName != "tiny-a" {
			t.Errorf("%s: the library uses %s", when, m.ModelName)
		}
	}
	intact("after open with another model was refused")

	ctx, cancel := context.WithCancel(context.Background())
	searched := false
	_, err = lib.SwitchModel(ctx, b, "tiny-b", func(p Progress) {
		if p.Done > 0 && !searched { // halfway: the old model still answers, and then the switch stops
			searched = true
			searchRed("during the switch")
			intact("during the switch")
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled switch: %v", err)
	}
	intact("after the switch was cancelled")
	searchRed("after the switch was cancelled")
	lib.Close()

	if lib, err = open(a); err != nil {
		t.Fatal(err)
	}
	intact("reopened after the cancelled switch")
	done := make(chan struct{})
	searching := make(chan int)
	go func() { // searches go on across the change-over
		searches := 0
		defer func() { searching <- searches }()
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := lib.Search(context.Background(), Query{Text: "red", K: 3}); err != nil {
				t.Errorf("search during the switch: %v", err)
				return
			}
			searches++
		}
	}()
	sum, err := lib.SwitchModel(context.Background(), b, "tiny-b", nil)
	close(done)
	if searches := <-searching; searches == 0 {
		t.Error("no search ran during the switch")
	}
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed == 0 || sum.Indexed >= n+1 {
		t.Errorf("resumed switch embedded %d photos, want some but not all %d", sum.Indexed, n+1)
	}
	if m := lib.Manifest(); m.ModelName != "tiny-b" || lib.vecs().Len() != n+1 {
		t.Errorf("after the switch: model %s with %d vectors", m.ModelName, lib.vecs().Len())
	}
	if _, err := os.Stat(filepath.Join(lib.DirPath(), index.VectorsDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old model's vectors are still there: %v", err)
	}
	photos, err := lib.Photos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range photos {
		if !p.Embedded {
			t.Errorf("%s not marked embedded after the switch", p.Rel)
		}
	}
	searchRed("after the switch")
	if s := scan(t, lib); s.Indexed != 0 || s.Unchanged != n+1 {
		t.Errorf("scan after the switch: %+v, want nothing read again", s)
	}
	lib.Close()
	if _, err := open(a); !errors.Is(err, ErrOtherModel) {
		t.Errorf("open with the old model after the switch: %v, want ErrOtherModel", err)
	}
	if lib, err = open(b); err != nil {
		t.Fatal(err)
	}
}

// imageOnly is a model's image tower alone: an image-only model, as the library sees one.
type imageOnly struct{ Embedder }

// TestImageOnlyModelIdentifiesByGeometry: without a text tower there are no prototypes to compare with, and
// the photos are identified from where they were taken and which way they faced, not skipped.
func TestImageOnlyModelIdentifiesByGeometry(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	gornergrat := mediatest.EXIF{ShotTime: "2024:08:14 07:12:00", Offset: "+02:00", HasGPS: true, Lat: 45.9833, Lon: 7.7850,
		HasAltitude: true, AltitudeM: 3089, HasHeading: true, HeadingDeg: 265, Focal35mm: 26}
	writeFile(t, album, "gornergrat.jpg", mediatest.SolidJPEG(t, color.Gray{150}, 400, 300, gornergrat.Bytes()))
	writeFile(t, filepath.Join(root, CatalogsDir), "alps.yaml", []byte(alpsCatalog))
	lib, err := Open(album, true, Options{DataRoot: root, Embedder: imageOnly{loadTinyModel(t, "tiny")}})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if sum := scan(t, lib); sum.Indexed != 1 || len(sum.Skipped) != 0 {
		t.Fatalf("scan with an image-only model: %+v", sum)
	}
	p, err := lib.Photo(PhotoID("gornergrat.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.PredictedPeaks) == 0 || p.PredictedPeaks[0].ID != "matterhorn" || p.PredictedPeaks[0].Source != "geometry" || !p.Embedded {
		t.Errorf("predicted %+v (embedded %v), want the Matterhorn from geometry", p.PredictedPeaks, p.Embedded)
	}
}
