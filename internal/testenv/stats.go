package testenv

import (
	"math"
	"slices"
)

// Quantile is the q-quantile (nearest rank) of xs, for the error figures tests report; NaN when xs is empty.
func Quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[max(0, min(len(s)-1, int(math.Ceil(q*float64(len(s))))-1))]
}
