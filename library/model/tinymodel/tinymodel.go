// Package tinymodel writes "tiny-color", a tiny image–text model in Immich's layout that runs through the
// real ONNX Runtime: the image tower embeds an image's mean colour, the text tower sums word vectors in
// which colour words carry their colour, so "red" lies nearest red photos. Tests and `make testmodel` use it.
package tinymodel

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cairn-photos/cairn/library/model/internal/onnxgen"
)

// Name is the model's name (and the base name of the directory Write is usually given).
const Name = "tiny-color"

const (
	dim       = 4  // R, G, B and a constant "photo-ness" axis so that no vector is zero
	imageSize = 32 // S
	context   = 16 // tokens per text
)

// colours maps colour words to 8-bit RGB; the towers see them as (c/255 − 0.5)/0.5, in [−1, 1].
func colours() map[string][3]float32 {
	return map[string][3]float32{
		"red": {255, 0, 0}, "green": {0, 255, 0}, "blue": {0, 0, 255}, "yellow": {255, 255, 0},
		"cyan": {0, 255, 255}, "magenta": {255, 0, 255}, "white": {255, 255, 255}, "black": {0, 0, 0},
		"gray": {128, 128, 128}, "grey": {128, 128, 128}, "orange": {255, 165, 0}, "purple": {128, 0, 128},
		"pink": {255, 192, 203}, "brown": {139, 69, 19},
	}
}

// plainWords are known words without colour; they point only along the photo-ness axis.
func plainWords() []string {
	return []string{"a", "photo", "of", "the", "in", "and", "mountain", "peak", "summit", "snow", "sky",
		"natural", "himalayas", "nepal", "khumbu", "region", "landmark", "alpine", "landscape", "painting",
		"illustration", "poster", "map", "logo", "rocky", "ridgelines", "trekking", "mountains"}
}

// Write creates dir in Immich's layout: config.json, visual/{model.onnx,preprocess_cfg.json},
// textual/{model.onnx,tokenizer.json,tokenizer_config.json,special_tokens_map.json}.
func Write(dir string) error {
	vocab, merges, table := vocabulary()
	files := map[string][]byte{
		filepath.Join("visual", "model.onnx"):  imageTower(),
		filepath.Join("textual", "model.onnx"): textTower(table, len(vocab)),
	}
	jsons := map[string]any{
		"config.json": map[string]any{
			"embed_dim":  dim,
			"vision_cfg": map[string]any{"image_size": imageSize},
			"text_cfg": map[string]any{"context_length": context, "vocab_size": len(vocab),
				"hf_tokenizer_name": Name, "tokenizer_kwargs": map[string]any{"clean": "canonicalize"}},
		},
		filepath.Join("visual", "preprocess_cfg.json"): map[string]any{
			"size": []int{imageSize, imageSize}, "mode": "RGB", "mean": []float64{0.5, 0.5, 0.5},
			"std": []float64{0.5, 0.5, 0.5}, "interpolation": "bicubic", "resize_mode": "squash",
		},
		filepath.Join("textual", "tokenizer.json"):          tokenizerJSON(vocab, merges),
		filepath.Join("textual", "tokenizer_config.json"):   map[string]any{"pad_token": "<pad>", "eos_token": "<eos>", "model_max_length": context},
		filepath.Join("textual", "special_tokens_map.json"): map[string]any{"pad_token": map[string]any{"content": "<pad>"}},
	}
	for name, v := range jsons {
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return fmt.Errorf("encode %s: %w", name, err)
		}
		files[name] = data
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("write tiny model: %w", err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("write tiny model: %w", err)
		}
	}
	return nil
}

// imageTower: image [N,3,S,S] → mean over H,W → [N,3] → ×W + b → embedding [N,4].
func imageTower() []byte {
	g := &onnxgen.Graph{Name: "tiny-color-visual"}
	g.Input("image", onnxgen.Float, onnxgen.Sym("batch"), onnxgen.Fixed(3), onnxgen.Fixed(imageSize), onnxgen.Fixed(imageSize))
	axes := g.Int64s("axes", []int64{2}, []int64{2, 3})
	w := g.Floats("w", []int64{3, dim}, []float32{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0})
	b := g.Floats("b", []int64{dim}, []float32{0, 0, 0, 1})
	m := g.Node("ReduceMean", []string{"image", axes}, "", onnxgen.AttrInt("keepdims", 0))
	p := g.Node("MatMul", []string{m, w}, "")
	g.Node("Add", []string{p, b}, "embedding")
	g.Output("embedding", onnxgen.Float, onnxgen.Sym("batch"), onnxgen.Fixed(dim))
	return g.Model(onnxgen.Opset)
}

// textTower: text int32 [N,L] → rows of the word table → sum over L → embedding [N,4].
func textTower(table []float32, vocabSize int) []byte {
	g := &onnxgen.Graph{Name: "tiny-color-textual"}
	g.Input("text", onnxgen.Int32, onnxgen.Sym("batch"), onnxgen.Fixed(context))
	t := g.Floats("table", []int64{int64(vocabSize), dim}, table)
	axes := g.Int64s("axes", []int64{1}, []int64{1})
	rows := g.Node("Gather", []string{t, "text"}, "", onnxgen.AttrInt("axis", 0))
	g.Node("ReduceSum", []string{rows, axes}, "embedding", onnxgen.AttrInt("keepdims", 0))
	g.Output("embedding", onnxgen.Float, onnxgen.Sym("batch"), onnxgen.Fixed(dim))
	return g.Model(onnxgen.Opset)
}
