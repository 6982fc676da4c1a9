//go:build unix

package library_test

import (
	"context"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/librarytest"
)

// BenchmarkPlaces1M times gathering the map's places of every match of a browse of the generated library of a
// million photos: the window does it on the search's goroutine once the grid is painted, after every search.
func BenchmarkPlaces1M(b *testing.B) {
	lib := librarytest.Open(b, 1_000_000, true)
	res, err := lib.Search(context.Background(), library.Query{})
	if err != nil {
		b.Fatal(err)
	}
	var places []library.Place
	cpu := testenv.ProcessCPU()
	for b.Loop() {
		if places, err = lib.Places(res.All); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((testenv.ProcessCPU()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(places)), "places")
}
