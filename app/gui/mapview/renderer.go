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
}

func newRenderer(m *Map) *renderer {
	r := &renderer{m: m}
	r.raster = canvas.NewRaster(func(w, h int) image.Image { return m.render(w, h) })
	r.selectBtn = widget.NewButtonWithIcon("Select area", theme.ContentAddIcon(), func() { m.SetSelectMode(!m.selectMode) })
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), m.ZoomIn)
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), m.ZoomOut)
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), m.FitPhotos)
	r.controls = container.NewVBox(zoomIn, zoomOut, fit, r.selectBtn)
	r.attribution = canvas.NewText("Natural Earth", labelColour)
	r.attribution.TextSize = 10
	return r
}

func (r *renderer) Layout(size fyne.Size) {
	r.m.resize(size)
	r.raster.Resize(size)
	r.raster.Move(fyne.NewPos(0, 0))
	pad := theme.Padding()
	cs := r.controls.MinSize()
	r.controls.Resize(cs)
	r.controls.Move(fyne.NewPos(size.Width-cs.Width-pad, pad))
	as := r.attribution.MinSize()
	r.attribution.Move(fyne.NewPos(size.Width-as.Width-pad, size.Height-as.Height))
	r.attribution.Resize(as)
	r.layoutLabels()
}

func (r *renderer) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

func (r *renderer) Refresh() {
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
	objs := make([]fyne.CanvasObject, 0, r.shown+3)
	objs = append(objs, r.raster)
	for _, l := range r.labels[:r.shown] {
		objs = append(objs, l)
	}
	return append(objs, r.attribution, r.controls)
}

func (r *renderer) Destroy() {}

// layoutLabels names the peaks on screen, right of their triangles, skipping any label that would overlap
// one placed before it; SetPeaks' order therefore decides which names win in a crowded range.
func (r *renderer) layoutLabels() {
	v := r.m.view
	r.shown = 0
	var placed []box
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
