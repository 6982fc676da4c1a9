package model

import (
	"bufio"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"github.com/cairn-photos/cairn/library/model/internal/onnxgen"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// writeViTModel makes a model directory whose image tower has ViT-B/16's compute at 224 px (the text tower
// is the tiny one; only the image tower is measured).
func writeViTModel(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "vit-b16-compute")
	if err := tinymodel.Write(dir); err != nil {
		b.Fatal(err)
	}
	files := map[string]any{
		"config.json": map[string]any{"embed_dim": 768, "vision_cfg": map[string]any{"image_size": 224},
			"text_cfg": map[string]any{"context_length": 16, "tokenizer_kwargs": map[string]any{"clean": "canonicalize"}}},
		"visual/preprocess_cfg.json": map[string]any{"size": []int{224, 224}, "mean": []float64{0.5, 0.5, 0.5},
			"std": []float64{0.5, 0.5, 0.5}, "interpolation": "bicubic", "resize_mode": "squash"},
	}
	for name, v := range files {
		data, _ := json.Marshal(v)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "visual", "model.onnx"), onnxgen.ViT(onnxgen.ViTB16()), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "textual", "model.onnx"), wideTextTower(1024, 768), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// wideTextTower sums rows of a [vocab, dim] table, so the text side matches the 768-d image side.
func wideTextTower(vocab, dim int) []byte {
	g := &onnxgen.Graph{Name: "wide-text"}
	g.Input("text", onnxgen.Int32, onnxgen.Sym("batch"), onnxgen.Fixed(16))
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

// noise is a 224×224 picture with varied pixels (the tower's work does not depend on them).
func noise(seed int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 224, 224))
	for i := range img.Pix {
		img.Pix[i] = uint8((i*31 + seed*17) ^ (i >> 5))
	}
	return img
}

// BenchmarkImageTowerViTB16 measures image-tower throughput (images/s) with ViT-B/16's compute at 224 px,
// batch 1 and 8, 1 and 2 intra-op threads, and prints it against two peaks: the CPU's theoretical FP32
// peak (cores × clock × FLOP/cycle from its SIMD flags) and the GEMM rate ONNX Runtime reaches on one
// 1024³ MatMul with the same threads.
func BenchmarkImageTowerViTB16(b *testing.B) {
	if _, err := processRuntime.start(""); err != nil {
		b.Skip(err)
	}
	dir := writeViTModel(b)
	flops := onnxgen.ViTB16().FLOPs()
	results := map[string]string{}
	for _, threads := range []int{1, 2} {
		m, err := Load(dir, Options{Threads: threads, Batch: 8})
		if err != nil {
			b.Fatal(err)
		}
		gemm := measureGEMM(b, threads)
		peak, how := theoreticalPeak(threads)
		for _, batch := range []int{1, 8} {
			imgs := make([]image.Image, batch)
			for i := range imgs {
				imgs[i] = noise(i)
			}
			name := fmt.Sprintf("threads=%d/batch=%d", threads, batch)
			b.Run(name, func(b *testing.B) {
				if _, err := m.EmbedImages(imgs); err != nil { // warm-up: first run plans memory
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := m.EmbedImages(imgs); err != nil {
						b.Fatal(err)
					}
				}
				perSec := float64(b.N*batch) / b.Elapsed().Seconds()
				gflops := perSec * flops / 1e9
				b.ReportMetric(perSec, "images/s")
				b.ReportMetric(gflops, "GFLOP/s")
				results[name] = fmt.Sprintf("| %d | %d | %.2f | %.1f | %.0f%% of %.0f (%s) | %.0f%% of %.1f |",
					threads, batch, perSec, gflops, 100*gflops/peak, peak, how, 100*gflops/gemm, gemm)
			})
		}
		m.Close()
	}
	keys := make([]string, 0, len(results))
	for k := range results {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Printf("\nImage tower, ViT-B/16 compute at 224 px (%.1f GFLOP = %.1f G multiply-adds per image)\n", flops/1e9, flops/2e9)
	fmt.Println("| threads | batch | images/s | GFLOP/s | of theoretical peak GFLOP/s | of measured GEMM GFLOP/s |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	for _, k := range keys {
		fmt.Println(results[k])
	}
}

// measureGEMM returns the best GFLOP/s of a 1024×1024×1024 MatMul through ONNX Runtime, with input and
// output tensors allocated once so that only the kernel is timed.
func measureGEMM(b *testing.B, threads int) float64 {
	const n = 1024
	opts, err := ort.NewSessionOptions()
	if err != nil {
		b.Fatal(err)
	}
	defer opts.Destroy()
	if err := opts.SetIntraOpNumThreads(threads); err != nil {
		b.Fatal(err)
	}
	s, err := ort.NewDynamicAdvancedSessionWithONNXData(onnxgen.MatMul(n), []string{"a"}, []string{"c"}, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Destroy()
	in, err := ort.NewTensor(ort.NewShape(n, n), make([]float32, n*n))
	if err != nil {
		b.Fatal(err)
	}
	defer in.Destroy()
	out, err := ort.NewEmptyTensor[float32](ort.NewShape(n, n))
	if err != nil {
		b.Fatal(err)
	}
	defer out.Destroy()
	best := time.Duration(1 << 62)
	for i := 0; i < 10; i++ {
		start := time.Now()
		if err := s.Run([]ort.Value{in}, []ort.Value{out}); err != nil {
			b.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	return 2 * n * n * n / best.Seconds() / 1e9
}

// theoreticalPeak is cores × clock × FP32 FLOP per cycle, from /proc/cpuinfo: two FMA units of 8 lanes
// (AVX2+FMA) give 32 FLOP/cycle, of 16 lanes (AVX-512) 64, SSE without FMA 8. The clock is the one
// /proc/cpuinfo shows, which in a VM is the nominal one; boost clocks can beat this "peak", and the
// measured GEMM rate is then the better yardstick.
func theoreticalPeak(threads int) (float64, string) {
	mhz, flags := 0.0, ""
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			key, val, _ := strings.Cut(sc.Text(), ":")
			key, val = strings.TrimSpace(key), strings.TrimSpace(val)
			if key == "cpu MHz" && mhz == 0 {
				mhz, _ = strconv.ParseFloat(val, 64)
			}
			if key == "flags" && flags == "" {
				flags = " " + val + " "
			}
		}
		f.Close()
	}
	perCycle := 8.0
	switch {
	case strings.Contains(flags, " avx512f "):
		perCycle = 64
	case strings.Contains(flags, " avx2 ") && strings.Contains(flags, " fma "):
		perCycle = 32
	}
	cores := float64(min(threads, runtime.NumCPU()))
	if mhz == 0 {
		return 0, "clock unknown"
	}
	return cores * mhz / 1000 * perCycle, fmt.Sprintf("%d×%.2f GHz×%.0f", int(cores), mhz/1000, perCycle)
}

// BenchmarkPreprocess measures turning a reduced-size photo (1008×756, a 4032×3024 JPEG decoded at 1/4)
// into the 224 px SigLIP input.
func BenchmarkPreprocess(b *testing.B) {
	img := solid(1008, 756, color.RGBA{100, 150, 200, 255})
	p := siglipPre(224)
	dst := make([]float32, 3*224*224)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := p.pixels(img, dst); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadViTB16 measures opening a model whose image tower is ViT-B/16-sized (~30 MB of shared
// weights here; a real export is ~350 MB, so real loads take longer).
func BenchmarkLoadViTB16(b *testing.B) {
	if _, err := processRuntime.start(""); err != nil {
		b.Skip(err)
	}
	dir := writeViTModel(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := Load(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		m.Close()
	}
}
