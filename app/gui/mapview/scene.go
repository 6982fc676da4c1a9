package mapview

import (
	"image"
	"time"
)

// scene is what the cached layers are drawn from: the view, the frame's size in pixels, and the map's
// content. The content is never modified once set (SetDots takes new Dots), so a scene is a snapshot that
// another goroutine can draw while the map moves on.
type scene struct {
	view          viewport
	w, h          int     // frame size in pixels
	px            float64 // pixels per Fyne unit
	land, borders []ring
	tiles         *tileSource
	shading       TileSource // drawn over the land or tiles, under the lines
	dots          *Dots
	tracks        []trackLine
	t0, t1        time.Time // the date ramp's ends
	baseGen       int       // bumped when the raster layer changes
	reliefGen     int       // counts the relief tiles shaded: more arrived since a base layer was drawn, it is redrawn
	photoGen      int       // bumped when the photos change
}

func (m *Map) scene(w, h int) scene {
	t0, t1 := m.dateSpan()
	return scene{t0: t0, t1: t1, view: m.view, w: w, h: h, px: float64(w) / m.view.w, land: m.land, borders: m.borders,
		tiles: m.tiles, shading: m.shading, dots: m.dots, tracks: m.tracks, baseGen: m.baseGen,
		reliefGen: m.relief.generation(), photoGen: m.photoGen}
}

func (s *scene) painter(img *image.RGBA) *painter { return newPainter(img, s.view, s.px) }

// drawBase draws the opaque bottom layer: sea, land or raster tiles, the shading (a hillshade) over them,
// coastlines and borders.
func (s *scene) drawBase() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, s.w, s.h))
	fillImage(img, seaColour)
	p := s.painter(img)
	if s.tiles != nil {
		drawTiles(p, s.tiles)
	} else {
		s.drawLand(p)
	}
	if s.shading != nil {
		drawTiles(p, s.shading)
	}
	s.drawCoastAndBorders(p)
	return img
}

// drawPhotos draws the tracks, the trek line and the photo dots onto a transparent layer.
func (s *scene) drawPhotos() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, s.w, s.h))
	p := s.painter(img)
	s.drawTracks(p)
	s.drawTrek(p)
	s.drawDots(p)
	return img
}
