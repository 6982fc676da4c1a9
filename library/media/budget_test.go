package media

import (
	"image"
	"image/draw"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestOwnRGBAMatchesDraw: premultiplying in place gives the bytes image/draw gives.
func TestOwnRGBAMatchesDraw(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 37, 23))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range src.Pix {
		src.Pix[i] = uint8(rng.IntN(256))
	}
	want := image.NewRGBA(src.Rect)
	draw.Draw(want, want.Rect, src, image.Point{}, draw.Src)
	got := ownRGBA(src)
	for i := range want.Pix {
		if got.Pix[i] != want.Pix[i] {
			t.Fatalf("byte %d: %d, draw gives %d", i, got.Pix[i], want.Pix[i])
		}
	}
}

// TestPixelBudgetNeverOverspends: however the goroutines interleave, the pixels held never pass the limit,
// and an image bigger than the whole budget still gets through.
func TestPixelBudgetNeverOverspends(t *testing.T) {
	b := newPixelBudget(100)
	var mu sync.Mutex
	held, peak := int64(0), int64(0)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := int64(10 + (i*37)%150) // some above the limit
			release := b.acquire(n)
			mu.Lock()
			held += min(n, 100)
			peak = max(peak, held)
			mu.Unlock()
			mu.Lock()
			held -= min(n, 100)
			mu.Unlock()
			release()
		}()
	}
	wg.Wait()
	if peak > 100 || b.used != 0 {
		t.Fatalf("peak %d of a budget of 100, %d still held", peak, b.used)
	}
}
