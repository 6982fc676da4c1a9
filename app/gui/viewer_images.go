package gui

import (
	"context"
	"image"
	"sync"
)

// screenImageCount bounds the screen images the viewer keeps: the photo shown, the one before and after it,
// and the one it came from. At a 1600 px screen a 24 MP JPEG's is 2250×1500, 13.5 MB.
const screenImageCount = 4

// screenImages decodes photos at the size of the viewer's frame and keeps the last few, so that paging to the
// next or previous photo, decoded ahead in the background, shows it sharp at once. A photo asked for while it
// is being decoded is waited for, not decoded twice. It is safe for concurrent use.
type screenImages struct {
	load func(path string, side int) (image.Image, error)

	mu      sync.Mutex
	entries []*screenImage // least recently used first
}

// screenImage is one photo decoded, or being decoded, for a side: done closes when img or err is set.
type screenImage struct {
	path string
	side int
	done chan struct{}
	img  image.Image
	err  error
}

func newScreenImages(load func(path string, side int) (image.Image, error)) *screenImages {
	return &screenImages{load: load}
}

// get is the photo at path decoded for side, from the cache, the decode running for it, or a new decode.
// ctx stops the wait for a decode another goroutine runs; a decode once started runs to its end (libjpeg-turbo
// cannot be interrupted) and is kept for the next ask. Errors are not kept: the file may be fixed.
func (c *screenImages) get(ctx context.Context, path string, side int) (image.Image, error) {
	c.mu.Lock()
	e := c.find(path, side)
	if e != nil {
		c.mu.Unlock()
		select {
		case <-e.done:
			return e.img, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err := ctx.Err(); err != nil {
		c.mu.Unlock()
		return nil, err
	}
	e = &screenImage{path: path, side: side, done: make(chan struct{})}
	c.entries = append(c.entries, e)
	if len(c.entries) > screenImageCount {
		c.entries = c.entries[len(c.entries)-screenImageCount:]
	}
	c.mu.Unlock()

	e.img, e.err = c.load(path, side)
	close(e.done)
	if e.err != nil {
		c.mu.Lock()
		c.remove(e)
		c.mu.Unlock()
	}
	return e.img, e.err
}

// cached reports whether the photo at path is decoded for side already, for tests.
func (c *screenImages) cached(path string, side int) bool {
	c.mu.Lock()
	e := c.find(path, side)
	c.mu.Unlock()
	if e == nil {
		return false
	}
	select {
	case <-e.done:
		return e.err == nil
	default:
		return false
	}
}

// find is the entry for path and side, moved to the most recently used end; nil when there is none.
// c.mu is held.
func (c *screenImages) find(path string, side int) *screenImage {
	for i, e := range c.entries {
		if e.path == path && e.side == side {
			c.entries = append(append(c.entries[:i:i], c.entries[i+1:]...), e)
			return e
		}
	}
	return nil
}

// remove drops e when it is still kept. c.mu is held.
func (c *screenImages) remove(e *screenImage) {
	for i, x := range c.entries {
		if x == e {
			c.entries = append(c.entries[:i:i], c.entries[i+1:]...)
			return
		}
	}
}
