package mapview

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Relief renders shaded relief for Web Mercator tiles z/x/y (the slippy-map convention) at size×size pixels,
// as an overlay for the land's own colour: slopes facing away from the light black and those facing it
// white, each with an alpha that grows with the slope, level ground and places without terrain transparent
// (terrain.DEM's hillshade with its Overlay option). The app passes its elevation model in, so the map knows
// nothing of elevation data.
type Relief interface {
	HillshadeTile(z, x, y, size int) (*image.NRGBA, error)
}

const (
	// reliefMinZoom is the shallowest tile zoom shaded: a tile there spans 1.4°, a few terrain tiles to read;
	// zoomed out farther, 90 m terrain shades nothing a person would see.
	reliefMinZoom = 8
	// reliefMaxZoom is the deepest tile zoom computed: its pixels are 10 m, finer than any terrain Cairn
	// reads; deeper views scale its tiles up.
	reliefMaxZoom = 14
	// maxReliefTiles bounds the shaded tiles kept: a screenful at three zoom levels (160 KB each).
	maxReliefTiles = 192
	// maxReliefQueue bounds the tiles waiting to be shaded; the oldest asked for, long scrolled past, go first.
	maxReliefQueue = 64
	// reliefNotifyEvery is how often tiles arriving during a batch refresh the map.
	reliefNotifyEvery = 200 * time.Millisecond
)

// reliefSource shades tiles on a goroutine of its own, one at a time (the machine's cores are for the
// scan), newest request first, and keeps them: a frame draws the tiles it has and asks for those it lacks.
type reliefSource struct {
	src     Relief
	onReady func() // called off the UI goroutine when tiles have arrived

	mu      sync.Mutex
	cache   map[tileKey]*image.NRGBA // nil: nothing to shade there
	order   []tileKey                // insertion order, for eviction
	queue   []tileKey                // newest last
	queued  map[tileKey]bool
	running bool
	closed  bool
	gen     int            // counts the tiles shaded: a base layer drawn before the last one is redrawn in the background
	wg      sync.WaitGroup // tests and Close wait on it
}

func newReliefSource(src Relief, onReady func()) *reliefSource {
	return &reliefSource{src: src, onReady: onReady, cache: map[tileKey]*image.NRGBA{}, queued: map[tileKey]bool{}}
}

// tile returns the shaded overlay of tile k when it has been computed (nil when there is nothing to shade);
// ok is false when it has not, and it is then asked for.
func (rs *reliefSource) tile(k tileKey) (img *image.NRGBA, ok bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if img, ok := rs.cache[k]; ok {
		return img, true
	}
	if rs.closed || rs.queued[k] {
		return nil, false
	}
	rs.queued[k] = true
	rs.queue = append(rs.queue, k)
	if len(rs.queue) > maxReliefQueue {
		delete(rs.queued, rs.queue[0])
		rs.queue = rs.queue[1:]
	}
	if !rs.running {
		rs.running = true
		rs.wg.Add(1)
		go rs.work()
	}
	return nil, false
}

// work shades queued tiles until none is left, telling the map at most every reliefNotifyEvery and at the end.
func (rs *reliefSource) work() {
	defer rs.wg.Done()
	last := time.Now()
	for {
		rs.mu.Lock()
		if len(rs.queue) == 0 || rs.closed {
			rs.running = false
			rs.mu.Unlock()
			rs.onReady()
			return
		}
		k := rs.queue[len(rs.queue)-1]
		rs.queue = rs.queue[:len(rs.queue)-1]
		rs.mu.Unlock()

		img := rs.shade(k)

		rs.mu.Lock()
		delete(rs.queued, k)
		if len(rs.order) >= maxReliefTiles {
			delete(rs.cache, rs.order[0])
			rs.order = rs.order[1:]
		}
		rs.cache[k] = img
		rs.order = append(rs.order, k)
		rs.gen++
		rs.mu.Unlock()
		if time.Since(last) >= reliefNotifyEvery {
			rs.onReady()
			last = time.Now()
		}
	}
}

// shade computes tile k's overlay, nil when the terrain has nothing there or fails (the map works without).
func (rs *reliefSource) shade(k tileKey) *image.NRGBA {
	img, err := rs.src.HillshadeTile(k.z, k.x, k.y, tileSize)
	if err != nil {
		fyne.LogError("map: shaded relief", err)
		return nil
	}
	if !shadesAnything(img) {
		return nil
	}
	return img
}

// shadesAnything tells whether an overlay has a pixel that is not transparent: off the terrain there is none,
// and such a tile is kept as nil, drawn by nothing.
func shadesAnything(img *image.NRGBA) bool {
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 0 {
			return true
		}
	}
	return false
}

// generation counts the tiles shaded so far; 0 for no source.
func (rs *reliefSource) generation() int {
	if rs == nil {
		return 0
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.gen
}

// close stops the worker after the tile it is shading.
func (rs *reliefSource) close() {
	rs.mu.Lock()
	rs.closed = true
	rs.mu.Unlock()
	rs.wg.Wait()
}

// Zooms is part of TileSource: every zoom, so that zoomed out the map asks for the shallowest tiles and
// Tile declines them, rather than asking for thousands of tiles of the shallowest zoom it shades.
func (rs *reliefSource) Zooms() (lo, hi int) { return minZoom, reliefMaxZoom }

// Tile is part of TileSource: the shaded overlay of a tile once computed, else nil while it is computed on
// the source's goroutine (the map redraws when it arrives); nil too zoomed out to shade.
func (rs *reliefSource) Tile(z, x, y int) (image.Image, error) {
	if z < reliefMinZoom {
		return nil, nil
	}
	img, ok := rs.tile(tileKey{z, x, y})
	if !ok || img == nil {
		return nil, nil // not a typed nil in the interface
	}
	return img, nil
}

// SetRelief shades the land with r's relief as the map's shading (see SetShading), from tile zoom 8 in; nil
// removes it. Tiles are shaded on a goroutine of their own and kept, so a frame never waits for them: the
// base layer is redrawn in the background as they arrive.
func (m *Map) SetRelief(r Relief) {
	if m.relief != nil {
		m.relief.close()
		m.relief = nil
	}
	if r == nil {
		m.SetShading(nil)
		return
	}
	m.relief = newReliefSource(r, func() { fyne.Do(m.Refresh) })
	m.SetShading(m.relief)
}
