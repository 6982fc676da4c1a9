package library

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

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
	lib, err := Open(b.TempDir(), true, Options{DataRoot: b.TempDir(), Embedder: m})
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()

	start := time.Now()
	docs := map[string]any{}
	for i := range n {
		p := Photo{ID: PhotoID(fmt.Sprint(i)), Rel: fmt.Sprintf("day %d/IMG_%05d.HEIC", i/500, i), Format: "heic",
			Size: 3 << 20, ModTime: int64(i), Embedded: true, PredictedPeaks: []PeakGuess{}}
		p.Path = "/album/" + p.Rel
		if docs[p.ID], err = photoDocument(storedPhoto{Photo: p}); err != nil {
			b.Fatal(err)
		}
		if i%100 != 0 { // 1 % lack their vector
			put(b, lib, p.ID, i)
		}
		if i%100 == 1 { // and as many vectors lack their photo
			put(b, lib, PhotoID(fmt.Sprint("gone", i)), i)
		}
		if len(docs) == 5000 || i == n-1 {
			if err := lib.meta.Write(docs, nil); err != nil {
				b.Fatal(err)
			}
			docs = map[string]any{}
		}
	}
	if err := lib.vectors.Flush(); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d photos stored in %v", n, time.Since(start).Round(time.Millisecond))

	t0 := time.Now()
	rec, err := lib.reconcile()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("first reconcile: %+v in %v", rec, time.Since(t0).Round(time.Millisecond))
	b.ResetTimer()
	for range b.N {
		if rec, err := lib.reconcile(); err != nil || rec != (Reconciled{}) {
			b.Fatalf("second reconcile: %+v, %v", rec, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/reconcile")
}

func put(b *testing.B, lib *Library, id string, i int) {
	v := []float32{float32(math.Cos(float64(i))), float32(math.Sin(float64(i))), 0, 0}
	if err := lib.vectors.Put(vectorKey(id), v); err != nil {
		b.Fatal(err)
	}
}
