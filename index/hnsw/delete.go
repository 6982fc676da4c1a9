package hnsw

// Delete removes slot from the graph. Each node that linked to it gets its list rebuilt by the
// neighbour heuristic from its remaining links plus the deleted node's links, so the graph stays
// navigable after many deletes. Links from nodes the deleted node did not link back to are left
// dangling; searches skip them because the slot is absent. Deleting an absent slot does nothing.
func (g *Graph) Delete(slot uint32) {
	g.resize.RLock()
	defer g.resize.RUnlock()

	mu := &g.locks[slot%lockStripes]
	mu.Lock()
	level := g.levelOf(slot)
	if level == absent {
		mu.Unlock()
		return
	}
	lists := make([][]uint32, level+1)
	for layer := range lists {
		l := g.list(slot, layer)
		lists[layer] = append([]uint32(nil), l[1:1+l[0]]...)
	}
	g.levels[slot].Store(absent)
	g.upper[slot] = nil
	mu.Unlock()
	g.count.Add(-1)

	g.entryMu.Lock()
	if g.entry == slot {
		g.entry, g.top = g.highestNode()
	}
	g.entryMu.Unlock()

	codes := g.readyCodes()
	for layer, links := range lists {
		for _, n := range links {
			g.repair(n, slot, layer, links, codes)
		}
	}
}

// highestNode finds a node on the highest populated layer, or reports an empty graph.
func (g *Graph) highestNode() (uint32, int) {
	best, top := uint32(0), absent
	for i := range g.levels {
		if l := int(g.levels[i].Load()); l > top {
			best, top = uint32(i), l
		}
	}
	return best, top
}

// repair drops gone from node's list on layer and refills the list from gone's links.
func (g *Graph) repair(node, gone uint32, layer int, goneLinks []uint32, codes Codes) {
	mu := &g.locks[node%lockStripes]
	mu.Lock()
	defer mu.Unlock()
	if g.levelOf(node) < layer {
		return
	}
	l := g.list(node, layer)
	links := l[1 : 1+l[0]]
	found := false
	for _, x := range links {
		found = found || x == gone
	}
	if !found {
		return
	}
	base := g.nodeScorer(node, codes)
	seen := map[uint32]bool{node: true, gone: true}
	cands := make(maxHeap, 0, len(links)+len(goneLinks))
	for _, group := range [][]uint32{links, goneLinks} {
		for _, x := range group {
			if seen[x] || g.levelOf(x) < layer {
				continue
			}
			seen[x] = true
			cands.push(candidate{x, base.dist(x)})
		}
	}
	kept := g.selectNeighbours(cands.sorted(), g.maxLinks(layer), codes)
	l[0] = uint32(len(kept))
	for i, c := range kept {
		l[1+i] = c.slot
	}
}
