package model

import (
	"errors"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// loadTiny writes the tiny colour model and loads it through the real ONNX Runtime, skipping when the
// runtime library is not installed on this machine.
func loadTiny(t testing.TB, opt Options) *Model {
	t.Helper()
	dir := filepath.Join(t.TempDir(), tinymodel.Name)
	if err := tinymodel.Write(dir); err != nil {
		t.Fatal(err)
	}
	return loadDirWith(t, dir, opt)
}

func loadDir(t testing.TB, dir string) *Model { return loadDirWith(t, dir, Options{}) }

func loadDirWith(t testing.TB, dir string, opt Options) *Model {
	t.Helper()
	m, err := Load(dir, opt)
	if err != nil {
		if _, rtErr := processRuntime.start(""); rtErr != nil {
			t.Skipf("ONNX Runtime not installed: %v", rtErr)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func TestTinyModelRedTextNearestRedImage(t *testing.T) {
	m := loadTiny(t, Options{})
	if m.Name() != "tiny-color" || m.Dim() != 4 || m.ImageSize() != 32 {
		t.Fatalf("name %q dim %d size %d", m.Name(), m.Dim(), m.ImageSize())
	}
	names := []string{"red", "green", "blue"}
	imgs := []image.Image{
		solid(640, 480, color.RGBA{220, 20, 30, 255}),
		solid(300, 500, color.RGBA{10, 200, 40, 255}),
		solid(50, 50, color.RGBA{20, 30, 230, 255}),
	}
	vecs, err := m.EmbedImages(imgs)
	if err != nil {
		t.Fatal(err)
	}
	for i, word := range names {
		q, err := m.EmbedTexts([]string{"A photo of " + word + "!"})
		if err != nil {
			t.Fatal(err)
		}
		best := -1
		for j := range vecs {
			if best < 0 || dot(q[0], vecs[j]) > dot(q[0], vecs[best]) {
				best = j
			}
		}
		if best != i {
			t.Errorf("%q is nearest %s image, want %s", word, names[best], word)
		}
	}
}

func TestBatchedAndSingleImageVectorsAgree(t *testing.T) {
	m := loadTiny(t, Options{Batch: 2, Threads: 1})
	var imgs []image.Image
	for i := 0; i < 5; i++ {
		imgs = append(imgs, solid(40+i, 30, color.RGBA{uint8(40 * i), 100, 200, 255}))
	}
	all, err := m.EmbedImages(imgs)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 5 {
		t.Fatalf("%d vectors for 5 images", len(all))
	}
	for i, img := range imgs {
		one, err := m.EmbedImages([]image.Image{img})
		if err != nil {
			t.Fatal(err)
		}
		if d := dot(one[0], all[i]); d < 0.9999 {
			t.Errorf("image %d: batched and single vectors differ (cos %v)", i, d)
		}
	}
}

func TestEnsembleSubtractsAntiConcept(t *testing.T) {
	m := loadTiny(t, Options{})
	red, err := m.EmbedTexts([]string{"red"})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := m.Ensemble([]string{"a photo of {q}", "{name} snow"}, "red", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Subtracting "blue" pushes the prototype away from blue and keeps it near red.
	anti, err := m.Ensemble([]string{"a photo of {q}", "{name} snow"}, "red", []string{"blue"}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	blue, _ := m.EmbedTexts([]string{"blue"})
	if dot(anti, blue[0]) >= dot(plain, blue[0]) {
		t.Errorf("anti-concept did not move away from blue: %v vs %v", dot(anti, blue[0]), dot(plain, blue[0]))
	}
	if dot(anti, red[0]) < 0.8 {
		t.Errorf("prototype left red: cos %v", dot(anti, red[0]))
	}
	if _, err := m.Ensemble(nil, "red", nil, 0); err == nil {
		t.Error("no error for an empty ensemble")
	}
}

func TestPreprocessingIsStable(t *testing.T) {
	m := loadTiny(t, Options{})
	want := "squash 32x32 bicubic mean=0.5,0.5,0.5 std=0.5,0.5,0.5"
	if got := m.Preprocessing(); got != want {
		t.Errorf("Preprocessing() = %q, want %q", got, want)
	}
}

func TestMissingModelFilesAreUnavailable(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(dir, Options{})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
}

func TestCorruptModelIsUnavailable(t *testing.T) {
	m := loadTiny(t, Options{}) // makes sure the runtime is there
	dir := filepath.Join(t.TempDir(), "broken")
	if err := tinymodel.Write(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "visual", "model.onnx"), []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir, Options{})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	_ = m
}

// TestMissingRuntimeLibraryIsUnavailable runs in a child process: ONNX Runtime's environment is
// process-wide, and this process may already have loaded it for the other tests.
func TestMissingRuntimeLibraryIsUnavailable(t *testing.T) {
	if os.Getenv("CAIRN_TEST_NO_ORT") == "1" {
		dir := filepath.Join(t.TempDir(), tinymodel.Name)
		if err := tinymodel.Write(dir); err != nil {
			t.Fatal(err)
		}
		missing := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
		rt := &ortRuntime{search: []string{missing, "libcairn-no-such-onnxruntime.so"}}
		_, err := load(rt, dir, Options{})
		if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), missing) {
			t.Fatalf("err = %v, want ErrUnavailable naming %s", err, missing)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMissingRuntimeLibraryIsUnavailable$", "-test.v")
	cmd.Env = append(os.Environ(), "CAIRN_TEST_NO_ORT=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func TestBlend(t *testing.T) {
	text := []float32{1, 0, 0}
	got := Blend(text, [][]float32{{0, 2, 0}, {0, 0, 0}, {1, 2}}, 0.5)
	// mean image (0,1,0) normalised; 0.5·(1,0,0) + 0.5·(0,1,0) normalised = (0.707, 0.707, 0).
	if d := dot(got, []float32{0.70710678, 0.70710678, 0}); d < 0.9999 {
		t.Errorf("Blend = %v", got)
	}
	if got := Blend([]float32{3, 4}, nil, 0.5); got[0] != 0.6 || got[1] != 0.8 {
		t.Errorf("Blend without images = %v, want [0.6 0.8]", got)
	}
}

func TestCleanText(t *testing.T) {
	cases := map[[2]string]string{
		// Immich collapses whitespace before removing punctuation, so " , " leaves two spaces.
		{"  Ama_Dablam ,  at DAWN! ", "canonicalize"}: "amadablam  at dawn",
		{"  Ama_Dablam,  at DAWN! ", "whitespace"}:    "Ama_Dablam, at DAWN!",
		{"Lhotse\tface\n", "canonicalize"}:            "lhotse face",
		{"ΟΔΥΣΣΕΥΣ İZMİR", "canonicalize"}:            "οδυσσευς i\u0307zmi\u0307r",
		{"a\x1cb\u3000c\u0085d", "whitespace"}:        "a b c d",
	}
	for in, want := range cases {
		if got := cleanText(in[0], in[1]); got != want {
			t.Errorf("cleanText(%q, %s) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func TestShapeMismatchIsUnavailable(t *testing.T) {
	loadTiny(t, Options{}) // skips without ONNX Runtime
	dir := filepath.Join(t.TempDir(), "wrong-dim")
	if err := tinymodel.Write(dir); err != nil {
		t.Fatal(err)
	}
	// config.json claims 8-d vectors; the towers give 4.
	cfg := `{"embed_dim": 8, "vision_cfg": {"image_size": 32}, "text_cfg": {"context_length": 16}}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir, Options{})
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "embed_dim") {
		t.Fatalf("err = %v, want ErrUnavailable about embed_dim", err)
	}
}

func TestConcurrentEmbeddingGivesTheSameVectors(t *testing.T) {
	m := loadTiny(t, Options{})
	img := solid(64, 48, color.RGBA{200, 100, 50, 255})
	want, err := m.EmbedImages([]image.Image{img})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			got, err := m.EmbedImages([]image.Image{img, img})
			if err == nil && (dot(got[0], want[0]) < 0.9999 || dot(got[1], want[0]) < 0.9999) {
				err = errors.New("vectors differ under concurrency")
			}
			if err == nil {
				_, err = m.EmbedTexts([]string{"orange"})
			}
			errs <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestUseAfterCloseIsAnError(t *testing.T) {
	m := loadTiny(t, Options{})
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := m.EmbedTexts([]string{"red"}); err == nil {
		t.Error("EmbedTexts after Close succeeded")
	}
	if _, err := m.EmbedImages([]image.Image{solid(4, 4, color.RGBA{1, 2, 3, 255})}); err == nil {
		t.Error("EmbedImages after Close succeeded")
	}
}
