package onnxgen

import (
	"fmt"
	"math"
)

// ViTConfig sizes a vision transformer image tower.
type ViTConfig struct {
	ImageSize, Patch, Width, Depth, Heads, MLP int
}

// ViTB16 is ViT-B/16 at 224 px, the image tower of ViT-B-16-SigLIP2__webli.
func ViTB16() ViTConfig {
	return ViTConfig{ImageSize: 224, Patch: 16, Width: 768, Depth: 12, Heads: 12, MLP: 3072}
}

// ViTB32 is ViT-B/32 at 224 px, the image tower of ViT-B-32__openai, the smallest CLIP Immich offers. (CLIP
// adds a class token to the 49 patch tokens and projects to 512 dimensions: 2 % more work than this.)
func ViTB32() ViTConfig {
	return ViTConfig{ImageSize: 224, Patch: 32, Width: 768, Depth: 12, Heads: 12, MLP: 3072}
}

// FLOPs is the floating-point work of one image through ViT, counting a multiply-add as two: patch
// embedding, and per layer the q/k/v/output projections, attention scores and mixing, and the MLP.
// (Norms, softmax and GELU are a few percent and left out, as model cards do.) ViT-B/16: 34.9 GFLOP,
// i.e. the 17.5 G multiply-adds usually quoted.
func (c ViTConfig) FLOPs() float64 {
	t := float64(c.tokens())
	w := float64(c.Width)
	patch := 2 * t * w * float64(3*c.Patch*c.Patch)
	proj := 4 * 2 * t * w * w
	attn := 2 * 2 * t * t * w
	mlp := 2 * 2 * t * w * float64(c.MLP)
	return patch + float64(c.Depth)*(proj+attn+mlp)
}

func (c ViTConfig) tokens() int { return (c.ImageSize / c.Patch) * (c.ImageSize / c.Patch) }

// ViT writes a pre-norm vision transformer with the compute of a real one: input "image"
// [batch,3,S,S] → "embedding" [batch,Width]. The layers share one set of weights (small deterministic
// pseudo-random values), which keeps the file at ~30 MB without changing the work done per image.
func ViT(c ViTConfig) []byte {
	g := &Graph{Name: "vit"}
	g.Input("image", Float, Sym("batch"), Fixed(3), Fixed(int64(c.ImageSize)), Fixed(int64(c.ImageSize)))
	rnd := newRand(1)
	w, t, p, hd := int64(c.Width), int64(c.tokens()), int64(c.Patch), int64(c.Width/c.Heads)

	x := g.Node("Conv", []string{"image",
		g.Floats("patch_w", []int64{w, 3, p, p}, rnd.floats(int(w*3*p*p), 3*p*p)),
		g.Floats("patch_b", []int64{w}, make([]float32, w))}, "",
		AttrInts("kernel_shape", p, p), AttrInts("strides", p, p))
	x = g.Node("Reshape", []string{x, g.Int64s("to_tokens", []int64{3}, []int64{0, w, t})}, "")
	x = g.Node("Transpose", []string{x}, "", AttrInts("perm", 0, 2, 1))
	x = g.Node("Add", []string{x, g.Floats("pos", []int64{t, w}, rnd.floats(int(t*w), 50))}, "")

	ones, zeros := filled(int(w), 1), make([]float32, w)
	g.Floats("ln_g", []int64{w}, ones)
	g.Floats("ln_b", []int64{w}, zeros)
	for _, name := range []string{"wq", "wk", "wv", "wo"} {
		g.Floats(name, []int64{w, w}, rnd.floats(int(w*w), w))
	}
	g.Floats("w1", []int64{w, int64(c.MLP)}, rnd.floats(int(w)*c.MLP, w))
	g.Floats("w2", []int64{int64(c.MLP), w}, rnd.floats(int(w)*c.MLP, int64(c.MLP)))
	g.Floats("scale", nil, []float32{float32(1 / math.Sqrt(float64(hd)))})
	g.Floats("half", nil, []float32{0.5})
	g.Floats("one", nil, []float32{1})
	g.Floats("sqrt2", nil, []float32{math.Sqrt2})
	g.Int64s("heads_shape", []int64{4}, []int64{0, t, int64(c.Heads), hd})
	g.Int64s("merge_shape", []int64{3}, []int64{0, t, w})

	for layer := 0; layer < c.Depth; layer++ {
		h := layerNorm(g, x)
		q := g.Node("Transpose", []string{g.Node("Reshape", []string{g.Node("MatMul", []string{h, "wq"}, ""), "heads_shape"}, "")}, "", AttrInts("perm", 0, 2, 1, 3))
		k := g.Node("Transpose", []string{g.Node("Reshape", []string{g.Node("MatMul", []string{h, "wk"}, ""), "heads_shape"}, "")}, "", AttrInts("perm", 0, 2, 3, 1))
		v := g.Node("Transpose", []string{g.Node("Reshape", []string{g.Node("MatMul", []string{h, "wv"}, ""), "heads_shape"}, "")}, "", AttrInts("perm", 0, 2, 1, 3))
		s := g.Node("Softmax", []string{g.Node("Mul", []string{g.Node("MatMul", []string{q, k}, ""), "scale"}, "")}, "", AttrInt("axis", -1))
		o := g.Node("Transpose", []string{g.Node("MatMul", []string{s, v}, "")}, "", AttrInts("perm", 0, 2, 1, 3))
		o = g.Node("MatMul", []string{g.Node("Reshape", []string{o, "merge_shape"}, ""), "wo"}, "")
		x = g.Node("Add", []string{x, o}, "")

		h = layerNorm(g, x)
		m := g.Node("MatMul", []string{h, "w1"}, "")
		// GELU as 0.5·m·(1 + erf(m/√2)); ONNX Runtime fuses the pattern.
		erf := g.Node("Erf", []string{g.Node("Div", []string{m, "sqrt2"}, "")}, "")
		act := g.Node("Mul", []string{g.Node("Mul", []string{m, "half"}, ""), g.Node("Add", []string{erf, "one"}, "")}, "")
		x = g.Node("Add", []string{x, g.Node("MatMul", []string{act, "w2"}, "")}, "")
	}
	pooled := g.Node("ReduceMean", []string{layerNorm(g, x), g.Int64s("token_axis", []int64{1}, []int64{1})}, "", AttrInt("keepdims", 0))
	g.Node("Identity", []string{pooled}, "embedding")
	g.Output("embedding", Float, Sym("batch"), Fixed(w))
	return g.Model(Opset)
}

func layerNorm(g *Graph, x string) string {
	return g.Node("LayerNormalization", []string{x, "ln_g", "ln_b"}, "", AttrInt("axis", -1), AttrFloat("epsilon", 1e-6))
}

// MatMul writes a model multiplying "a" [n,n] by a constant [n,n] matrix: 2n³ FLOP, a known kernel to
// measure the GEMM throughput the machine actually reaches.
func MatMul(n int) []byte {
	g := &Graph{Name: fmt.Sprintf("matmul%d", n)}
	g.Input("a", Float, Fixed(int64(n)), Fixed(int64(n)))
	b := g.Floats("b", []int64{int64(n), int64(n)}, newRand(2).floats(n*n, int64(n)))
	g.Node("MatMul", []string{"a", b}, "c")
	g.Output("c", Float, Fixed(int64(n)), Fixed(int64(n)))
	return g.Model(Opset)
}

func filled(n int, v float32) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// rand is a small xorshift generator so generated weights are the same on every run.
type rand struct{ s uint64 }

func newRand(seed uint64) *rand { return &rand{s: seed*0x9E3779B97F4A7C15 + 1} }

// floats returns n values uniform in ±1/√fanIn, the usual initialisation scale.
func (r *rand) floats(n int, fanIn int64) []float32 {
	scale := 1 / math.Sqrt(float64(fanIn))
	out := make([]float32, n)
	for i := range out {
		r.s ^= r.s << 13
		r.s ^= r.s >> 7
		r.s ^= r.s << 17
		out[i] = float32((float64(r.s>>11)/float64(1<<53)*2 - 1) * scale)
	}
	return out
}
