package model

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/model/internal/onnxgen"
)

// The image tower's benchmarks report photos per second of wall time and per second of CPU time, and the
// tower's FLOP rate against ONNX Runtime's own peak on one core of this CPU: a 1024³ MatMul run through the
// same runtime on one intra-op thread, run after each of the tower's runs for as long as it took, so that
// both see the same load from other jobs. "%peak" compares FLOP per CPU-second (what the tower makes of each core it keeps busy,
// which the others' load does not inflate as much as it does wall time); "%peak-wall" compares FLOP per
// second of wall time (the tower on two threads against one core: above 100 % when both cores help).

// gemmN is the side of the yardstick's square matrices.
const gemmN = 1024

// gemm is one ONNX Runtime session multiplying two gemmN² matrices, with its tensors made once.
type gemm struct {
	session *ort.DynamicAdvancedSession
	in, out *ort.Tensor[float32]
}

func newGEMM(b *testing.B, threads int) *gemm {
	b.Helper()
	opts, err := sessionSettings{threads: threads, optimization: ort.GraphOptimizationLevelEnableAll, spin: true}.options()
	if err != nil {
		b.Fatal(err)
	}
	defer opts.Destroy()
	g := &gemm{}
	if g.session, err = ort.NewDynamicAdvancedSessionWithONNXData(onnxgen.MatMul(gemmN), []string{"a"}, []string{"c"}, opts); err != nil {
		b.Fatal(err)
	}
	if g.in, err = ort.NewTensor(ort.NewShape(gemmN, gemmN), make([]float32, gemmN*gemmN)); err != nil {
		b.Fatal(err)
	}
	if g.out, err = ort.NewEmptyTensor[float32](ort.NewShape(gemmN, gemmN)); err != nil {
		b.Fatal(err)
	}
	g.run(b, nil) // the first run packs the constant matrix
	return g
}

func (g *gemm) close() {
	g.session.Destroy()
	g.in.Destroy()
	g.out.Destroy()
}

// run multiplies once, adding the work and its times to r when r is not nil.
func (g *gemm) run(b *testing.B, r *rate) {
	c0, w0 := testenv.ProcessCPU(), time.Now()
	if err := g.session.Run([]ort.Value{g.in}, []ort.Value{g.out}); err != nil {
		b.Fatal(err)
	}
	if r != nil {
		r.add(2*gemmN*gemmN*gemmN, time.Since(w0), testenv.ProcessCPU()-c0)
	}
}

// rate sums floating-point work and the wall and CPU time it took.
type rate struct {
	flop      float64
	wall, cpu time.Duration
}

func (r *rate) add(flop float64, wall, cpu time.Duration) {
	r.flop += flop
	r.wall += wall
	r.cpu += cpu
}

func (r rate) perWall() float64 { return r.flop / r.wall.Seconds() / 1e9 } // GFLOP/s
func (r rate) perCPU() float64  { return r.flop / r.cpu.Seconds() / 1e9 }  // GFLOP per CPU-second
func (r rate) cores() float64   { return r.cpu.Seconds() / r.wall.Seconds() }

// BenchmarkMatMulPeak is the yardstick alone: GFLOP/s of a 1024³ MatMul through ONNX Runtime on 1 and 2
// intra-op threads.
func BenchmarkMatMulPeak(b *testing.B) {
	if _, err := processRuntime.start(""); err != nil {
		b.Skip(err)
	}
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			g := newGEMM(b, threads)
			defer g.close()
			var r rate
			for b.Loop() {
				g.run(b, &r)
			}
			b.ReportMetric(r.perWall(), "GFLOP/s")
			b.ReportMetric(r.perCPU(), "GFLOP/cpu-s")
			b.ReportMetric(r.cores(), "cores")
		})
	}
}

// towerCase is one setting of BenchmarkImageTower.
type towerCase struct {
	set     sessionSettings
	batches []int
}

func (c towerCase) label() string {
	mode, spin := "sequential", "sleep"
	if c.set.parallel {
		mode = "parallel"
	}
	if c.set.spin {
		spin = "spin"
	}
	return fmt.Sprintf("threads=%d/%s/opt=%s/%s", c.set.threads, mode, optName(c.set.optimization), spin)
}

func optName(l ort.GraphOptimizationLevel) string {
	switch l {
	case ort.GraphOptimizationLevelDisableAll:
		return "none"
	case ort.GraphOptimizationLevelEnableBasic:
		return "basic"
	case ort.GraphOptimizationLevelEnableExtended:
		return "extended"
	}
	return "all"
}

// towerCases are Load's settings on 1 and 2 threads at every batch size, then at batch 8 each other
// choice of ONNX Runtime's that could matter: parallel execution, lower optimisation levels, spinning.
func towerCases() []towerCase {
	var out []towerCase
	for _, threads := range []int{1, 2} {
		out = append(out, towerCase{set: defaultSettings(threads), batches: []int{1, 2, 4, 8}})
	}
	for _, threads := range []int{1, 2} {
		spin := defaultSettings(threads)
		spin.spin = !spin.spin
		out = append(out, towerCase{set: spin, batches: []int{8}})
	}
	parallel := defaultSettings(2)
	parallel.parallel = true
	out = append(out, towerCase{set: parallel, batches: []int{8}})
	for _, level := range []ort.GraphOptimizationLevel{ort.GraphOptimizationLevelEnableBasic, ort.GraphOptimizationLevelEnableExtended} {
		set := defaultSettings(1)
		set.optimization = level
		out = append(out, towerCase{set: set, batches: []int{8}})
	}
	return out
}

// BenchmarkImageTower runs generated image towers with the shapes and compute of ViT-B/16 (the default
// model's) and ViT-B/32 (the smallest CLIP's) at 224 px under each of towerCases, and prints a table.
// Select parts by name: -bench 'ImageTower/ViT-B-16/threads=2'. Run it once (-benchtime 1x); each
// iteration is one batch.
func BenchmarkImageTower(b *testing.B) {
	if _, err := processRuntime.start(""); err != nil {
		b.Skip(err)
	}
	var table []string
	for _, vit := range []struct {
		name string
		cfg  onnxgen.ViTConfig
	}{{"ViT-B-16", onnxgen.ViTB16()}, {"ViT-B-32", onnxgen.ViTB32()}} {
		path := filepath.Join(b.TempDir(), vit.name+".onnx")
		if err := os.WriteFile(path, onnxgen.ViT(vit.cfg), 0o644); err != nil {
			b.Fatal(err)
		}
		for _, c := range towerCases() {
			var t *tower
			var peak *gemm
			for _, batch := range c.batches {
				name := fmt.Sprintf("%s/%s/batch=%d", vit.name, c.label(), batch)
				b.Run(name, func(b *testing.B) {
					if t == nil { // opened for the first batch size that runs, kept for the others
						var err error
						if t, err = openTower(path, "image", c.set); err != nil {
							b.Fatal(err)
						}
						peak = newGEMM(b, 1)
					}
					r, gemm := runTower(b, t, peak, vit.cfg, batch)
					photos := r.flop / vit.cfg.FLOPs()
					b.ReportMetric(photos/r.wall.Seconds(), "photos/s")
					b.ReportMetric(photos/r.cpu.Seconds(), "photos/cpu-s")
					b.ReportMetric(100*r.perCPU()/gemm.perCPU(), "%peak")
					b.ReportMetric(100*r.perWall()/gemm.perWall(), "%peak-wall")
					b.ReportMetric(r.cores(), "cores")
					table = append(table, fmt.Sprintf("| %s | %s | %d | %.2f | %.2f | %.2f | %.0f %% of %.0f | %.0f %% of %.0f |",
						vit.name, strings.ReplaceAll(c.label(), "/", " "), batch, photos/r.wall.Seconds(), photos/r.cpu.Seconds(),
						r.cores(), 100*r.perCPU()/gemm.perCPU(), gemm.perCPU(), 100*r.perWall()/gemm.perWall(), gemm.perWall()))
				})
			}
			if t != nil {
				t.close()
				peak.close()
			}
		}
	}
	fmt.Println("\n| tower | settings | batch | photos/s | photos per CPU-s | cores busy | GFLOP per CPU-s, of one core's MatMul | GFLOP/s, of one core's MatMul |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- |")
	fmt.Println(strings.Join(table, "\n"))
}

// runTower runs t on batch images per iteration after a warm-up run (the first run of a shape plans its
// memory), and after each run the yardstick MatMul for as long as the run took, so that both meet the same
// share of the other jobs' load; it returns the tower's work and times and the yardstick's.
func runTower(b *testing.B, t *tower, peak *gemm, cfg onnxgen.ViTConfig, batch int) (tower, yardstick rate) {
	s := int64(cfg.ImageSize)
	data := make([]float32, int64(batch)*3*s*s)
	for i := range data {
		data[i] = float32(i%251)/125 - 1
	}
	input, err := ort.NewTensor(ort.NewShape(int64(batch), 3, s, s), data)
	if err != nil {
		b.Fatal(err)
	}
	defer input.Destroy()
	if _, err := t.run(input, batch); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c0, w0 := testenv.ProcessCPU(), time.Now()
		if _, err := t.run(input, batch); err != nil {
			b.Fatal(err)
		}
		took := time.Since(w0)
		tower.add(float64(batch)*cfg.FLOPs(), took, testenv.ProcessCPU()-c0)
		b.StopTimer()
		for start := time.Now(); time.Since(start) < took; {
			peak.run(b, &yardstick)
		}
		b.StartTimer()
	}
	return tower, yardstick
}
