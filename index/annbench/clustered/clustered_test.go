package clustered

import (
	"math"
	"testing"
)

func TestUnitLengthDeterministicAndClustered(t *testing.T) {
	a := New(Params{Dim: 64, Clusters: 4, Seed: 9}).Rows(200)
	b := New(Params{Dim: 64, Clusters: 4, Seed: 9}).Rows(200)
	var sameCluster int
	for i, v := range a {
		var norm float64
		for j, x := range v {
			norm += float64(x) * float64(x)
			if x != b[i][j] {
				t.Fatalf("row %d differs between two generators with one seed", i)
			}
		}
		if math.Abs(norm-1) > 1e-4 {
			t.Fatalf("row %d has length² %v", i, norm)
		}
		if i > 0 && dot(v, a[0]) > 0.4 {
			sameCluster++
		}
	}
	// With 4 clusters about a quarter of rows share row 0's cluster; random 64-d vectors almost never
	// reach a cosine of 0.4.
	if sameCluster < 20 || sameCluster > 100 {
		t.Errorf("%d of 199 rows are close to row 0; want about 50", sameCluster)
	}
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
