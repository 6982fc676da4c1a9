package mapview

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const labelSize = 12

// renderer shows the map's raster image, the peak labels over it, and the controls on top.
type renderer struct {
	m           *Map
	raster      *canvas.Raster
	labels      []*canvas.Text // a pool; only the first shown are laid out
	shown       int
	selectBtn   *widget.Button
	controls    *fyne.Container
	attribution *canvas.Text
	scale       *scaleBar
	north       *northArrow
	legend      *legend
	tip         *tooltip
	keepClear   []box // where the controls and aids are: no peak label goes there
}

func newRenderer(m *Map) *renderer {
	r := &renderer{m: m}
	r.raster = canvas.NewRaster(func(w, h int) image.Image { return m.render(w, h) })
	r.selectBtn = widget.NewButtonWithIcon("Select area", theme.ContentAddIcon(), func() { m.SetSelectMode(!m.selectMode) })
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), m.ZoomIn)
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), m.ZoomOut)
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), m.FitPhotos)
	r.controls = container.NewHBox(zoomIn, zoomOut, fit, r.selectBtn)
	r.attribution = canvas.NewText("Natural Earth", labelColour)
	r.attribution.TextSize = 10
	r.scale, r.north, r.legend, r.tip = newScaleBar(), newNorthArrow(), newLegend(), newTooltip()
	m.rend = r
	return r
}

// northSize is the north arrow's diameter.
const northSize = 30

func (r *renderer) Layout(size fyne.Size) {
	r.m.resize(size)
	r.raster.Resize(size)
	r.raster.Move(fyne.NewPos(0, 0))
	r.layoutAids(size)
	r.layoutLabels()
}

// layoutAids places the controls bottom right over the attribution, the north arrow top left, and the
// legend over the scale bar bottom left, and notes their boxes so no peak label hides under them.
func (r *renderer) layoutAids(size fyne.Size) {
	pad := theme.Padding()
	as := r.attribution.MinSize()
	r.attribution.Move(fyne.NewPos(size.Width-as.Width-pad, size.Height-as.Height))
	r.attribution.Resize(as)
	cs := r.controls.MinSize()
	r.controls.Resize(cs)
	cp := fyne.NewPos(size.Width-cs.Width-pad, size.Height-as.Height-cs.Height)
	r.controls.Move(cp)
	r.north.layout(fyne.NewPos(pad, pad), northSize)
	base := size.Height - pad - 4
	r.scale.layout(r.m.view, 2*pad, base)
	t0, t1 := r.m.dateSpan()
	lh := r.legend.layout(t0, t1, 2*pad, base-labelSize-14)
	r.keepClear = []box{
		{float64(cp.X), float64(cp.Y), float64(size.Width), float64(size.Height)},
		{0, 0, float64(pad + northSize), float64(pad + northSize)},
		{0, float64(base) - labelSize - 14 - float64(lh), float64(2*pad + 260), float64(size.Height)},
	}
}

// showTip names what the pointer is over (text), or hides the name (""), without redrawing the map.
func (r *renderer) showTip(text string, pos fyne.Position) {
	r.tip.layout(text, pos, r.m.Size())
}

func (r *renderer) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

func (r *renderer) Refresh() {
	r.layoutAids(r.m.Size())
	if r.m.selectMode {
		r.selectBtn.Importance = widget.HighImportance
	} else {
		r.selectBtn.Importance = widget.MediumImportance
	}
	r.selectBtn.Refresh()
	r.layoutLabels()
	r.raster.Refresh()
}

func (r *renderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, r.shown+24)
	objs = append(objs, r.raster)
	for _, l := range r.labels[:r.shown] {
		objs = append(objs, l)
	}
	objs = append(objs, r.north.objects()...)
	objs = append(objs, r.legend.objects()...)
	objs = append(objs, r.scale.objects()...)
	objs = append(objs, r.attribution, r.controls)
	return append(objs, r.tip.objects()...)
}

func (r *renderer) Destroy() {}

// layoutLabels names the peaks on screen, right of their triangles, skipping any label that would overlap
// one placed before it; SetPeaks' order therefore decides which names win in a crowded range.
func (r *renderer) layoutLabels() {
	v := r.m.view
	r.shown = 0
	placed := append([]box(nil), r.keepClear...)
	for _, i := range r.m.shownPeaks() {
		pk := r.m.peaks[i]
		x, y := v.toScreen(pk.x, pk.y)
		if x < 0 || y < 0 || x > v.w || y > v.h {
			continue
		}
		l := r.label(r.shown)
		l.Text = pk.name
		s := l.MinSize()
		b := box{x + peakSize + 1, y - float64(s.Height)/2, x + peakSize + 1 + float64(s.Width), y + float64(s.Height)/2}
		if overlapsAny(b, placed) {
			continue
		}
		placed = append(placed, b)
		l.Move(fyne.NewPos(float32(b.minX), float32(b.minY)))
		l.Resize(s)
		l.Refresh()
		r.shown++
	}
}

func (r *renderer) label(i int) *canvas.Text {
	for len(r.labels) <= i {
		t := canvas.NewText("", labelColour)
		t.TextSize = labelSize
		t.TextStyle = fyne.TextStyle{Bold: true}
		r.labels = append(r.labels, t)
	}
	return r.labels[i]
}

func overlapsAny(b box, others []box) bool {
	for _, o := range others {
		if b.overlaps(o) {
			return true
		}
	}
	return false
}
