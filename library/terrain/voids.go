package terrain

import "math"

// fillVoids gives every void sample a height interpolated from the nearest valid samples along its row and
// its column, weighted by inverse distance: SRTM voids lie in steep terrain and on water, where this follows
// the surrounding slopes. A void with no valid sample on its row or column stays a void.
func fillVoids(h []int16, n int) {
	any := false
	for _, v := range h {
		if v == voidValue {
			any = true
			break
		}
	}
	if !any {
		return
	}
	sum := make([]float64, n*n)
	wt := make([]float64, n*n)
	// Each line (a row, then a column) is walked once: between two valid samples every void gets both.
	line := func(at func(i int) int) {
		prev := -1
		for i := 0; i <= n; i++ {
			if i < n && h[at(i)] == voidValue {
				continue
			}
			// Voids lie strictly between prev and i (either may be out of the line).
			for j := prev + 1; j < i; j++ {
				k := at(j)
				if prev >= 0 {
					w := 1 / float64(j-prev)
					sum[k] += w * float64(h[at(prev)])
					wt[k] += w
				}
				if i < n {
					w := 1 / float64(i-j)
					sum[k] += w * float64(h[at(i)])
					wt[k] += w
				}
			}
			prev = i
		}
	}
	for r := 0; r < n; r++ {
		line(func(i int) int { return r*n + i })
	}
	for c := 0; c < n; c++ {
		line(func(i int) int { return i*n + c })
	}
	for k, v := range h {
		if v == voidValue && wt[k] > 0 {
			h[k] = int16(math.Round(sum[k] / wt[k]))
		}
	}
}

// fillVoids fills the tile's voids and notes whether any are left, and its highest samples.
func (t *tile) fillVoids() {
	fillVoids(t.h, t.n)
	t.voids = false
	for _, v := range t.h {
		t.voids = t.voids || v == voidValue
	}
	t.summarize()
}
