package hnsw

// Add inserts slot, whose vector must already be readable through Vectors. Adding a slot that is
// already in the graph does nothing. Add is safe alongside Search, Add and Delete.
func (g *Graph) Add(slot uint32) {
	g.resize.RLock()
	if int(slot) >= len(g.levels) {
		g.resize.RUnlock()
		g.Reserve(int(slot) + 1)
		g.resize.RLock()
	}
	defer g.resize.RUnlock()

	level := g.randomLevel()
	if !g.claim(slot, level) {
		return
	}
	codes := g.readyCodes()
	sc := g.nodeScorer(slot, codes)

	g.entryMu.RLock()
	entry, top := g.entry, g.top
	g.entryMu.RUnlock()
	if top == absent && g.becomeEntry(slot, level) {
		return
	}
	if top == absent { // another Add became the first node meanwhile
		g.entryMu.RLock()
		entry, top = g.entry, g.top
		g.entryMu.RUnlock()
	}

	cur := candidate{entry, sc.dist(entry)}
	var buf []uint32
	for layer := top; layer > level; layer-- {
		cur, buf = g.greedy(&sc, cur, layer, buf)
	}
	entries := []candidate{cur}
	vis := g.getVisited(len(g.levels))
	defer g.putVisited(vis)
	for layer := min(level, top); layer >= 0; layer-- {
		if layer < min(level, top) {
			vis.reset() // each layer is searched afresh
		}
		found, _ := g.searchLayer(&sc, entries, g.cfg.EfConstruction, layer, vis, nil, 0)
		entries = found.sorted()
		chosen := g.selectNeighbours(withoutSlot(entries, slot), g.cfg.M, codes)
		g.setLinks(slot, layer, chosen, codes)
		for _, c := range chosen {
			g.link(c.slot, candidate{slot, c.dist}, layer, codes)
		}
	}

	if level > top {
		g.entryMu.Lock()
		if level > g.top && g.levelOf(slot) == level { // not deleted meanwhile
			g.entry, g.top = slot, level
		}
		g.entryMu.Unlock()
	}
}

// claim marks slot present at level with empty lists; false if it was already present.
func (g *Graph) claim(slot uint32, level int) bool {
	mu := &g.locks[slot%lockStripes]
	mu.Lock()
	defer mu.Unlock()
	if g.levelOf(slot) != absent {
		return false
	}
	g.layer0[int(slot)*g.stride0()] = 0
	g.upper[slot] = nil
	if level > 0 {
		g.upper[slot] = make([]uint32, level*g.strideUp())
	}
	g.levels[slot].Store(int32(level))
	g.count.Add(1)
	return true
}

// becomeEntry makes slot the entry of an empty graph; false if the graph is no longer empty.
func (g *Graph) becomeEntry(slot uint32, level int) bool {
	g.entryMu.Lock()
	defer g.entryMu.Unlock()
	if g.top != absent {
		return false
	}
	g.entry, g.top = slot, level
	return true
}

func withoutSlot(cs []candidate, slot uint32) []candidate {
	out := cs[:0:0]
	for _, c := range cs {
		if c.slot != slot {
			out = append(out, c)
		}
	}
	return out
}

// selectNeighbours is the HNSW heuristic (algorithm 4 of the paper, as in hnswlib): walking the
// candidates nearest first, keep one only if it is closer to the base than to every one already kept.
// This spreads links over directions instead of crowding them into the nearest cluster.
// cands must be sorted nearest first, their distances on codes if codes is not nil.
func (g *Graph) selectNeighbours(cands []candidate, m int, codes Codes) []candidate {
	if len(cands) <= m {
		return cands
	}
	kept := make([]candidate, 0, m)
	for _, c := range cands {
		if len(kept) >= m {
			break
		}
		sc := g.nodeScorer(c.slot, codes)
		good := true
		for _, k := range kept {
			if sc.dist(k.slot) < c.dist {
				good = false
				break
			}
		}
		if good {
			kept = append(kept, c)
		}
	}
	return kept
}

// setLinks gives slot its links on layer. Another insert may already have linked slot to itself there: it
// reached slot through a layer above, where slot's links were set first. Overwriting would drop that link,
// the other node's way in from slot's side, and concurrent builds left nodes no search could reach; so
// those links are kept, and the list pruned by the heuristic if they overfill it. links' distances are
// on codes if codes is not nil.
func (g *Graph) setLinks(slot uint32, layer int, links []candidate, codes Codes) {
	mu := &g.locks[slot%lockStripes]
	mu.Lock()
	defer mu.Unlock()
	l := g.list(slot, layer)
	if l[0] > 0 {
		links = g.withLinksOf(slot, layer, l[1:1+l[0]], links, codes)
	}
	l[0] = uint32(len(links))
	for i, c := range links {
		l[1+i] = c.slot
	}
}

// withLinksOf merges existing, slot's links on layer, into chosen, pruning by the heuristic past the list's size.
func (g *Graph) withLinksOf(slot uint32, layer int, existing []uint32, chosen []candidate, codes Codes) []candidate {
	base := g.nodeScorer(slot, codes)
	cands := make(maxHeap, 0, len(chosen)+len(existing))
	in := make(map[uint32]bool, len(chosen))
	for _, c := range chosen {
		in[c.slot] = true
		cands.push(c)
	}
	for _, x := range existing {
		if !in[x] && g.levelOf(x) >= layer {
			in[x] = true
			cands.push(candidate{x, base.dist(x)})
		}
	}
	return g.selectNeighbours(cands.sorted(), g.maxLinks(layer), codes)
}

// link adds a back link from node to add.slot on layer, pruning node's list by the heuristic when full.
// add.dist is on codes if codes is not nil.
func (g *Graph) link(node uint32, add candidate, layer int, codes Codes) {
	mu := &g.locks[node%lockStripes]
	mu.Lock()
	defer mu.Unlock()
	if g.levelOf(node) < layer {
		return // node was deleted meanwhile
	}
	l := g.list(node, layer)
	n := int(l[0])
	for _, x := range l[1 : 1+n] {
		if x == add.slot {
			return
		}
	}
	if n < g.maxLinks(layer) {
		l[1+n] = add.slot
		l[0]++
		return
	}
	base := g.nodeScorer(node, codes)
	cands := make(maxHeap, 0, n+1)
	cands.push(add)
	for _, x := range l[1 : 1+n] {
		if g.levelOf(x) >= layer {
			cands.push(candidate{x, base.dist(x)})
		}
	}
	kept := g.selectNeighbours(cands.sorted(), g.maxLinks(layer), codes)
	l[0] = uint32(len(kept))
	for i, c := range kept {
		l[1+i] = c.slot
	}
}
