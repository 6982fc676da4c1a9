package terrain

import "math/bits"

// blockGround is the largest ground size of the blocks a tile's maxima are kept for: about 1.5 km. Blocks are
// a power of two samples wide (16 at 3″, 32 at 1″) so that a sample's block is a shift away, and four by four
// of them make a coarse block (6 km at 3″).
const blockGround = 1.0 / 75 // degrees

// coarseShift is log2 of the fine blocks per coarse block side.
const coarseShift = 2

// blockMaxima are the highest samples of a tile's blocks: fine[(r>>shift)*blocks + c>>shift] is the highest
// sample any bilinear cell with its north-west corner (r, c) in that block reads; coarse the same for blocks
// 1<<coarseShift times wider. Rays marching out skip blocks that cannot rise above the skyline found so far.
type blockMaxima struct {
	shift        int // log2 of the fine block side in samples
	blocks       int // fine blocks per tile side
	coarseBlocks int
	fine, coarse []int16
}

// summarize computes the tile's highest sample and its block maxima.
func (t *tile) summarize() {
	shift := bits.Len(uint(float64(t.n-1)*blockGround)) - 1
	b := blockMaxima{shift: shift, blocks: (t.n-2)>>shift + 1}
	b.coarseBlocks = (b.blocks-1)>>coarseShift + 1
	b.fine = make([]int16, b.blocks*b.blocks)
	b.coarse = make([]int16, b.coarseBlocks*b.coarseBlocks)
	for i := range b.fine {
		b.fine[i] = voidValue
	}
	for i := range b.coarse {
		b.coarse[i] = voidValue
	}
	t.maxH = voidValue
	// Cell (r0, c0) reads samples r0..r0+1 and c0..c0+1: sample (r, c) belongs to the blocks of cells
	// (r−1 or r, c−1 or c), clamped to the last cell n−2.
	cellBlock := func(i int) (lo, hi int) {
		return min(max(i-1, 0), t.n-2) >> shift, min(i, t.n-2) >> shift
	}
	for r := 0; r < t.n; r++ {
		brLo, brHi := cellBlock(r)
		for c, v := range t.h[r*t.n : (r+1)*t.n] {
			t.maxH = max(t.maxH, v)
			bcLo, bcHi := cellBlock(c)
			for br := brLo; br <= brHi; br++ {
				for bc := bcLo; bc <= bcHi; bc++ {
					i := br*b.blocks + bc
					b.fine[i] = max(b.fine[i], v)
				}
			}
		}
	}
	for br := 0; br < b.blocks; br++ {
		for bc := 0; bc < b.blocks; bc++ {
			i := (br>>coarseShift)*b.coarseBlocks + bc>>coarseShift
			b.coarse[i] = max(b.coarse[i], b.fine[br*b.blocks+bc])
		}
	}
	t.blockMaxima = b
}
