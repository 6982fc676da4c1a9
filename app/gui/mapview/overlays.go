package mapview

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// The map's reading aids: a scale bar, a north arrow, the legend of the dots' date colours and the name of
// what the pointer is over. They are canvas objects over the raster, laid out by the renderer.

var (
	panelColour = color.NRGBA{0xff, 0xff, 0xff, 0xd0}
	inkColour   = color.NRGBA{0x20, 0x20, 0x20, 0xff}
)

func setHidden(objs []fyne.CanvasObject, hidden bool) {
	for _, o := range objs {
		if hidden {
			o.Hide()
		} else {
			o.Show()
		}
	}
}

// scaleBarMax is the longest the scale bar grows, in units; it shows the longest round distance that fits.
const scaleBarMax = 120

// scaleLength is the round ground distance (1, 2 or 5 times a power of ten metres) whose bar is longest
// within maxUnits at the view's centre, and that bar's length in units.
func scaleLength(v viewport, maxUnits float64) (metres, units float64) {
	_, lat := unprojectCentre(v)
	perMetre := metresToWorld(1, lat) * v.scale() // units per metre
	if perMetre <= 0 || math.IsInf(perMetre, 0) || math.IsNaN(perMetre) {
		return 0, 0
	}
	best := 0.0
	for p := 1.0; p <= 1e7; p *= 10 {
		for _, k := range []float64{1, 2, 5} {
			if d := k * p; d*perMetre <= maxUnits {
				best = d
			}
		}
	}
	return best, best * perMetre
}

func unprojectCentre(v viewport) (lon, lat float64) {
	lat, lon = unproject(v.cx, v.cy)
	return lon, lat
}

// distanceText writes a scale bar's distance: "500 m", "2 km".
func distanceText(metres float64) string {
	if metres >= 1000 {
		return fmt.Sprintf("%g km", metres/1000)
	}
	return fmt.Sprintf("%g m", metres)
}

// scaleBar is a bar with end ticks and its distance, bottom left.
type scaleBar struct {
	line, left, right *canvas.Line
	text              *canvas.Text
	bg                *canvas.Rectangle
}

func newScaleBar() *scaleBar {
	s := &scaleBar{line: canvas.NewLine(inkColour), left: canvas.NewLine(inkColour), right: canvas.NewLine(inkColour),
		text: canvas.NewText("", inkColour), bg: canvas.NewRectangle(panelColour)}
	s.text.TextSize = labelSize
	s.bg.CornerRadius = 3
	for _, l := range []*canvas.Line{s.line, s.left, s.right} {
		l.StrokeWidth = 2
	}
	return s
}

func (s *scaleBar) objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{s.bg, s.line, s.left, s.right, s.text}
}

// layout draws the bar for view v with its left end at (x, y), the bar's baseline.
func (s *scaleBar) layout(v viewport, x, y float32) {
	metres, units := scaleLength(v, scaleBarMax)
	hidden := metres == 0
	setHidden(s.objects(), hidden)
	if hidden {
		return
	}
	w := float32(units)
	s.line.Position1, s.line.Position2 = fyne.NewPos(x, y), fyne.NewPos(x+w, y)
	s.left.Position1, s.left.Position2 = fyne.NewPos(x, y-6), fyne.NewPos(x, y)
	s.right.Position1, s.right.Position2 = fyne.NewPos(x+w, y-6), fyne.NewPos(x+w, y)
	s.text.Text = distanceText(metres)
	ts := s.text.MinSize()
	s.text.Move(fyne.NewPos(x+w+4, y-ts.Height+3))
	s.text.Resize(ts)
	s.bg.Move(fyne.NewPos(x-4, y-ts.Height))
	s.bg.Resize(fyne.NewSize(w+ts.Width+12, ts.Height+4))
	for _, o := range s.objects() {
		o.Refresh()
	}
}

// northArrow says that north is up (Web Mercator never rotates), top left.
type northArrow struct {
	bg         *canvas.Circle
	shaft, tip *canvas.Line
	tip2       *canvas.Line
	text       *canvas.Text
}

func newNorthArrow() *northArrow {
	n := &northArrow{bg: canvas.NewCircle(panelColour), shaft: canvas.NewLine(inkColour), tip: canvas.NewLine(inkColour),
		tip2: canvas.NewLine(inkColour), text: canvas.NewText("N", inkColour)}
	n.text.TextStyle.Bold = true
	n.text.TextSize = labelSize
	for _, l := range []*canvas.Line{n.shaft, n.tip, n.tip2} {
		l.StrokeWidth = 2
	}
	return n
}

func (n *northArrow) objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{n.bg, n.shaft, n.tip, n.tip2, n.text}
}

// layout puts the arrow in a circle of diameter d at pos.
func (n *northArrow) layout(pos fyne.Position, d float32) {
	n.bg.Move(pos)
	n.bg.Resize(fyne.NewSize(d, d))
	cx := pos.X + d/2
	top, bottom := pos.Y+5, pos.Y+d/2
	n.shaft.Position1, n.shaft.Position2 = fyne.NewPos(cx, top), fyne.NewPos(cx, bottom)
	n.tip.Position1, n.tip.Position2 = fyne.NewPos(cx, top), fyne.NewPos(cx-4, top+5)
	n.tip2.Position1, n.tip2.Position2 = fyne.NewPos(cx, top), fyne.NewPos(cx+4, top+5)
	ts := n.text.MinSize()
	n.text.Move(fyne.NewPos(cx-ts.Width/2, bottom))
	n.text.Resize(ts)
	for _, o := range n.objects() {
		o.Refresh()
	}
}

// legend is the ramp of the dots' colours from the oldest photo's date to the newest's.
type legend struct {
	bg       *canvas.Rectangle
	ramp     []*canvas.LinearGradient
	from, to *canvas.Text
}

// legendWidth is the ramp's length in units.
const legendWidth = 120

func newLegend() *legend {
	l := &legend{bg: canvas.NewRectangle(panelColour), from: canvas.NewText("", inkColour), to: canvas.NewText("", inkColour)}
	l.bg.CornerRadius = 3
	for i := 0; i+1 < len(dateGradient); i++ {
		l.ramp = append(l.ramp, canvas.NewHorizontalGradient(dateGradient[i], dateGradient[i+1]))
	}
	l.from.TextSize, l.to.TextSize = labelSize, labelSize
	return l
}

func (l *legend) objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{l.bg}
	for _, g := range l.ramp {
		out = append(out, g)
	}
	return append(out, l.from, l.to)
}

// layout shows the legend for photos taken from t0 to t1 with its bottom left at (x, y); zero times hide it.
// It returns the legend's height.
func (l *legend) layout(t0, t1 time.Time, x, y float32) float32 {
	hidden := t0.IsZero() || t1.IsZero()
	setHidden(l.objects(), hidden)
	if hidden {
		return 0
	}
	l.from.Text, l.to.Text = dateText(t0, t1), t1.Format("2 Jan 2006")
	fs, ts := l.from.MinSize(), l.to.MinSize()
	h := fs.Height
	const barH = 8
	l.from.Move(fyne.NewPos(x, y-h))
	l.from.Resize(fs)
	rx := x + fs.Width + 6
	seg := float32(legendWidth) / float32(len(l.ramp))
	for i, g := range l.ramp {
		g.Move(fyne.NewPos(rx+float32(i)*seg, y-h/2-barH/2))
		g.Resize(fyne.NewSize(seg+0.5, barH))
	}
	l.to.Move(fyne.NewPos(rx+legendWidth+6, y-h))
	l.to.Resize(ts)
	l.bg.Move(fyne.NewPos(x-4, y-h-2))
	l.bg.Resize(fyne.NewSize(fs.Width+legendWidth+ts.Width+20, h+4))
	for _, o := range l.objects() {
		o.Refresh()
	}
	return h + 4
}

// dateText writes the first date of the legend, leaving out the year when the last date has the same one.
func dateText(t0, t1 time.Time) string {
	if t0.Year() == t1.Year() {
		return t0.Format("2 Jan")
	}
	return t0.Format("2 Jan 2006")
}

// tooltip names what the pointer is over.
type tooltip struct {
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newTooltip() *tooltip {
	t := &tooltip{bg: canvas.NewRectangle(panelColour), text: canvas.NewText("", inkColour)}
	t.bg.CornerRadius = 3
	t.bg.StrokeColor, t.bg.StrokeWidth = color.NRGBA{0x80, 0x80, 0x80, 0xff}, 1
	t.text.TextSize = labelSize
	t.text.TextStyle.Bold = true
	return t
}

func (t *tooltip) objects() []fyne.CanvasObject { return []fyne.CanvasObject{t.bg, t.text} }

// layout shows text beside pos, kept inside size; empty text hides it.
func (t *tooltip) layout(text string, pos fyne.Position, size fyne.Size) {
	t.bg.Hidden, t.text.Hidden = text == "", text == ""
	if text == "" {
		return
	}
	t.text.Text = text
	ts := t.text.MinSize()
	x, y := pos.X+12, pos.Y-ts.Height-6
	x = min(x, size.Width-ts.Width-8)
	y = max(y, 2)
	t.text.Move(fyne.NewPos(x, y))
	t.text.Resize(ts)
	t.bg.Move(fyne.NewPos(x-4, y-2))
	t.bg.Resize(fyne.NewSize(ts.Width+8, ts.Height+4))
	t.bg.Refresh()
	t.text.Refresh()
}
