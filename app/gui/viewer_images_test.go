package gui

import (
	"context"
	"image"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library"
)

// countingLoads wraps a loader and counts its decodes of each path at each size.
type countingLoads struct {
	mu    sync.Mutex
	n     map[[2]any]int
	inner func(path string, side int) (image.Image, error)
}

func (c *countingLoads) load(path string, side int) (image.Image, error) {
	c.mu.Lock()
	if c.n == nil {
		c.n = map[[2]any]int{}
	}
	c.n[[2]any{path, side}]++
	c.mu.Unlock()
	return c.inner(path, side)
}

func (c *countingLoads) count(path string, side int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[[2]any{path, side}]
}

// TestViewerDecodesAheadAtScreenSize: the viewer decodes the photo at the size of its frame, not the
// 4096 px of a zoomed photo; the next and previous photos are decoded in the background, so paging shows them
// sharp without decoding again; zooming in loads the detailed image once and keeps the zoom.
func TestViewerDecodesAheadAtScreenSize(t *testing.T) {
	lib, ids := viewerAlbum(t)
	screen := &countingLoads{inner: library.LoadScreenImage}
	detail := &countingLoads{inner: library.LoadImage}
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1100, 720))
	v := newViewer(viewerSource{photo: lib.Photo, image: detail.load, screen: screen.load}, ids, 1)
	wait := waitForShown(t, v)
	showViewerIn(w, v)
	wait()

	side := v.screenSide()
	if side < 512 || side > 1280 {
		t.Fatalf("screen side %d px for a 1100×720 window", side)
	}
	file := func(i int) string {
		p, err := lib.Photo(ids[i])
		if err != nil {
			t.Fatal(err)
		}
		return p.File()
	}
	for _, i := range []int{0, 2} {
		deadline := time.Now().Add(30 * time.Second)
		for !v.images.cached(file(i), side) {
			if time.Now().After(deadline) {
				t.Fatalf("photo %d next to the one shown was not decoded ahead", i)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	test.Tap(v.next)
	wait()
	if n := screen.count(file(2), side); n != 1 {
		t.Errorf("the next photo was decoded %d times at %d px, want once (ahead)", n, side)
	}
	if detail.count(file(2), viewerMaxSide) != 0 {
		t.Error("the detailed image was decoded before any zoom")
	}

	shown := v.img.Image
	swapped := make(chan struct{}, 1)
	v.onDetail = func() { swapped <- struct{}{} }
	v.typedRune('+')
	select {
	case <-swapped:
	case <-time.After(30 * time.Second):
		t.Fatal("zooming in did not load the detailed image")
	}
	if v.img.Image == shown || detail.count(file(2), viewerMaxSide) != 1 {
		t.Error("zooming in did not show the detailed image")
	}
	if v.frame.zoom <= 1 {
		t.Errorf("the detailed image reset the zoom to %v", v.frame.zoom)
	}
	v.typedRune('+')
	if n := detail.count(file(2), viewerMaxSide); n != 1 {
		t.Errorf("detailed image decoded %d times for two zoom steps", n)
	}
}

// TestScreenImagesBounded: one decode per photo and size however many ask at once, at most screenImageCount
// kept, a cancelled wait returns at once, and a failed decode is tried again.
func TestScreenImagesBounded(t *testing.T) {
	var decodes atomic.Int64
	release := make(chan struct{})
	c := newScreenImages(func(path string, side int) (image.Image, error) {
		decodes.Add(1)
		if path == "slow" {
			<-release
		}
		if path == "bad" {
			return nil, context.DeadlineExceeded
		}
		return image.NewRGBA(image.Rect(0, 0, side, side)), nil
	})
	go c.get(context.Background(), "slow", 100)
	for decodes.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.get(ctx, "slow", 100); err != context.Canceled {
		t.Errorf("a cancelled wait gave %v", err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if img, err := c.get(context.Background(), "slow", 100); err != nil || img.Bounds().Dx() != 100 {
				t.Errorf("waiter got %v, %v", img, err)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := decodes.Load(); n != 1 {
		t.Errorf("%d decodes of one photo asked for nine times", n)
	}
	for i := range 2 * screenImageCount {
		c.get(context.Background(), string(rune('a'+i)), 100)
	}
	if len(c.entries) != screenImageCount || c.cached("slow", 100) || !c.cached(string(rune('a'+2*screenImageCount-1)), 100) {
		t.Errorf("%d kept, the oldest kept %v; want %d, the newest only", len(c.entries), c.cached("slow", 100), screenImageCount)
	}
	before := decodes.Load()
	c.get(context.Background(), "bad", 100)
	c.get(context.Background(), "bad", 100)
	if decodes.Load()-before != 2 {
		t.Error("a failed decode was kept")
	}
}

// zoomInWaitingForDetail zooms v in a step and waits until the detailed image it then loads is shown: the
// test driver runs fyne.Do on the loading goroutine, so a test that went on at once would race with it.
func zoomInWaitingForDetail(t *testing.T, v *viewer) {
	t.Helper()
	swapped := make(chan struct{}, 1)
	v.onDetail = func() { swapped <- struct{}{} }
	v.typedRune('+')
	select {
	case <-swapped:
	case <-time.After(testWait):
		t.Fatal("zooming in did not load the detailed image")
	}
	v.onDetail = nil
}
