package gui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// Zoom limits of the viewer: from the whole photo to eight times that.
const (
	minZoom  = 1.0
	maxZoom  = 8.0
	zoomStep = 1.25 // per key press or wheel notch
)

// peakLabel is a peak to name on the photo, where the photo's record places its summit.
type peakLabel struct {
	name       string
	x, y       float64 // fractions of the upright photo from its top-left
	distanceKm float64
	hidden     bool // behind terrain: the record says the summit is in the frame but not in sight
}

// peakLabels lists the peaks of p whose summit the record places in the frame. The window draws what the
// record holds; where a summit is in the photo is the library's to compute.
func peakLabels(p library.Photo) []peakLabel {
	var out []peakLabel
	for _, g := range p.PredictedPeaks {
		if g.X == nil || g.Y == nil || *g.X < 0 || *g.X > 1 || *g.Y < 0 || *g.Y > 1 {
			continue
		}
		out = append(out, peakLabel{name: g.Name, x: *g.X, y: *g.Y, distanceKm: g.DistanceKm, hidden: !g.Visible})
	}
	return out
}

// photoFrame shows a photo fitted into its space, with zoom (wheel, keys, double click) and pan (drag), and
// the peak labels over it at their places in the photo, moving with it.
type photoFrame struct {
	widget.BaseWidget
	img        *canvas.Image
	aspect     float64 // width over height of the photo shown; 0 while unknown
	labels     []peakLabel
	showLabels bool
	zoom       float64 // 1 fits the photo
	pan        fyne.Position
	markers    *fyne.Container
	horizon    *horizonOverlay    // the terrain's skyline, under the labels
	onZoom     func(zoom float64) // after every change of zoom; nil for none
}

func newPhotoFrame() *photoFrame {
	f := &photoFrame{img: canvas.NewImageFromResource(nil), zoom: 1, showLabels: true, markers: container.NewWithoutLayout(),
		horizon: newHorizonOverlay()}
	f.img.FillMode = canvas.ImageFillStretch // the frame keeps the aspect
	f.img.ScaleMode = canvas.ImageScaleSmooth
	f.ExtendBaseWidget(f)
	return f
}

// setPhoto takes the aspect (width over height) of a new photo in the image, 0 when unknown, and fits it.
func (f *photoFrame) setPhoto(aspect float64) {
	f.aspect, f.zoom, f.pan = aspect, 1, fyne.Position{}
	f.Refresh()
}

// setLabels shows labels on the photo (when labels are on).
func (f *photoFrame) setLabels(labels []peakLabel) {
	f.labels = labels
	f.Refresh()
}

func (f *photoFrame) setShowLabels(on bool) {
	f.showLabels = on
	f.Refresh()
}

// imageRect is where the photo is drawn in a frame of size: fitted, then zoomed about the centre and panned.
func (f *photoFrame) imageRect(size fyne.Size) (fyne.Position, fyne.Size) {
	aspect := f.aspect
	if aspect <= 0 {
		aspect = float64(size.Width) / math.Max(float64(size.Height), 1)
	}
	w, h := float64(size.Width), float64(size.Width)/aspect
	if h > float64(size.Height) {
		h = float64(size.Height)
		w = h * aspect
	}
	w, h = w*f.zoom, h*f.zoom
	pos := fyne.NewPos(float32((float64(size.Width)-w)/2)+f.pan.X, float32((float64(size.Height)-h)/2)+f.pan.Y)
	return pos, fyne.NewSize(float32(w), float32(h))
}

func clampAbs(v, limit float32) float32 {
	if limit <= 0 {
		return 0
	}
	return max(-limit, min(limit, v))
}

// zoomAt multiplies the zoom by k, keeping the point at pos (in the frame) where it is.
func (f *photoFrame) zoomAt(k float64, pos fyne.Position) {
	z := math.Max(minZoom, math.Min(maxZoom, f.zoom*k))
	if z == f.zoom {
		return
	}
	size := f.Size()
	centre := fyne.NewPos(size.Width/2, size.Height/2)
	// The point under pos, relative to the photo's centre, scales with the zoom; the pan makes up for it.
	rel := pos.Subtract(centre).Subtract(f.pan)
	scale := float32(z / f.zoom)
	f.pan = pos.Subtract(centre).Subtract(fyne.NewPos(rel.X*scale, rel.Y*scale))
	f.zoom = z
	f.setPan(f.pan)
	if f.onZoom != nil {
		f.onZoom(z)
	}
}

// setPan moves a zoomed photo by p from the centre, keeping it over the whole frame: it cannot be dragged
// off into the void.
func (f *photoFrame) setPan(p fyne.Position) {
	size := f.Size()
	f.pan = fyne.Position{}
	_, s := f.imageRect(size)
	f.pan = fyne.NewPos(clampAbs(p.X, (s.Width-size.Width)/2), clampAbs(p.Y, (s.Height-size.Height)/2))
	f.Refresh()
}

func (f *photoFrame) zoomIn()  { f.zoomAt(zoomStep, f.middle()) }
func (f *photoFrame) zoomOut() { f.zoomAt(1/zoomStep, f.middle()) }
func (f *photoFrame) fit()     { f.zoom, f.pan = 1, fyne.Position{}; f.Refresh() }

func (f *photoFrame) middle() fyne.Position {
	s := f.Size()
	return fyne.NewPos(s.Width/2, s.Height/2)
}

// Scrolled zooms about the pointer, a step per wheel notch (10 units of Fyne's scroll).
func (f *photoFrame) Scrolled(ev *fyne.ScrollEvent) {
	f.zoomAt(math.Pow(zoomStep, float64(ev.Scrolled.DY)/10), ev.Position)
}

// Dragged pans a zoomed photo.
func (f *photoFrame) Dragged(ev *fyne.DragEvent) {
	if f.zoom > 1 {
		f.setPan(f.pan.Add(ev.Dragged))
	}
}

func (f *photoFrame) DragEnd() {}

// DoubleTapped zooms in twofold where tapped, or back to the whole photo.
func (f *photoFrame) DoubleTapped(ev *fyne.PointEvent) {
	if f.zoom > 1 {
		f.fit()
		return
	}
	f.zoomAt(2, ev.Position)
}

// Cursor shows a hand over a photo that can be dragged.
func (f *photoFrame) Cursor() desktop.Cursor {
	if f.zoom > 1 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

func (f *photoFrame) CreateRenderer() fyne.WidgetRenderer {
	return &photoFrameRenderer{f: f}
}

type photoFrameRenderer struct {
	f *photoFrame
}

func (r *photoFrameRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.f.img, r.f.horizon.box, r.f.markers}
}

func (r *photoFrameRenderer) Layout(size fyne.Size) {
	f := r.f
	pos, s := f.imageRect(size)
	f.img.Move(pos)
	f.img.Resize(s)
	f.markers.Move(fyne.Position{})
	f.markers.Resize(size)
	f.markers.Objects = nil
	f.horizon.layout(size, pos, s, f.aspect > 0)
	if !f.showLabels || f.aspect <= 0 {
		return
	}
	summits := make([]fyne.Position, len(f.labels))
	sizes := make([]fyne.Size, len(f.labels))
	for i, l := range f.labels {
		summits[i] = fyne.NewPos(pos.X+float32(l.x)*s.Width, pos.Y+float32(l.y)*s.Height)
		ts := fyne.MeasureText(l.name, labelTextSize(), fyne.TextStyle{Bold: !l.hidden})
		sizes[i] = fyne.NewSize(ts.Width+2*labelPad, ts.Height)
	}
	for _, p := range layoutLabels(f.labels, summits, sizes, size) {
		f.markers.Objects = append(f.markers.Objects, labelMarker(p)...)
	}
}

// labelPad is the room beside a peak's name in its box.
const labelPad = 4

func labelTextSize() float32 { return theme.TextSize() * 0.9 }

// labelMarker is a peak's name in its box, joined to its summit by a leader line; a summit behind terrain is
// drawn dimmer.
func labelMarker(p placedLabel) []fyne.CanvasObject {
	ink := color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	box := color.NRGBA{A: 0xb0}
	if p.label.hidden {
		ink.A, box.A = 0xa0, 0x70
	}
	text := canvas.NewText(p.label.name, ink)
	text.TextSize = labelTextSize()
	text.TextStyle.Bold = !p.label.hidden
	bg := canvas.NewRectangle(box)
	bg.CornerRadius = 4
	bg.Move(p.box)
	bg.Resize(p.size)
	text.Move(p.box.Add(fyne.NewPos(labelPad, 0)))
	line := canvas.NewLine(ink)
	line.StrokeWidth = 1.5
	line.Position1 = p.leaderEnd()
	line.Position2 = p.summit
	dot := canvas.NewCircle(ink)
	dot.Move(p.summit.Subtract(fyne.NewPos(labelDot/2, labelDot/2)))
	dot.Resize(fyne.NewSize(labelDot, labelDot))
	return []fyne.CanvasObject{line, dot, bg, text}
}

func (r *photoFrameRenderer) MinSize() fyne.Size { return fyne.NewSize(100, 100) }
func (r *photoFrameRenderer) Refresh() {
	r.Layout(r.f.Size())
	canvas.Refresh(r.f.img)
	canvas.Refresh(r.f.horizon.box)
	canvas.Refresh(r.f.markers)
}
func (r *photoFrameRenderer) Destroy() {}
