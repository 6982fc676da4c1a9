package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cairn-photos/cairn/index/hnsw"
	"github.com/cairn-photos/cairn/index/vectors"
)

// facadeIndex adapts a vectors.Index to the graph-level measurement: ids are row numbers.
type facadeIndex struct{ ix *vectors.Index }

func (f facadeIndex) search(q []float32, k int) []hnsw.Result {
	hits, _ := f.ix.Search(q, k, nil)
	out := make([]hnsw.Result, len(hits))
	for i, h := range hits {
		out[i] = hnsw.Result{Slot: uint32(h.ID), Score: h.Score}
	}
	return out
}

// buildFacade fills a vectors.Index in dir with Put from a pool of workers, flushing every 5000 rows as
// a library scan would, then closes it.
func buildFacade(dir string, base vectors.Matrix, c config) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	ix, err := vectors.Open(dir, c.dim, vectors.Options{M: c.m, EfConstruction: c.efc})
	if err != nil {
		return err
	}
	workers := c.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := base.Len()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(n); i = next.Add(1) - 1 {
				if err := ix.Put(uint64(i), base.Vector(uint32(i))); err != nil {
					errs <- err
					return
				}
				if i%5000 == 4999 {
					if err := ix.Flush(); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		ix.Close()
		return err
	}
	return ix.Close()
}

// openFacade times vectors.Open with the given search ef.
func openFacade(dir string, c config, ef int) (*vectors.Index, time.Duration, error) {
	start := time.Now()
	ix, err := vectors.Open(dir, c.dim, vectors.Options{M: c.m, EfConstruction: c.efc, EfSearch: ef, ExactBelow: 1})
	return ix, time.Since(start), err
}

func dirSize(dir string) int64 {
	var n int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := os.Stat(filepath.Join(dir, e.Name())); err == nil {
			n += info.Size()
		}
	}
	return n
}
