//go:build unix

package library

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// BenchmarkScanModel measures a first scan of the khumbu photos with a model whose image tower has the
// shapes and compute of the default model's (ViT-B/16) or the smallest CLIP's (ViT-B/32), generated weights,
// on 1 and 2 intra-op threads: decoding and the tower share the cores. It reports photos per second of wall
// time and per CPU-second (which the other jobs on a shared machine do not inflate) and the cores the
// process kept busy. Each iteration is a whole scan; run it once:
//
//	go test -run '^$' -bench ScanModel -benchtime 1x ./library/
func BenchmarkScanModel(b *testing.B) {
	album := testenv.SharedDir(b, "khumbu", "data", "images")
	for _, vit := range []tinymodel.ViT{tinymodel.ViTB16(), tinymodel.ViTB32()} {
		dir := filepath.Join(b.TempDir(), vit.Name)
		if err := tinymodel.WriteViT(dir, vit); err != nil {
			b.Fatal(err)
		}
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", vit.Name, threads), func(b *testing.B) {
				m, err := model.Load(dir, model.Options{Threads: threads})
				if err != nil {
					b.Skipf("model (is ONNX Runtime installed? `make setup`): %v", err)
				}
				defer m.Close()
				var photos int
				var wall, cpu time.Duration
				for b.Loop() {
					lib, err := Open(album, true, Options{DataRoot: b.TempDir(), Embedder: m})
					if err != nil {
						b.Fatal(err)
					}
					c0, w0 := testenv.ProcessCPU(), time.Now()
					sum, err := lib.Scan(context.Background(), nil)
					wall, cpu = wall+time.Since(w0), cpu+testenv.ProcessCPU()-c0
					if cerr := lib.Close(); err == nil {
						err = cerr
					}
					if err != nil {
						b.Fatal(err)
					}
					if len(sum.Skipped) > 0 || sum.Indexed == 0 {
						b.Fatalf("indexed %d, skipped %v", sum.Indexed, sum.Skipped)
					}
					photos += sum.Indexed
				}
				b.ReportMetric(float64(photos)/wall.Seconds(), "photos/s")
				b.ReportMetric(float64(photos)/cpu.Seconds(), "photos/cpu-s")
				b.ReportMetric(cpu.Seconds()/wall.Seconds(), "cores")
			})
		}
	}
}
