package library_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/terrain"
)

// BenchmarkIngestTerrain measures what the terrain costs a first scan of the khumbu photos without a model:
// the scan with the bundled terrain (camera altitude, horizon, skyline alignment, lines of sight, relief) against
// the same scan with no terrain at all (peaks hide one another as cones). The two alternate within each
// iteration, so both see the same machine load; ns/op is the scan with terrain. The goal is that terrain keeps
// at least half the throughput.
func BenchmarkIngestTerrain(b *testing.B) {
	album := testenv.SharedDir(b, "khumbu", "data", "images")
	none, err := terrain.Open("", terrain.WithoutEmbedded())
	if err != nil {
		b.Fatal(err)
	}
	bundled, err := library.LoadTerrain(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	workers := runtime.NumCPU()
	var with, without time.Duration
	n := 0
	for b.Loop() {
		start := time.Now()
		n = scanWithTerrain(b, album, workers, bundled)
		with += time.Since(start)
		b.StopTimer()
		start = time.Now()
		scanWithTerrain(b, album, workers, none)
		without += time.Since(start)
		b.StartTimer()
	}
	photos := float64(b.N * n)
	b.ReportMetric(photos/with.Seconds(), "photos/s")
	b.ReportMetric(photos/without.Seconds(), "no-terrain-photos/s")
	b.ReportMetric(without.Seconds()/with.Seconds(), "share-kept")
}

// scanWithTerrain scans album into a new library with the elevation model dem and returns how many photos it
// indexed.
func scanWithTerrain(b *testing.B, album string, workers int, dem *terrain.DEM) int {
	lib, err := library.Open(album, true, library.Options{DataRoot: b.TempDir(), Workers: workers, Terrain: dem})
	if err != nil {
		b.Fatal(err)
	}
	sum, err := lib.Scan(context.Background(), nil)
	if cerr := lib.Close(); err == nil {
		err = cerr
	}
	if err != nil || len(sum.Skipped) > 0 {
		b.Fatalf("scan: %v, skipped %v", err, sum.Skipped)
	}
	return sum.Indexed
}
