package hnsw

// Renumber returns a copy of the graph whose nodes sit at new slots, for when the vector file is
// compacted. newSlot maps each present slot to its new number; links to slots it drops are removed.
// vecs must serve the vectors at their new slots. Renumber must not run alongside Add or Delete.
func (g *Graph) Renumber(vecs Vectors, newSlot func(old uint32) (uint32, bool)) *Graph {
	g.resize.RLock()
	defer g.resize.RUnlock()
	out := New(vecs, g.cfg)
	for old := range g.levels {
		level := g.levelOf(uint32(old))
		if level == absent {
			continue
		}
		ns, ok := newSlot(uint32(old))
		if !ok {
			continue
		}
		out.growLocked(int(ns) + 1)
		if level > 0 {
			out.upper[ns] = make([]uint32, level*out.strideUp())
		}
		out.levels[ns].Store(int32(level))
		out.count.Add(1)
		for layer := 0; layer <= level; layer++ {
			src, dst := g.list(uint32(old), layer), out.list(ns, layer)
			n := 0
			for _, x := range src[1 : 1+src[0]] {
				if nx, ok := newSlot(x); ok && g.levelOf(x) >= layer {
					dst[1+n] = nx
					n++
				}
			}
			dst[0] = uint32(n)
		}
	}
	g.entryMu.RLock()
	defer g.entryMu.RUnlock()
	if ne, ok := newSlot(g.entry); ok && g.top != absent {
		out.entry, out.top = ne, g.top
	} else {
		out.entry, out.top = out.highestNode()
	}
	return out
}
