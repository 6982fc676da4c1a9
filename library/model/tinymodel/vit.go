package tinymodel

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cairn-photos/cairn/library/model/internal/onnxgen"
)

// ViT names a vision transformer image tower by the model whose compute it has.
type ViT struct {
	Name string // the Immich model with this image tower
	cfg  onnxgen.ViTConfig
}

// ViTB16 has the image tower's compute of ViT-B-16-SigLIP2__webli, Cairn's default model.
func ViTB16() ViT { return ViT{Name: "ViT-B-16-SigLIP2__webli", cfg: onnxgen.ViTB16()} }

// ViTB32 has the image tower's compute of ViT-B-32__openai, the smallest CLIP Immich offers.
func ViTB32() ViT { return ViT{Name: "ViT-B-32__openai", cfg: onnxgen.ViTB32()} }

// FLOPs is the work of one image through the tower (a multiply-add counted as two).
func (v ViT) FLOPs() float64 { return v.cfg.FLOPs() }

// ImageSize is the side of the square the tower takes.
func (v ViT) ImageSize() int { return v.cfg.ImageSize }

// WriteViT writes a model directory like Write's whose image tower has v's shapes and compute, with
// generated weights (its vectors mean nothing), and whose text tower is as wide: for measuring speed.
func WriteViT(dir string, v ViT) error {
	if err := Write(dir); err != nil {
		return err
	}
	files := map[string][]byte{
		filepath.Join("visual", "model.onnx"):  onnxgen.ViT(v.cfg),
		filepath.Join("textual", "model.onnx"): wideTextTower(1024, v.cfg.Width),
	}
	jsons := map[string]any{
		"config.json": map[string]any{"embed_dim": v.cfg.Width, "vision_cfg": map[string]any{"image_size": v.cfg.ImageSize},
			"text_cfg": map[string]any{"context_length": context, "tokenizer_kwargs": map[string]any{"clean": "canonicalize"}}},
		filepath.Join("visual", "preprocess_cfg.json"): map[string]any{"size": []int{v.cfg.ImageSize, v.cfg.ImageSize},
			"mean": []float64{0.5, 0.5, 0.5}, "std": []float64{0.5, 0.5, 0.5}, "interpolation": "bicubic", "resize_mode": "squash"},
	}
	for name, j := range jsons {
		data, err := json.Marshal(j)
		if err != nil {
			return fmt.Errorf("encode %s: %w", name, err)
		}
		files[name] = data
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("write model %s: %w", v.Name, err)
		}
	}
	return nil
}

// wideTextTower sums rows of a [vocab, dim] table, so the text side matches the image side's width.
func wideTextTower(vocab, dim int) []byte {
	g := &onnxgen.Graph{Name: "wide-text"}
	g.Input("text", onnxgen.Int32, onnxgen.Sym("batch"), onnxgen.Fixed(context))
	table := make([]float32, vocab*dim)
	for i := range table {
		table[i] = float32(i%7) - 3
	}
	t := g.Floats("table", []int64{int64(vocab), int64(dim)}, table)
	axes := g.Int64s("axes", []int64{1}, []int64{1})
	rows := g.Node("Gather", []string{t, "text"}, "", onnxgen.AttrInt("axis", 0))
	g.Node("ReduceSum", []string{rows, axes}, "embedding", onnxgen.AttrInt("keepdims", 0))
	g.Output("embedding", onnxgen.Float, onnxgen.Sym("batch"), onnxgen.Fixed(int64(dim)))
	return g.Model(onnxgen.Opset)
}
