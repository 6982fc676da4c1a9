// Package model runs the image–text models that Immich publishes as ONNX exports (open_clip's SigLIP,
// SigLIP-2 and CLIP) through ONNX Runtime: image and text towers, the preprocessing each model was trained
// with, the tokenizers, prompt ensembles, and model download.
package model

import (
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"

	ort "github.com/yalue/onnxruntime_go"
)

// DefaultName is the model Cairn uses unless told otherwise.
const DefaultName = "ViT-B-16-SigLIP2__webli"

// defaultBatch is how many images go through the image tower at once when its graph allows a dynamic batch.
// BenchmarkImageTower: ViT-B/16 did more per CPU-second at 2–4 than at 8 (whose activations outgrow the
// caches), ViT-B/32 (a quarter of the tokens) as much at 4 as at 8, and both more than at 1.
const defaultBatch = 4

// Options tune Load. Zero values mean: one intra-op thread per core, the usual library locations, batch 4.
type Options struct {
	Threads     int    // ONNX Runtime intra-op threads per tower
	LibraryPath string // ONNX Runtime shared library, tried before $CAIRN_ONNXRUNTIME and the usual places
	Batch       int    // images per image-tower run, when the graph has a dynamic batch dimension
	// CacheDir holds the tokenizer's compact cache when the model folder is read-only (see CacheDir).
	CacheDir string
	// Language is the query language as Immich passes it (a Weblate code such as "de"); NLLB models use it.
	Language string
}

// Model is a loaded image–text model, safe for concurrent use: callers preprocess in parallel and take
// turns on each tower, which runs on all its intra-op threads.
type Model struct {
	name      string
	dir       string
	dim       int
	pre       Preprocess
	text      *Text
	language  string
	visual    *tower
	textual   *tower
	batch     int
	threads   int
	libraryAt string
}

// Load opens a model directory in Immich's layout. A missing ONNX Runtime or missing/corrupt model files
// give an error that wraps ErrUnavailable and says what was missing and where Cairn looked.
func Load(dir string, opt Options) (*Model, error) {
	return load(processRuntime, dir, opt)
}

func load(rt *ortRuntime, dir string, opt Options) (*Model, error) {
	for _, f := range []string{"config.json", filepath.Join("visual", "model.onnx"),
		filepath.Join("textual", "model.onnx"), filepath.Join("textual", "tokenizer.json")} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("%w: model %s lacks %s (fetch it with `cairn model fetch`)", ErrUnavailable, dir, f)
		}
	}
	m := &Model{dir: dir, name: filepath.Base(filepath.Clean(dir)), batch: opt.Batch, language: opt.Language}
	if m.batch <= 0 {
		m.batch = defaultBatch
	}
	cfg, pre, err := readConfig(dir, m.name)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	m.dim, m.pre = cfg.EmbedDim, pre
	if m.text, err = LoadText(dir, opt.CacheDir); err != nil {
		return nil, err
	}

	if m.libraryAt, err = rt.start(opt.LibraryPath); err != nil {
		return nil, err
	}
	threads := opt.Threads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	m.threads = threads
	set := defaultSettings(threads)
	if m.visual, err = openTower(filepath.Join(dir, "visual", "model.onnx"), "image", set); err != nil {
		return nil, err
	}
	if m.textual, err = openTower(filepath.Join(dir, "textual", "model.onnx"), "text", set); err != nil {
		m.visual.close()
		return nil, err
	}
	// A text graph with a fixed sequence length knows its context better than config.json.
	if d := m.textual.input.Dims; len(d) == 2 && d[1] > 0 {
		m.text.context = int(d[1])
	}
	if err := m.checkShapes(); err != nil {
		m.Close()
		return nil, fmt.Errorf("%w: model %s: %v", ErrUnavailable, dir, err)
	}
	return m, nil
}

// checkShapes compares the graphs' fixed sizes with config.json, so a mismatched model fails at Load
// with a clear message rather than on the first photo.
func (m *Model) checkShapes() error {
	if m.visual.input.ElemType != onnxFloat {
		return fmt.Errorf("image tower input has ONNX type %d, want float32", m.visual.input.ElemType)
	}
	if d := m.visual.input.Dims; len(d) != 4 || (d[1] > 0 && d[1] != 3) ||
		(d[2] > 0 && int(d[2]) != m.pre.Size) || (d[3] > 0 && int(d[3]) != m.pre.Size) {
		return fmt.Errorf("image tower input %v does not take [N,3,%d,%d]", d, m.pre.Size, m.pre.Size)
	}
	for _, tw := range []*tower{m.visual, m.textual} {
		if d := tw.output.Dims; len(d) != 2 || (d[1] > 0 && int(d[1]) != m.dim) {
			return fmt.Errorf("%s output %v is not [N,%d] (embed_dim)", tw.input.Name, d, m.dim)
		}
	}
	return nil
}

// Name is the model's name: its directory's base name, as Immich and Hugging Face call it.
func (m *Model) Name() string { return m.name }

// Dim is the length of every embedding.
func (m *Model) Dim() int { return m.dim }

// ImageSize is S, the side of the square the image tower takes.
func (m *Model) ImageSize() int { return m.pre.Size }

// Preprocessing is a stable one-line description of how images become tower input; a library stores it
// and re-embeds when it changes.
func (m *Model) Preprocessing() string { return m.pre.String() }

// Threads is how many cores a run of the image tower keeps busy: its intra-op threads.
func (m *Model) Threads() int { return m.threads }

// LibraryPath is where the ONNX Runtime shared library was loaded from.
func (m *Model) LibraryPath() string { return m.libraryAt }

// EmbedImages returns one L2-normalised vector per image, in order. Images should already be upright
// (EXIF orientation applied); any size works. Batches go through the tower together when it allows.
func (m *Model) EmbedImages(imgs []image.Image) ([][]float32, error) {
	batch := 1
	if m.visual.dynamicBatch {
		batch = m.batch
	}
	s := m.pre.Size
	per := 3 * s * s
	out := make([][]float32, 0, len(imgs))
	for start := 0; start < len(imgs); start += batch {
		chunk := imgs[start:min(start+batch, len(imgs))]
		data := make([]float32, len(chunk)*per)
		for i, img := range chunk {
			if img == nil {
				return nil, fmt.Errorf("embed image %d: no image", start+i)
			}
			if err := m.pre.pixels(img, data[i*per:(i+1)*per]); err != nil {
				return nil, fmt.Errorf("embed image %d: %w", start+i, err)
			}
		}
		input, err := ort.NewTensor(ort.NewShape(int64(len(chunk)), 3, int64(s), int64(s)), data)
		if err != nil {
			return nil, fmt.Errorf("image tensor: %w", err)
		}
		rows, err := m.visual.run(input, len(chunk))
		input.Destroy()
		if err != nil {
			return nil, fmt.Errorf("image tower: %w", err)
		}
		for _, r := range rows {
			out = append(out, normalize(r))
		}
	}
	return out, nil
}

// EmbedTexts returns one L2-normalised vector per text, cleaned and tokenised as the model expects.
func (m *Model) EmbedTexts(texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for _, text := range texts {
		ids := m.text.Tokenize(text, m.language)
		input, err := m.textTensor(ids)
		if err != nil {
			return nil, err
		}
		rows, err := m.textual.run(input, 1)
		input.Destroy()
		if err != nil {
			return nil, fmt.Errorf("text tower on %q: %w", text, err)
		}
		out = append(out, normalize(rows[0]))
	}
	return out, nil
}

// textTensor makes the [1, L] token tensor in the element type the graph wants (Immich exports int32).
func (m *Model) textTensor(ids []int) (ort.Value, error) {
	shape := ort.NewShape(1, int64(len(ids)))
	switch m.textual.input.ElemType {
	case onnxInt64:
		data := make([]int64, len(ids))
		for i, id := range ids {
			data[i] = int64(id)
		}
		return ort.NewTensor(shape, data)
	case onnxInt32:
		data := make([]int32, len(ids))
		for i, id := range ids {
			data[i] = int32(id)
		}
		return ort.NewTensor(shape, data)
	}
	return nil, fmt.Errorf("text tower input %s has ONNX type %d, want int32 or int64",
		m.textual.input.Name, m.textual.input.ElemType)
}

// Close releases both ONNX Runtime sessions. The process-wide environment stays for later Loads.
func (m *Model) Close() error {
	return errors.Join(m.visual.close(), m.textual.close())
}
