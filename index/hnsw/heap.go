package hnsw

// candidate is a slot with its distance to the query.
type candidate struct {
	slot uint32
	dist float32
}

// minHeap pops the nearest candidate first; maxHeap pops the farthest. Hand-written rather than
// container/heap because they sit in the innermost loop.
type minHeap []candidate

func (h *minHeap) push(c candidate) {
	*h = append(*h, c)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p].dist <= a[i].dist {
			break
		}
		a[p], a[i] = a[i], a[p]
		i = p
	}
}

func (h *minHeap) pop() candidate {
	a := *h
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	*h = a[:n]
	siftDown(a[:n], func(x, y float32) bool { return x < y })
	return top
}

type maxHeap []candidate

func (h *maxHeap) push(c candidate) {
	*h = append(*h, c)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p].dist >= a[i].dist {
			break
		}
		a[p], a[i] = a[i], a[p]
		i = p
	}
}

func (h *maxHeap) pop() candidate {
	a := *h
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	*h = a[:n]
	siftDown(a[:n], func(x, y float32) bool { return x > y })
	return top
}

func (h maxHeap) peek() candidate { return h[0] }

// sorted empties the heap into a slice ordered nearest first.
func (h *maxHeap) sorted() []candidate {
	out := make([]candidate, len(*h))
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = h.pop()
	}
	return out
}

func siftDown(a []candidate, before func(x, y float32) bool) {
	i := 0
	for {
		l := 2*i + 1
		if l >= len(a) {
			return
		}
		best := l
		if r := l + 1; r < len(a) && before(a[r].dist, a[l].dist) {
			best = r
		}
		if !before(a[best].dist, a[i].dist) {
			return
		}
		a[i], a[best] = a[best], a[i]
		i = best
	}
}
