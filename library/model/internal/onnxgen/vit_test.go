package onnxgen

import (
	"math"
	"testing"
)

func TestViTB16FLOPs(t *testing.T) {
	// ViT-B/16 at 224 px is quoted as 17.5–17.6 G multiply-adds.
	if g := ViTB16().FLOPs() / 2e9; math.Abs(g-17.5) > 0.1 {
		t.Errorf("ViT-B/16 = %.2f G multiply-adds, want ≈17.5", g)
	}
}
