package mapview

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
)

// redrawer draws the layers for a new view on another goroutine, one redraw at a time, while frames show the
// cached layers moved or scaled. Each redraw starts from the view of the frame that asked for it, so during a
// drag the layers catch up with the pointer as often as the machine can draw them, without ever holding up
// a frame, and shortly after the drag ends the frame is exact again.
type redrawer struct {
	mu   sync.Mutex
	busy bool
	done *redrawn // finished, waiting for the next frame to adopt it

	wg sync.WaitGroup // tests wait on it
}

type redrawn struct {
	s            scene
	base, photos *image.RGBA // nil when that layer did not need it
}

// redrawLater starts a background redraw of the stale layers for s, unless one is running or waiting to be
// adopted; the frame that adopts it asks again if the view has moved on.
func (m *Map) redrawLater(s scene, base, photos bool) {
	r := &m.redraw
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.busy || r.done != nil {
		return
	}
	r.busy = true
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		out := &redrawn{s: s}
		if base {
			out.base = s.drawBase()
		}
		if photos {
			out.photos = s.drawPhotos()
		}
		r.mu.Lock()
		r.busy, r.done = false, out
		r.mu.Unlock()
		fyne.Do(m.Refresh)
	}()
}

// adoptRedraw installs a finished background redraw into the layers it can stand in for, unless a layer is
// already exact (drawn in the meantime for new content).
func (m *Map) adoptRedraw(s scene) {
	r := &m.redraw
	r.mu.Lock()
	d := r.done
	r.done = nil
	r.mu.Unlock()
	if d == nil {
		return
	}
	adopt := func(l *layer, img *image.RGBA, kind layerKind) {
		if img == nil {
			return
		}
		if nl := (layer{img, d.s}); nl.reusable(s, kind) && !l.current(s, kind) {
			*l = nl
		}
	}
	adopt(&m.base, d.base, baseLayer)
	adopt(&m.photoLayer, d.photos, photoLayer)
}
