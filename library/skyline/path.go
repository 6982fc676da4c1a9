package skyline

// bestPath finds, for a grid of energies (n states per column, w columns, stored state-major: energy[s*w+x]),
// the sequence of one state per column that minimises the summed energies plus jump × |s(x) − s(x−1)|. The
// min-convolution with the L1 jump cost is a two-sweep distance transform, so the whole search is O(w·n).
func bestPath(energy []float32, w, n int, jump float32) []int {
	cost := make([]float32, n)
	for s := range n {
		cost[s] = energy[s*w]
	}
	from := make([]int32, w*n) // from[x*n+s]: the state of column x-1 on the best path into state s of column x
	best := make([]float32, n)
	arg := make([]int32, n)
	for x := 1; x < w; x++ {
		for s := range n {
			best[s], arg[s] = cost[s], int32(s)
		}
		for s := 1; s < n; s++ {
			if c := best[s-1] + jump; c < best[s] {
				best[s], arg[s] = c, arg[s-1]
			}
		}
		for s := n - 2; s >= 0; s-- {
			if c := best[s+1] + jump; c < best[s] {
				best[s], arg[s] = c, arg[s+1]
			}
		}
		copy(from[x*n:(x+1)*n], arg)
		for s := range n {
			cost[s] = best[s] + energy[s*w+x]
		}
	}
	end := 0
	for s := range n {
		if cost[s] < cost[end] {
			end = s
		}
	}
	path := make([]int, w)
	path[w-1] = end
	for x := w - 1; x > 0; x-- {
		path[x-1] = int(from[x*n+path[x]])
	}
	return path
}
