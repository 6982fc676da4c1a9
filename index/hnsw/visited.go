package hnsw

// visited remembers which slots a search has seen. Marks carry a generation tag so a reused set is
// cleared by bumping the tag instead of zeroing memory on every search.
type visited struct {
	marks []uint16
	tag   uint16
}

// getVisited returns a cleared set able to hold n slots.
func (g *Graph) getVisited(n int) *visited {
	v, _ := g.visitedPool.Get().(*visited)
	if v == nil || len(v.marks) < n {
		return &visited{marks: make([]uint16, n), tag: 1}
	}
	v.reset()
	return v
}

// reset forgets every mark.
func (v *visited) reset() {
	v.tag++
	if v.tag == 0 {
		clear(v.marks)
		v.tag = 1
	}
}

func (g *Graph) putVisited(v *visited) { g.visitedPool.Put(v) }

// visit marks slot and reports whether it was already marked.
func (v *visited) visit(slot uint32) bool {
	if v.marks[slot] == v.tag {
		return true
	}
	v.marks[slot] = v.tag
	return false
}
