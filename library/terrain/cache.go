package terrain

import (
	"container/list"
	"sync"
)

// tileCache keeps the most recently used decoded tiles within a byte budget. A tile asked for by several
// goroutines at once is decoded once; the others wait for it. Tiles handed out stay valid after eviction
// (the caller's reference keeps them alive), so a horizon may use more tiles than the budget holds.
type tileCache struct {
	mu      sync.Mutex
	budget  int64
	used    int64
	entries map[cacheKey]*cacheEntry
	order   list.List // of *cacheEntry, most recently used first
}

// cacheKey names a decoded tile at a resolution.
type cacheKey struct {
	tileKey
	res resolution
}

type cacheEntry struct {
	key   cacheKey
	elem  *list.Element
	ready chan struct{} // closed once t or err is set
	t     *tile
	err   error
	bytes int64
}

func newTileCache(budget int64) *tileCache {
	return &tileCache{budget: budget, entries: map[cacheKey]*cacheEntry{}}
}

// get returns the tile for key, decoding it with load when it is not cached. A failed load is not cached:
// the next call tries again (the file may have been replaced).
func (c *tileCache) get(key cacheKey, load func() (*tile, error)) (*tile, error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		c.order.MoveToFront(e.elem)
		c.mu.Unlock()
		<-e.ready
		return e.t, e.err
	}
	e := &cacheEntry{key: key, ready: make(chan struct{})}
	e.elem = c.order.PushFront(e)
	c.entries[key] = e
	c.mu.Unlock()

	e.t, e.err = load()
	c.mu.Lock()
	if e.err != nil {
		c.remove(e)
	} else {
		e.bytes = int64(len(e.t.h)) * 2
		c.used += e.bytes
		c.evict(e)
	}
	c.mu.Unlock()
	close(e.ready)
	return e.t, e.err
}

// evict drops the least recently used ready tiles until the budget holds, never the one just loaded.
func (c *tileCache) evict(keep *cacheEntry) {
	for el := c.order.Back(); el != nil && c.used > c.budget; {
		prev := el.Prev()
		if e := el.Value.(*cacheEntry); e != keep && e.bytes > 0 {
			c.remove(e)
		}
		el = prev
	}
}

func (c *tileCache) remove(e *cacheEntry) {
	if c.entries[e.key] == e {
		delete(c.entries, e.key)
		c.order.Remove(e.elem)
		c.used -= e.bytes
	}
}

// size reports how many tiles and bytes the cache holds.
func (c *tileCache) size() (tiles int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.used
}
