package gui

import (
	"image"
	"image/color"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// photoLike is a w×h image with the detail of a photo (gradients and noise), which a JPEG encoder cannot
// shrink to nothing, so decoding it costs what decoding a camera's file costs.
func photoLike(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := uint8(r.IntN(48))
			img.SetRGBA(x, y, color.RGBA{uint8(x*200/w) + n, uint8(y*200/h) + n, 120 + n, 255})
		}
	}
	return img
}

// BenchmarkViewerImage24MP decodes a generated 24 MP (6000×4000) JPEG as the viewer does: the screen image
// it shows first (library.LoadScreenImage at the frame's size: 1024 px is a 1280×800 window's frame, 1792 a
// 1920×1080 one's, 2048 a 1280×800 window's at scale 2), and the 4096 px image a zoomed photo gets
// (library.LoadImage, which the viewer showed first before). cpu-ms is the process's CPU time per image, which
// other jobs on a shared machine do not inflate.
func BenchmarkViewerImage24MP(b *testing.B) {
	path := filepath.Join(b.TempDir(), "24mp.jpg")
	if err := os.WriteFile(path, mediatest.JPEG(b, photoLike(6000, 4000), nil), 0o644); err != nil {
		b.Fatal(err)
	}
	run := func(name string, load func(string, int) (image.Image, error), side int) {
		b.Run(name+"="+strconv.Itoa(side), func(b *testing.B) {
			before := testenv.ProcessCPU()
			for b.Loop() {
				if _, err := load(path, side); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((testenv.ProcessCPU()-before).Microseconds())/1000/float64(b.N), "cpu-ms")
		})
	}
	for _, side := range []int{1024, 1792, 2048} {
		run("screen", library.LoadScreenImage, side)
	}
	run("detail", library.LoadImage, viewerMaxSide)
}
