package library

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/index"
	"github.com/cairn-photos/cairn/index/vectors"
	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// BenchmarkReconcile measures what an open after a crash costs on top of a clean open: listing every id of
// both stores and comparing them. The library holds CAIRN_RECONCILE_N photos (default 20,000), 1 % of them
// missing their vector and as many vectors without a photo; the first reconcile repairs those, the timed
// ones find nothing to do, as after a crash that happened between two batches.
//
//	CAIRN_RECONCILE_N=100000 go test -run '^$' -bench Reconcile -benchtime 5x ./library/
func BenchmarkReconcile(b *testing.B) {
	n := 20_000
	if s := os.Getenv("CAIRN_RECONCILE_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	dir := filepath.Join(b.TempDir(), "tiny")
	if err := tinymodel.Write(dir); err != nil {
		b.Fatal(err)
	}
	m, err := model.Load(dir, model.Options{Threads: 1})
	if err != nil {
		b.Skipf("tiny model: %v", err)
	}
	defer m.Close()
	album, root := b.TempDir(), b.TempDir()
	lib, err := Open(album, true, Options{DataRoot: root, Embedder: m})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var batch []storedPhoto
	for i := range n {
		p := Photo{ID: PhotoID(fmt.Sprint(i)), Rel: fmt.Sprintf("day %d/IMG_%05d.HEIC", i/500, i), Format: "heic",
			Size: 3 << 20, ModTime: int64(i), Embedded: true, PredictedPeaks: []PeakGuess{}}
		p.Path = "/album/" + p.Rel
		sp := storedPhoto{Photo: p}
		if i%100 != 0 { // 1 % lack their vector
			sp.vector = unitVector(i, m.Dim())
		}
		if batch = append(batch, sp); len(batch) == 5000 || i == n-1 {
			if err := lib.writePhotos(batch, nil); err != nil {
				b.Fatal(err)
			}
			batch = nil
		}
	}
	libDir := lib.DirPath()
	if err := lib.Close(); err != nil {
		b.Fatal(err)
	}
	// As many vectors without their photo, as a crash in the middle of a removal leaves them.
	vix, err := vectors.Open(filepath.Join(libDir, index.VectorsDir), m.Dim(), vectors.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for i := 1; i < n; i += 100 {
		if err := vix.Put(vectorKey(PhotoID(fmt.Sprint("gone", i))), unitVector(i, m.Dim())); err != nil {
			b.Fatal(err)
		}
	}
	if err := vix.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(libDir, index.OpenMarker), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d photos stored in %v", n, time.Since(start).Round(time.Millisecond))

	t0 := time.Now()
	if lib, err = Open(album, false, Options{DataRoot: root, Embedder: m}); err != nil { // reconciles
		b.Fatal(err)
	}
	defer lib.Close()
	b.Logf("open with the first reconcile: %v", time.Since(t0).Round(time.Millisecond))
	b.ResetTimer()
	for range b.N {
		if rec, err := lib.reconcile(); err != nil || rec != (Reconciled{}) {
			b.Fatalf("second reconcile: %+v, %v", rec, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/reconcile")
}

// unitVector is a unit vector of dim dimensions that differs with i.
func unitVector(i, dim int) []float32 {
	v := make([]float32, dim)
	v[0], v[1] = float32(math.Cos(float64(i))), float32(math.Sin(float64(i)))
	return v
}
