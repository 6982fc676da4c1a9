package terrain

// resolution is which version of a tile a reader wants.
type resolution int

const (
	// native is the tile as its file has it (1″ or 3″).
	native resolution = iota
	// coarse is at most 3″: 1″ tiles keep every third sample (a 1″ tile is 26 MB decoded, its 3″ version 2.9 MB).
	// Horizons, lines of sight and wide hillshades read it: beyond a few hundred metres 1″ adds nothing they
	// can use, and a horizon touches up to 16 tiles.
	coarse
)

// decimate keeps every step-th sample of the tile in both directions.
func (t *tile) decimate(step int) *tile {
	n := (t.n-1)/step + 1
	d := &tile{key: t.key, n: n, h: make([]int16, n*n)}
	for r := range n {
		for c := range n {
			d.h[r*n+c] = t.h[r*step*t.n+c*step]
		}
	}
	d.voids = t.voids
	d.summarize()
	return d
}
