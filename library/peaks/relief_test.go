package peaks

import (
	"math"
	"testing"
)

func TestViewRelief(t *testing.T) {
	// A lone pyramid: 2° of ridge all round, rising to 12° at bearing 80° with flanks of 1° per degree.
	pyramid := func(b float64) float64 { return max(2, 12-math.Abs(offsetDeg(80, b))) }
	near(t, "lone pyramid", viewRelief(pyramid, 80, 12), 10, 1e-9)

	// The same summit as a bump on a ridge that climbs to 20° on its right: the col on the right, 11°, is the
	// higher of the two, so it stands 1° out of the view.
	ridge := func(b float64) float64 {
		off := offsetDeg(80, b)
		switch {
		case off < 0:
			return max(2, 12+off)
		case off < 1:
			return 12 - off
		default:
			return min(20, 11+(off-1))
		}
	}
	near(t, "bump on a ridge", viewRelief(ridge, 80, 12), 1, 1e-9)

	// Seen against higher ground behind it, a summit stands out of nothing.
	wall := func(float64) float64 { return 15 }
	near(t, "against a wall", viewRelief(wall, 80, 12), 0, 0)

	// Across north the walk wraps.
	north := func(b float64) float64 { return max(0, 5-math.Abs(offsetDeg(0, b))) }
	near(t, "across north", viewRelief(north, 0, 5), 5, 1e-9)
}
