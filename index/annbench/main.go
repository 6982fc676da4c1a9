// Command annbench measures the vector index in the ann-benchmarks convention: raw little-endian
// float32 base and query files in, build time, graph size, load time and per-ef recall@k and
// single-query latency out. With -gen it first writes clustered unit-vector files, so it runs
// without downloads. hnswlib_bench.py prints the same JSON for Debian's python3-hnswlib.
//
//	go run ./index/annbench -gen 100000 -base /tmp/b.f32 -queries /tmp/q.f32
//	go run ./index/annbench -base /tmp/b.f32 -queries /tmp/q.f32 -dim 768 -k 10 -M 16 -efc 128 -ef 10,20,40,80
//	go run ./index/annbench -dir /tmp/ix ...   (the same through vectors.Index: load_s is vectors.Open)
//
// Both engines on the same files, in one shell line:
//
//	go run ./index/annbench -json -base B -queries Q -ef 10,20,40,80 && \
//	  /usr/bin/python3 index/annbench/hnswlib_bench.py -base B -queries Q -ef 10,20,40,80
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

type config struct {
	base, queries, graphPath string
	dir                      string
	dim, k, m, efc, workers  int
	efs                      []int
	json, reuse, codes       bool
	gen, nq, clusters, maxq  int
	seed                     uint64
}

func main() {
	var c config
	var efList string
	flag.StringVar(&c.base, "base", "", "raw float32 base vectors file")
	flag.StringVar(&c.queries, "queries", "", "raw float32 query vectors file")
	flag.StringVar(&c.graphPath, "graph", "", "where to save the graph for the load test (default: a temp file, removed)")
	flag.StringVar(&c.dir, "dir", "", "build through the vectors.Index facade in this directory (Put, Flush, Close, Open) instead of the bare graph")
	flag.IntVar(&c.dim, "dim", 768, "vector dimension")
	flag.IntVar(&c.k, "k", 10, "neighbours per query")
	flag.IntVar(&c.m, "M", 16, "HNSW links per node (2·M on layer 0)")
	flag.IntVar(&c.efc, "efc", 128, "HNSW efConstruction")
	flag.StringVar(&efList, "ef", "10,20,40,80", "comma-separated efSearch values")
	flag.IntVar(&c.workers, "workers", 0, "build goroutines (0 = one per CPU)")
	flag.BoolVar(&c.reuse, "reuse", false, "use the graph saved at -graph, or the index in -dir, instead of building (build_s is then 0)")
	flag.IntVar(&c.maxq, "maxq", 0, "use only the first N queries (0 = all)")
	flag.BoolVar(&c.json, "json", false, "print one JSON object per line")
	flag.BoolVar(&c.codes, "codes", true, "the bare graph reads int8 codes of the vectors, as vectors.Index does (false: the floats only)")
	flag.IntVar(&c.gen, "gen", 0, "write N clustered base vectors (and -nq queries) to -base/-queries, then exit")
	flag.IntVar(&c.nq, "nq", 1000, "queries to write with -gen")
	flag.IntVar(&c.clusters, "clusters", 0, "clusters for -gen (0 = default)")
	flag.Uint64Var(&c.seed, "seed", 1, "seed for -gen")
	flag.Parse()

	for _, f := range strings.Split(efList, ",") {
		ef, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || ef <= 0 {
			fmt.Fprintf(os.Stderr, "annbench: bad -ef value %q\n", f)
			os.Exit(2)
		}
		c.efs = append(c.efs, ef)
	}
	if c.base == "" || c.queries == "" {
		fmt.Fprintln(os.Stderr, "annbench: -base and -queries are required")
		flag.Usage()
		os.Exit(2)
	}
	var err error
	if c.gen > 0 {
		err = generate(c)
	} else {
		err = run(c, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "annbench:", err)
		os.Exit(1)
	}
}
