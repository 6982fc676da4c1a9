package peaks

import "math"

const (
	// reliefStepDeg is how finely the skyline is walked around a summit.
	reliefStepDeg = 0.1
	// reliefSpanDeg bounds the walk: ground further to the side than this does not make a summit the subject.
	reliefSpanDeg = 25
	// onSkylineToleranceDeg forgives the terrain model's smoothing: SRTM reads sharp summits tens of metres
	// low, so the skyline near a summit may stand a little above or below the catalog's summit.
	onSkylineToleranceDeg = 0.3
)

// viewRelief is how far a summit stands out of the skyline around it, in degrees: walking the skyline left
// and right from the summit's bearing until it rises above the summit (or the span runs out), the higher of the
// two lowest points is the col that joins the summit to higher ground in the view, and the relief is the
// summit's height above it. It is what makes a person call a photo "of" a peak: Ama Dablam seen from Pangboche
// stands 15° out of its ridges, while a higher but farther summit showing as a bump on a long ridge stands
// out by a degree. A summit seen against higher ground behind it stands out of nothing: 0.
func viewRelief(skyline func(bearingDeg float64) float64, bearingDeg, summitElevDeg float64) float64 {
	top := summitElevDeg + onSkylineToleranceDeg
	if skyline(bearingDeg) > top {
		return 0
	}
	col := math.Inf(-1)
	for _, dir := range []float64{-1, 1} {
		low := summitElevDeg
		for off := reliefStepDeg; off <= reliefSpanDeg; off += reliefStepDeg {
			e := skyline(bearingDeg + dir*off)
			if e > top {
				break
			}
			low = min(low, e)
		}
		col = max(col, low)
	}
	return max(0, summitElevDeg-col)
}
