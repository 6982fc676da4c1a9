package vectors

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cairn-photos/cairn/index/hnsw"
	"github.com/cairn-photos/cairn/internal/atomicfile"
)

// The graph is a cache derived from the vectors: it is saved now and then as graph.<gen>.<commit>.hnsw,
// where commit is the metadata commit it matches. On open, slots written after that commit are
// re-inserted, so a missing, stale or corrupt graph costs time, never correctness.

func graphFileName(gen uint64, commit uint32) string {
	return fmt.Sprintf("graph.%d.%d.hnsw", gen, commit)
}

// parseGraphName reads gen and commit back from a graph file name.
func parseGraphName(name string) (gen uint64, commit uint32, ok bool) {
	parts := strings.Split(name, ".")
	if len(parts) != 4 || parts[0] != "graph" || parts[3] != "hnsw" {
		return 0, 0, false
	}
	g, err1 := strconv.ParseUint(parts[1], 10, 64)
	c, err2 := strconv.ParseUint(parts[2], 10, 32)
	return g, uint32(c), err1 == nil && err2 == nil
}

// saveGraph writes g atomically. Older files stay until the caller prunes them, so a graph for a
// generation that never gets committed cannot push out the current one.
func saveGraph(dir string, gen uint64, commit uint32, g *hnsw.Graph) error {
	path := filepath.Join(dir, graphFileName(gen, commit))
	if err := atomicfile.WriteFunc(path, 0o644, g.Export); err != nil {
		return fmt.Errorf("save graph: %w", err)
	}
	return nil
}

// loadGraph returns the newest readable graph of generation gen saved at or before commit maxCommit.
// ok is false when there is none; unreadable files are deleted.
func loadGraph(dir string, gen uint64, maxCommit uint32, vecs hnsw.Vectors) (g *hnsw.Graph, commit uint32, ok bool) {
	names, _ := filepath.Glob(filepath.Join(dir, "graph.*.hnsw"))
	best, bestCommit := "", uint32(0)
	for _, n := range names {
		gn, c, valid := parseGraphName(filepath.Base(n))
		if valid && gn == gen && c <= maxCommit && (best == "" || c > bestCommit) {
			best, bestCommit = n, c
		}
	}
	if best == "" {
		return nil, 0, false
	}
	g, err := readGraph(best, vecs)
	if err != nil {
		os.Remove(best)
		return nil, 0, false
	}
	removeGraphsExcept(dir, filepath.Base(best))
	return g, bestCommit, true
}

func readGraph(path string, vecs hnsw.Vectors) (*hnsw.Graph, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read graph: %w", err)
	}
	g, err := hnsw.Decode(data, vecs)
	if err != nil {
		return nil, fmt.Errorf("read graph %s: %w", path, err)
	}
	return g, nil
}

// removeGraphsExcept deletes other graph files and temp leftovers; failure only wastes space.
func removeGraphsExcept(dir, keep string) {
	for _, pattern := range []string{"graph.*.hnsw", "graph.*.hnsw.tmp"} {
		names, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, n := range names {
			if filepath.Base(n) != keep {
				os.Remove(n)
			}
		}
	}
}
