//go:build unix

package library

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/peaks"
)

// BenchmarkTable1M measures the photo table alone at a million photos, spread as librarytest spreads them
// (five years, 90 % with a position in the Khumbu, one to three catalog peaks each), without the metadata
// and vector stores that generating a real library of that size takes tens of minutes to write: reading
// its files (the first query after opening waits for this), a write of a batch, and the filters and orders
// of BenchmarkSearch1M's queries. Besides the wall clock it reports the process's CPU time per operation
// (cpu-ms), which other jobs on a shared machine do not inflate.
func BenchmarkTable1M(b *testing.B) {
	cat, err := peaks.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	const n = 1_000_000
	r := rand.New(rand.NewPCG(1, 2))
	tab := newPhotoTable(nil, nil)
	for start := 0; start < n; start += 10_000 {
		var photos []Photo
		for i := start; i < start+10_000; i++ {
			photos = append(photos, benchPhoto(r, cat, i))
		}
		tab.apply(photos, nil, tab.gen+1)
	}
	snap := tab.encodeSnapshot()
	b.Logf("%d rows: snapshot %.1f MB", n, float64(len(snap))/1e6)

	// Reading the file is copying its bytes (from the page cache): the loads copy them too.
	b.Run("load", func(b *testing.B) {
		cpu := testenv.ProcessCPU()
		for b.Loop() {
			if _, err := decodeSnapshot(slices.Clone(snap)); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
	b.Run("load+browse", func(b *testing.B) { // the table's part of the first query after opening
		cpu := testenv.ProcessCPU()
		for b.Loop() {
			t, _ := decodeSnapshot(slices.Clone(snap))
			t.snapshot()
		}
		reportCPU(b, cpu)
	})
	b.Run("write-2000", func(b *testing.B) {
		t, _ := decodeSnapshot(slices.Clone(snap))
		i := n
		var cpu time.Duration
		for b.Loop() {
			var photos []Photo
			for range 2000 {
				photos = append(photos, benchPhoto(r, cat, i))
				i++
			}
			start := testenv.ProcessCPU()
			t.apply(photos, nil, t.gen+1)
			cpu += testenv.ProcessCPU() - start
		}
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms")
	})
	b.Run("heap", func(b *testing.B) { // what the table costs a library's heap, with everything queries derive
		var held *photoTable
		var grew uint64
		for b.Loop() {
			before := heapAlloc()
			held = nil
			held, _ = decodeSnapshot(slices.Clone(snap))
			held.mu.RLock()
			held.oldestOf(held.snapshot())
			held.peakRows()
			held.grid()
			held.mu.RUnlock()
			grew = heapAlloc() - before
		}
		b.ReportMetric(float64(grew)/1e6, "table-MB")
		b.ReportMetric(float64(grew)/n, "B/photo")
		runtime.KeepAlive(held)
	})

	l := &Library{opt: Options{Catalog: cat}}
	day := func(s string, end bool) time.Time { t, _ := ParseDate(s, end); return t }
	near := &Circle{Lat: 27.9, Lon: 86.8, KM: 5}
	tab.snapshot()
	tab.peakRows()
	tab.grid()
	for _, c := range []struct {
		name string
		q    Query
		run  func(s *search) int
	}{
		{"browse", Query{}, browseCount},
		{"browse-oldest", Query{Sort: Oldest}, browseCount},
		{"browse+near+month", Query{Near: near, From: day("2022-10", false), To: day("2022-10", true), Sort: Oldest}, browseCount},
		{"browse+near", Query{Near: near}, browseCount},
		{"name-list", Query{}, func(s *search) int { return len(s.byPredictedPeaks([]string{"ama_dablam"}).rows) }},
		{"name-list+near", Query{Near: near}, func(s *search) int { return len(s.byPredictedPeaks([]string{"ama_dablam"}).rows) }},
		{"name-fused", Query{}, fusedMatches},
		{"vector-filter+near", Query{Near: near}, allowedRows},
		{"vector-filter+year", Query{From: day("2021", false), To: day("2021", true)}, allowedRows},
		{"vector-filter+peak+box", Query{Peaks: []string{"everest", "lhotse"}, Box: &Box{South: 27.8, West: 86.7, North: 28.0, East: 86.9}},
			allowedRows},
	} {
		b.Run(c.name, func(b *testing.B) {
			var took []time.Duration
			var found int
			cpu := testenv.ProcessCPU()
			for b.Loop() {
				start := time.Now()
				tab.mu.RLock()
				s := &search{l: l, q: c.q, t: tab, f: c.q.rowFilter(tab)}
				found = c.run(s)
				tab.mu.RUnlock()
				took = append(took, time.Since(start))
			}
			reportCPU(b, cpu)
			tableReportPercentiles(b, took)
			b.ReportMetric(float64(found), "matches")
		})
	}
}

// allowedRows is the table's part of a vector filter: a bit for every allowed row (the filter sets the bit
// of the row's vector through the table's map of rows to vectors, made once per change of either).
func allowedRows(s *search) int {
	set := make([]uint64, (len(s.t.rows)+63)/64)
	n := 0
	s.eachAllowed(func(r int32) {
		if set[r/64]&(1<<(r%64)) == 0 {
			set[r/64] |= 1 << (r % 64)
			n++
		}
	})
	return n
}

// fusedMatches is the table's part of a search by a peak's name, but for the vector lists: the list of the
// photos predicted to show it, fused (with a short list of other rows, as the vectors' would be) and made
// matches with their facets, as finish makes them before it loads the first records.
func fusedMatches(s *search) int {
	s.add(s.byPredictedPeaks([]string{"ama_dablam"}))
	other := ranked{why: "other"}
	for i := range 100 {
		other.rows = append(other.rows, int32(i*9973%len(s.t.rows)))
	}
	s.add(other)
	s.setMatches(s.fuse())
	return len(s.res.All)
}

func browseCount(s *search) int {
	s.browseMatches()
	return len(s.res.All)
}

// benchPhoto is the i-th photo of BenchmarkTable1M, drawn like librarytest's.
func benchPhoto(r *rand.Rand, cat *peaks.Catalog, i int) Photo {
	rel := fmt.Sprintf("%d/trek-%03d/IMG_%06d.jpg", 2019+i%5, i/1000%100, i)
	p := Photo{ID: PhotoID(rel), Rel: rel, Size: 3_000_000 + int64(i), ModTime: int64(i), Embedded: true, Focal35mm: 24}
	if i%50 != 0 {
		at := time.Date(2019, 1, 1, 0, 0, 0, 0, time.FixedZone("+0545", 20700)).Add(time.Duration(r.Int64N(int64(5 * 365 * 24 * time.Hour))))
		p.ShotTime = NewShotTime(at, true)
	}
	if i%10 != 0 {
		p.GPS = &LatLon{Lat: 27.7 + r.Float64()*0.4, Lon: 86.6 + r.Float64()*0.4}
		h := r.Float64() * 360
		p.Heading = &h
	}
	for k, j := range r.Perm(len(cat.Peaks))[:1+r.IntN(3)] {
		p.PredictedPeaks = append(p.PredictedPeaks, PeakGuess{ID: cat.Peaks[j].ID, Score: 0.9 / float64(k+1) * r.Float64()})
	}
	return p
}

func tableReportPercentiles(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	at := func(p float64) float64 {
		return float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// heapAlloc is the Go heap's live bytes after a collection.
func heapAlloc() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((testenv.ProcessCPU()-start).Microseconds())/1000/float64(b.N), "cpu-ms")
}
