package mapview

import (
	"image"
	"math"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Relief renders shaded relief for Web Mercator tiles z/x/y (the slippy-map convention) at size×size pixels:
// grey from black (facing away from the light) to white (facing it), transparent where it has no terrain.
// The app passes its elevation model in (terrain.DEM is one), so the map knows nothing of elevation data.
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

// flatShade is the shade of level ground under the standard light (45° above the horizon): 255·sin 45°.
const flatShade = 180

// reliefSource shades tiles on a goroutine of its own, one at a time (the machine's cores are for the
// scan), newest request first, and keeps them: a frame draws the tiles it has and asks for those it lacks.
type reliefSource struct {
	src     Relief
	onReady func() // called off the UI goroutine when tiles have arrived

	mu      sync.Mutex
	cache   map[tileKey]*image.RGBA // nil: nothing to shade there
	order   []tileKey               // insertion order, for eviction
	queue   []tileKey               // newest last
	queued  map[tileKey]bool
	running bool
	closed  bool
	gen     int            // counts the tiles shaded: a base layer drawn before the last one is redrawn in the background
	wg      sync.WaitGroup // tests and Close wait on it
}

func newReliefSource(src Relief, onReady func()) *reliefSource {
	return &reliefSource{src: src, onReady: onReady, cache: map[tileKey]*image.RGBA{}, queued: map[tileKey]bool{}}
}

// tile returns the shaded overlay of tile k when it has been computed (nil when there is nothing to shade);
// ok is false when it has not, and it is then asked for.
func (rs *reliefSource) tile(k tileKey) (img *image.RGBA, ok bool) {
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
func (rs *reliefSource) shade(k tileKey) *image.RGBA {
	grey, err := rs.src.HillshadeTile(k.z, k.x, k.y, tileSize)
	if err != nil {
		fyne.LogError("map: shaded relief", err)
		return nil
	}
	return reliefOverlay(grey)
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

// reliefOverlay turns a grey hillshade into a layer to lay over the land's own colour: slopes facing away
// from the light darken it, those facing it lighten it a little, level ground leaves it as it is. Nil when
// the hillshade is transparent throughout.
func reliefOverlay(grey *image.NRGBA) *image.RGBA {
	out := image.NewRGBA(grey.Rect)
	shaded := false
	for i := 0; i < len(grey.Pix); i += 4 {
		if grey.Pix[i+3] == 0 {
			continue
		}
		shaded = true
		d := (float64(grey.Pix[i]) - flatShade) / flatShade
		var a uint8
		var v uint8 // premultiplied: black or white at alpha a
		if d < 0 {
			a = uint8(math.Round(-d * 0.7 * 255))
		} else {
			a = uint8(math.Round(math.Min(d, 1) * 0.55 * 255))
			v = a
		}
		out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = v, v, v, a
	}
	if !shaded {
		return nil
	}
	return out
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
