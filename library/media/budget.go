package media

import (
	"runtime/debug"
	"sync"
)

// fullSizePixels bounds the pixels of the images this process holds decoded at full size at once. PNG, WebP
// and TIFF have no reduced-size decoding: a 50 MP PNG costs 200 MB as decoded, and with one decode per core
// and the garbage collector letting the heap grow to twice what is live, a few of them used to take a scan
// near 2 GB. With the budget, big images wait for each other while small ones still decode side by side.
const fullSizePixels = 64_000_000

// bigDecode is the size from which the memory of a finished full-size decode is handed back to the operating
// system at once, rather than kept by the heap for the next one.
const bigDecode = 16_000_000

// fullSize is the process's budget. It is global on purpose: memory is one per process, however many
// libraries or goroutines decode.
var fullSize = newPixelBudget(fullSizePixels)

// pixelBudget is a counting semaphore weighted by pixels.
type pixelBudget struct {
	mu    sync.Mutex
	freed *sync.Cond
	used  int64
	limit int64
}

func newPixelBudget(limit int64) *pixelBudget {
	b := &pixelBudget{limit: limit}
	b.freed = sync.NewCond(&b.mu)
	return b
}

// acquire waits until pixels fit in the budget (an image larger than the whole budget waits until it is
// alone) and returns the function that gives them back.
func (b *pixelBudget) acquire(pixels int64) (release func()) {
	n := min(max(pixels, 1), b.limit)
	b.mu.Lock()
	for b.used+n > b.limit {
		b.freed.Wait()
	}
	b.used += n
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		b.used -= n
		b.mu.Unlock()
		b.freed.Broadcast()
		if pixels >= bigDecode {
			debug.FreeOSMemory()
		}
	}
}
