package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cairn-photos/cairn/index/hnsw"
	"github.com/cairn-photos/cairn/index/vectors"
)

// summary is the first JSON line; efResult follows once per ef.
type summary struct {
	Engine     string  `json:"engine"`
	N          int     `json:"n"`
	Dim        int     `json:"dim"`
	M          int     `json:"M"`
	Efc        int     `json:"efc"`
	BuildS     float64 `json:"build_s"`
	LoadS      float64 `json:"load_s"`
	Bytes      int64   `json:"bytes"`
	ExactP50us float64 `json:"exact_p50_us"`
	ExactP99us float64 `json:"exact_p99_us"`
	// With -codes: the graph walks int8 codes, and the exact scan of codes (rescored) is timed too.
	Codes           bool    `json:"codes"`
	ExactCodesP50us float64 `json:"exact_codes_p50_us,omitempty"`
}

type efResult struct {
	Ef     int     `json:"ef"`
	Recall float64 `json:"recall"`
	P50us  float64 `json:"p50_us"`
	P99us  float64 `json:"p99_us"`
}

func run(c config, out io.Writer) error {
	base, baseMap, err := mappedRows(c.base, c.dim)
	if err != nil {
		return err
	}
	defer baseMap.Unmap()
	queries, queryMap, err := mappedRows(c.queries, c.dim)
	if err != nil {
		return err
	}
	defer queryMap.Unmap()
	n := base.Len()
	if c.maxq > 0 && c.maxq < queries.Len() {
		queries.Data = queries.Data[:c.maxq*c.dim]
	}
	s := summary{Engine: "cairn", N: n, Dim: c.dim, M: c.m, Efc: c.efc, Codes: c.codes}
	var rows hnsw.Vectors = base // what the bare graph reads
	if c.codes {
		rows = vectors.NewCodedMatrix(base)
	}

	// searchers[i] answers at c.efs[i]: the bare graph, or the vectors.Index opened with that ef.
	var searchers []func(q []float32, k int) []hnsw.Result
	start := time.Now()
	if c.dir == "" {
		var g *hnsw.Graph
		if c.reuse {
			if g, s.Bytes, s.LoadS, err = load(c.graphPath, rows); err != nil {
				return err
			}
		} else {
			g = build(rows, n, hnsw.Config{M: c.m, EfConstruction: c.efc, Seed: 1}, c.workers)
			s.BuildS = time.Since(start).Seconds()
			if g, s.Bytes, s.LoadS, err = saveAndLoad(g, rows, c); err != nil {
				return err
			}
		}
		for _, ef := range c.efs {
			searchers = append(searchers, func(q []float32, k int) []hnsw.Result {
				res, _ := g.SearchWith(q, k, hnsw.SearchOptions{Ef: ef})
				return res
			})
		}
	} else {
		s.Engine = "cairn-vectors"
		if !c.reuse {
			if err := buildFacade(c.dir, base, c); err != nil {
				return err
			}
			s.BuildS = time.Since(start).Seconds()
		}
		s.Bytes = dirSize(c.dir)
		for i, ef := range c.efs {
			ix, took, err := openFacade(c.dir, c, ef)
			if err != nil {
				return err
			}
			defer ix.Close()
			if i == 0 {
				s.LoadS = took.Seconds()
			}
			searchers = append(searchers, facadeIndex{ix}.search)
		}
	}

	// Ground truth from the exact scan, timed as the exact-search latency (it runs on every CPU).
	truth := make([][]uint32, queries.Len())
	exactTimes := make([]time.Duration, queries.Len())
	for i := range truth {
		t0 := time.Now()
		hits := vectors.ExactSearch(base, n, queries.Vector(uint32(i)), c.k, nil, 0)
		exactTimes[i] = time.Since(t0)
		for _, h := range hits {
			truth[i] = append(truth[i], h.Slot)
		}
	}
	s.ExactP50us, s.ExactP99us = percentile(exactTimes, 0.50), percentile(exactTimes, 0.99)
	if coded, ok := rows.(*vectors.CodedMatrix); ok {
		for i := range truth {
			t0 := time.Now()
			vectors.ExactSearch(coded, n, queries.Vector(uint32(i)), c.k, nil, 0)
			exactTimes[i] = time.Since(t0)
		}
		s.ExactCodesP50us = percentile(exactTimes, 0.50)
	}

	var results []efResult
	for i, ef := range c.efs {
		results = append(results, measure(searchers[i], queries, truth, c.k, ef))
	}
	return report(out, c, s, results)
}

// build inserts every row from a pool of workers, as a library scan would.
func build(base hnsw.Vectors, n int, cfg hnsw.Config, workers int) *hnsw.Graph {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g := hnsw.New(base, cfg)
	g.Reserve(n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				g.Add(uint32(i))
			}
		}()
	}
	wg.Wait()
	return g
}

// saveAndLoad writes the graph to a file and times reading it back, which is what opening an index costs
// besides mapping the vector file.
func saveAndLoad(g *hnsw.Graph, base hnsw.Vectors, c config) (*hnsw.Graph, int64, float64, error) {
	path := c.graphPath
	if path == "" {
		f, err := os.CreateTemp("", "annbench-*.hnsw")
		if err != nil {
			return nil, 0, 0, fmt.Errorf("create graph file: %w", err)
		}
		path = f.Name()
		f.Close()
		defer os.Remove(path)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("create %s: %w", path, err)
	}
	if err := g.Export(f); err != nil {
		f.Close()
		return nil, 0, 0, err
	}
	if err := f.Close(); err != nil {
		return nil, 0, 0, fmt.Errorf("close %s: %w", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("stat %s: %w", path, err)
	}

	loaded, _, took, err := load(path, base)
	return loaded, info.Size(), took, err
}

// load reads a saved graph, timing it.
func load(path string, base hnsw.Vectors) (*hnsw.Graph, int64, float64, error) {
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	g, err := hnsw.Import(bufio.NewReaderSize(f, 1<<20), base)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("load %s: %w", path, err)
	}
	took := time.Since(start).Seconds()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, 0, fmt.Errorf("stat %s: %w", path, err)
	}
	return g, info.Size(), took, nil
}

// measure runs every query once, one at a time, at one ef, after an untimed warm-up pass.
func measure(search func(q []float32, k int) []hnsw.Result, queries vectors.Matrix, truth [][]uint32, k, ef int) efResult {
	times := make([]time.Duration, queries.Len())
	hits, total := 0, 0
	for i := range truth { // warm up: first touches of a fresh mapping fault pages in
		search(queries.Vector(uint32(i)), k)
	}
	for i := range truth {
		t0 := time.Now()
		got := search(queries.Vector(uint32(i)), k)
		times[i] = time.Since(t0)
		want := map[uint32]bool{}
		for _, s := range truth[i] {
			want[s] = true
		}
		for _, r := range got {
			if want[r.Slot] {
				hits++
			}
		}
		total += len(truth[i])
	}
	return efResult{Ef: ef, Recall: float64(hits) / float64(total), P50us: percentile(times, 0.5), P99us: percentile(times, 0.99)}
}

func percentile(ts []time.Duration, p float64) float64 {
	s := append([]time.Duration(nil), ts...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := min(len(s)-1, int(p*float64(len(s))))
	return float64(s[i].Nanoseconds()) / 1e3
}

func report(w io.Writer, c config, s summary, results []efResult) error {
	if c.json {
		enc := json.NewEncoder(w)
		if err := enc.Encode(s); err != nil {
			return fmt.Errorf("print: %w", err)
		}
		for _, r := range results {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("print: %w", err)
			}
		}
		return nil
	}
	fmt.Fprintf(w, "%s  n=%d dim=%d M=%d efc=%d\n", s.Engine, s.N, s.Dim, s.M, s.Efc)
	fmt.Fprintf(w, "build %.2fs  on disk %.1f MB  load %.3fs  exact scan p50 %.0fµs p99 %.0fµs\n",
		s.BuildS, float64(s.Bytes)/1e6, s.LoadS, s.ExactP50us, s.ExactP99us)
	if s.Codes {
		fmt.Fprintf(w, "int8 codes: graph on codes, exact scan of codes p50 %.0fµs\n", s.ExactCodesP50us)
	}
	fmt.Fprintf(w, "%6s %8s %10s %10s\n", "ef", "recall", "p50 µs", "p99 µs")
	for _, r := range results {
		fmt.Fprintf(w, "%6d %8.4f %10.1f %10.1f\n", r.Ef, r.Recall, r.P50us, r.P99us)
	}
	return nil
}
