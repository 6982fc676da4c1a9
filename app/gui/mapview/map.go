package mapview

import (
	"fmt"
	"image"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/assets/basemap"
)

// Photo is one photo's place on the map.
type Photo struct {
	Key        uint64 // names the photo to the caller: OnPhotoTapped, Select and Selected use it
	Lat, Lon   float64
	Time       time.Time // zero when unknown: drawn grey and left out of the trek line; shown in UTC
	Heading    float64   // degrees clockwise from true north, valid when HasHeading
	HasHeading bool
	FOV        float64 // horizontal field of view in degrees; 0 means a typical phone's main camera
}

// Peak is a labelled red triangle.
type Peak struct {
	Name     string
	Lat, Lon float64
}

// Map is the offline map widget. Create it with New.
type Map struct {
	widget.BaseWidget

	// OnPhotoTapped is called with the key of the photo whose dot was tapped.
	OnPhotoTapped func(key uint64)
	// OnAreaSelected is called with the box the user dragged out, in degrees (south, west, north, east).
	OnAreaSelected func(s, w, n, e float64)

	land     []ring
	borders  []ring
	dots     *Dots // never nil
	tracks   []trackLine
	peaks    []peakMark
	selected int // the selected dot, -1 for none
	area     *box
	tiles    *tileSource
	shading  TileSource    // the terrain's hillshade, or nil
	relief   *reliefSource // shaded relief under the basemap's lines; nil without terrain

	view       viewport
	userMoved  bool // once the user pans or zooms, new photos no longer refit the view
	selectMode bool // the next drag selects an area
	shiftDown  bool
	drag       dragState

	base, photoLayer  layer // cached between frames, see render
	baseGen, photoGen int   // bumped when what the layers show changes
	redraw            redrawer
	frames            [2]*image.RGBA // see frameBuffer
	frameNo           int
	rend              *renderer // set when the renderer is made: the pointer's name goes straight to it
}

// ring is a basemap line with its world bounding box, so off-screen rings are skipped without projecting them.
type ring struct {
	pts    []basemap.Point
	bounds box
}

type peakMark struct {
	name string
	x, y float64
}

// New returns a map showing the whole world until photos or peaks are set.
func New() *Map {
	m := &Map{selected: -1, dots: NewDots(nil)}
	m.view.zoom = 1
	m.view.cx, m.view.cy = 0.5, 0.5
	layers, err := basemap.Load()
	if err != nil {
		// The basemap is compiled in and covered by tests, so this means a broken build; the map still works
		// without it, so say so rather than refuse to start.
		fyne.LogError("map: embedded basemap", err)
	}
	m.land = rings(layers.Land)
	m.borders = rings(layers.Borders)
	m.ExtendBaseWidget(m)
	return m
}

func rings(lines [][]basemap.Point) []ring {
	out := make([]ring, 0, len(lines))
	for _, l := range lines {
		b := emptyBox()
		for _, p := range l {
			b.grow(p.X, p.Y)
		}
		out = append(out, ring{pts: l, bounds: b})
	}
	return out
}

// SetPhotos replaces the photos. Until the user has panned or zoomed, the view fits them. For many photos,
// make their dots with NewDots off the UI goroutine and call SetDots.
func (m *Map) SetPhotos(photos []Photo) { m.SetDots(NewDots(photos)) }

// SetDots replaces the photos with dots made by NewDots (nil for none), keeping the selected photo selected if it is among
// them. Until the user has panned or zoomed, the view fits them.
func (m *Map) SetDots(d *Dots) {
	if d == nil {
		d = NewDots(nil)
	}
	key, had := m.Selected()
	m.dots = d
	m.selected = -1
	if had {
		m.selected = d.indexOf(key)
	}
	m.photoGen++
	if !m.userMoved {
		m.fitContent()
	}
	m.Refresh()
}

// SetPeaks replaces the peaks. Labels are placed in the order given, skipping those that would overlap an
// earlier one, so pass the most important peaks first.
func (m *Map) SetPeaks(peaks []Peak) {
	m.peaks = make([]peakMark, len(peaks))
	for i, p := range peaks {
		x, y := project(p.Lat, p.Lon)
		m.peaks[i] = peakMark{name: p.Name, x: x, y: y}
	}
	if !m.userMoved && m.dots.len() == 0 {
		m.fitContent()
	}
	m.Refresh()
}

// Select highlights the photo with key and draws its view cone; a key of no photo clears the selection.
func (m *Map) Select(key uint64) {
	m.selected = m.dots.indexOf(key)
	m.Refresh()
}

// ShowPhoto selects the photo with key and centres the map on it, zoomed in to trail scale at least.
func (m *Map) ShowPhoto(key uint64) {
	m.Select(key)
	if m.selected < 0 {
		return
	}
	p := m.dots.pos[m.selected]
	m.userMoved = true
	m.view.cx, m.view.cy = p.x, p.y
	m.view.zoom = math.Max(m.view.zoom, showZoom)
	m.view.clamp()
	m.Refresh()
}

// showZoom is the zoom ShowPhoto goes to at least: a few kilometres across, where trails and nearby peaks show.
const showZoom = 13

// Selected returns the selected photo's key; ok is false when none is selected.
func (m *Map) Selected() (key uint64, ok bool) {
	if m.selected < 0 {
		return 0, false
	}
	return m.dots.key[m.selected], true
}

// SetRaster shows the tiles of an MBTiles file under the photos, in place of the basemap's land fill;
// an empty path removes the raster layer.
func (m *Map) SetRaster(path string) error {
	var ts *tileSource
	if path != "" {
		var err error
		if ts, err = openMBTiles(path); err != nil {
			return err
		}
	}
	if m.tiles != nil {
		if err := m.tiles.close(); err != nil {
			fyne.LogError("map: closing the previous raster layer", err)
		}
	}
	m.tiles = ts
	m.baseGen++
	m.Refresh()
	return nil
}

// SetShading draws src over the land (or the raster layer) and under the coasts, borders, trek and photos:
// the place of the terrain's hillshade. Its tiles should be translucent; nil removes it.
func (m *Map) SetShading(src TileSource) {
	m.shading = src
	m.baseGen++
	m.Refresh()
}

// Close releases the raster layer's file and stops shading relief.
func (m *Map) Close() error {
	if m.relief != nil {
		m.relief.close()
		m.relief = nil
	}
	if m.tiles == nil {
		return nil
	}
	err := m.tiles.close()
	m.tiles = nil
	m.baseGen++
	if err != nil {
		return fmt.Errorf("map: close raster layer: %w", err)
	}
	return nil
}

// ClearArea removes the selected-area box from the map (the caller has dropped its area filter).
func (m *Map) ClearArea() {
	m.area = nil
	m.Refresh()
}

// PositionOf returns where a place is drawn, relative to the widget's top left. Tests use it to tap dots.
func (m *Map) PositionOf(lat, lon float64) fyne.Position {
	x, y := project(lat, lon)
	sx, sy := m.view.toScreen(x, y)
	return fyne.NewPos(float32(sx), float32(sy))
}

// FitPhotos zooms to show every photo (or every peak when there are no photos) and resumes refitting on
// SetPhotos.
func (m *Map) FitPhotos() {
	m.userMoved = false
	m.fitContent()
	m.Refresh()
}

// ZoomIn and ZoomOut change the zoom one level about the centre.
func (m *Map) ZoomIn()  { m.zoomBy(1) }
func (m *Map) ZoomOut() { m.zoomBy(-1) }

func (m *Map) zoomBy(dz float64) {
	m.userMoved = true
	m.view.zoomAt(m.view.w/2, m.view.h/2, dz)
	m.Refresh()
}

// SetSelectMode arms (or disarms) area selection: the next drag draws a box instead of panning.
func (m *Map) SetSelectMode(on bool) {
	m.selectMode = on
	m.Refresh()
}

// fitContent fits the view to the photos, else the peaks, else the world. It needs the widget's size, so
// before the first layout it only records the wish (see resize).
func (m *Map) fitContent() {
	if m.view.w <= 0 || m.view.h <= 0 {
		return
	}
	b := m.dots.bounds
	for _, t := range m.tracks {
		b.grow(t.bounds.minX, t.bounds.minY)
		b.grow(t.bounds.maxX, t.bounds.maxY)
	}
	if m.dots.len() == 0 && len(m.tracks) == 0 {
		for _, p := range m.peaks {
			b.grow(p.x, p.y)
		}
	}
	if math.IsInf(b.minX, 1) {
		b = box{0, 0, 1, 1}
	}
	m.view.fit(b.minX, b.minY, b.maxX, b.maxY, 40)
}

// resize is called by the renderer's Layout with the widget's size.
func (m *Map) resize(s fyne.Size) {
	m.view.w, m.view.h = float64(s.Width), float64(s.Height)
	if !m.userMoved { // a view the user (or ShowPhoto) chose stays, even before the first layout
		m.fitContent()
	}
}

// CreateRenderer is part of fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer { return newRenderer(m) }
