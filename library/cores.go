package library

import (
	"context"

	"golang.org/x/sync/semaphore"
)

// coreShare shares the cores between a scan's decoding and its image tower. Decoding a photo holds one core;
// a run of the tower holds as many as its session has intra-op threads, since each of its operators is
// split over all of them and waits for the slowest. Taking turns (first come, first served: a tower run
// waiting for two cores is not overtaken by decodes asking for one) keeps the two from oversubscribing
// the cores, so the tower's threads are never descheduled in the middle of an operator, while either
// stage alone still has every core.
type coreShare struct {
	sem   *semaphore.Weighted
	cores int
}

// newCoreShare shares n cores; runtime.NumCPU() for a scan.
func newCoreShare(n int) *coreShare {
	return &coreShare{sem: semaphore.NewWeighted(int64(n)), cores: n}
}

// hold waits for n cores (at most all of them) and returns the function that gives them back.
func (c *coreShare) hold(n int) (release func()) {
	n = min(max(n, 1), c.cores)
	_ = c.sem.Acquire(context.Background(), int64(n)) // fails only when its context is done
	return func() { c.sem.Release(int64(n)) }
}

// towerThreads is how many cores a run of e's image tower keeps busy: what it says, else every core.
func (c *coreShare) towerThreads(e Embedder) int {
	if t, ok := e.(interface{ Threads() int }); ok && t.Threads() > 0 {
		return t.Threads()
	}
	return c.cores
}
