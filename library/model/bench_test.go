package model

import (
	"image/color"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// BenchmarkPreprocess measures turning a reduced-size photo (1008×756, a 4032×3024 JPEG decoded at 1/4)
// into the 224 px SigLIP input.
func BenchmarkPreprocess(b *testing.B) {
	img := solid(1008, 756, color.RGBA{100, 150, 200, 255})
	p := siglipPre(224)
	dst := make([]float32, 3*224*224)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := p.pixels(img, dst); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadViTB16 measures opening a model whose image tower is ViT-B/16-sized (~30 MB of shared
// weights here; a real export is ~350 MB, so real loads take longer).
func BenchmarkLoadViTB16(b *testing.B) {
	if _, err := processRuntime.start(""); err != nil {
		b.Skip(err)
	}
	dir := filepath.Join(b.TempDir(), "vit-b16-compute")
	if err := tinymodel.WriteViT(dir, tinymodel.ViTB16()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := Load(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		m.Close()
	}
}
