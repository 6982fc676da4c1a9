package mapview

import (
	"image"
	"image/color"
	"math"

	"github.com/cairn-photos/cairn/library/camera"
)

// Sizes in Fyne units; the painter multiplies them by the canvas scale.
const (
	dotRadius      = 4.5
	selectedRadius = 7.5
	peakSize       = 7
	coneMinLength  = 60    // units: a cone stays visible when zoomed out
	coneLength     = 15000 // metres: about as far as the Khumbu's peaks stand from the trails
)

// peaksUnderZoom is the zoom below which peak triangles go under the photos: zoomed out that far, a triangle
// covers kilometres of trek and the photos matter more.
const peaksUnderZoom = 9

// render draws a frame, everything but the labels, into a w×h pixel image. The basemap and the photos come from
// cached layers (see layer), so a frame that only changes the selection, the cone or the area box costs a
// copy and a composite rather than 100,000 dots.
func (m *Map) render(w, h int) image.Image {
	if w == 0 || h == 0 || m.view.w <= 0 {
		return image.NewRGBA(image.Rect(0, 0, w, h))
	}
	img := m.frameBuffer(w, h)
	s := m.scene(w, h)
	m.adoptRedraw(s)
	staleBase, stalePhotos := m.ready(&m.base, s, baseLayer), m.ready(&m.photoLayer, s, photoLayer)
	if staleBase || stalePhotos {
		m.redrawLater(s, staleBase, stalePhotos)
	}
	if staleBase {
		fillImage(img, seaColour) // where the moved layer leaves a gap
	}
	m.base.drawOnto(img, s, baseLayer)
	p := s.painter(img)
	m.drawArea(p)
	m.drawCone(p)
	under := m.view.zoom < peaksUnderZoom
	if under {
		m.drawPeaks(p)
	}
	m.photoLayer.drawOnto(img, s, photoLayer)
	m.drawSelected(p, &s)
	if !under {
		m.drawPeaks(p)
	}
	m.drawDragBox(p)
	return img
}

// frameBuffer returns one of two images that frames take turns to draw into, which saves allocating and
// clearing 4 MB a frame; two, so the image Fyne is showing is never the one being drawn. Every pixel is
// overwritten: by the base layer, or by the sea where a moved base layer leaves a gap.
func (m *Map) frameBuffer(w, h int) *image.RGBA {
	m.frameNo ^= 1
	img := m.frames[m.frameNo]
	if img == nil || img.Rect.Dx() != w || img.Rect.Dy() != h {
		img = image.NewRGBA(image.Rect(0, 0, w, h))
		m.frames[m.frameNo] = img
	}
	return img
}

// ready makes sure l can stand in for s. It reports a layer that only needs moving as stale, to be redrawn in
// the background, and so is a photo layer of other photos: a million photos' dots take a quarter of a second
// to draw, which a search must not hold the window up for, so the old dots stay until the new ones are
// drawn. A layer with nothing to show (the first frame, a new size) is drawn now.
func (m *Map) ready(l *layer, s scene, kind layerKind) (stale bool) {
	switch {
	case l.current(s, kind):
		return false
	case l.reusable(s, kind), kind == photoLayer && l.sized(s):
		return true
	case kind == baseLayer:
		*l = layer{s.drawBase(), s}
	default:
		*l = layer{s.drawPhotos(), s}
	}
	return false
}

func fillImage(img *image.RGBA, c color.RGBA) {
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
}

// drawCone draws the selected photo's field of view as a wedge from its dot along its compass heading.
// Mercator keeps angles, so the wedge's opening on screen is the camera's on the ground.
func (m *Map) drawCone(p *painter) {
	d, i := m.dots, m.selected
	if i < 0 || !d.hasHeading(i) {
		return
	}
	heading, fov := float64(d.heading[i]), float64(d.fov[i])
	if fov <= 0 {
		fov = camera.FOVFrom35mm(0, 0, 0).H // a phone's main camera
	}
	at := d.pos[i]
	lat, _ := unproject(at.x, at.y)
	apex := p.at(at.x, at.y)
	length := math.Max(metresToWorld(coneLength, lat)*m.view.scale(), coneMinLength) * p.px
	wedge := []pt{apex}
	for a := heading - fov/2; ; a += 2 {
		a = math.Min(a, heading+fov/2)
		r := a * math.Pi / 180
		wedge = append(wedge, pt{apex.x + length*math.Sin(r), apex.y - length*math.Cos(r)})
		if a >= heading+fov/2 {
			break
		}
	}
	p.addRing(wedge)
	p.flush(coneFill)
	p.addStroke(append(wedge, apex), 1.2*p.px)
	p.flush(coneEdge)
}

// drawSelected rings the selected photo's dot, over all the others.
func (m *Map) drawSelected(p *painter, s *scene) {
	if m.selected < 0 {
		return
	}
	at := m.dots.pos[m.selected]
	q := p.at(at.x, at.y)
	big := newStamp(selectedRadius*p.px, 2.5*p.px)
	big.draw(p.img, int(math.Round(q.x)), int(math.Round(q.y)), selectedRing, s.dotColour(m.selected))
}

// drawArea shows the last selected area, which the caller is filtering by, until ClearArea.
func (m *Map) drawArea(p *painter) {
	if m.area == nil {
		return
	}
	a, b := p.at(m.area.minX, m.area.minY), p.at(m.area.maxX, m.area.maxY)
	p.rect(a, b, areaFill, areaEdge)
}

func (m *Map) drawDragBox(p *painter) {
	if !m.drag.selecting {
		return
	}
	s, e := m.drag.start, m.drag.end
	p.rect(pt{float64(s.X) * p.px, float64(s.Y) * p.px}, pt{float64(e.X) * p.px, float64(e.Y) * p.px}, areaFill, areaEdge)
}

func (p *painter) rect(a, b pt, fill, edge color.Color) {
	r := []pt{a, {b.x, a.y}, b, {a.x, b.y}}
	p.addRing(r)
	p.flush(fill)
	p.addStroke(append(r, a), 1.5*p.px)
	p.flush(edge)
}
