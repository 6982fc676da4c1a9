package mapview

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// TestScaleBarMeasures: the scale bar's length is the ground distance it names, measured on the map.
func TestScaleBarMeasures(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	r := test.WidgetRenderer(m).(*renderer)
	text := r.scale.text.Text
	km := 0.0
	if _, err := fmt.Sscan(strings.TrimSuffix(text, " km"), &km); err != nil || !strings.HasSuffix(text, " km") {
		t.Fatalf("scale bar says %q", text)
	}
	units := float64(r.scale.line.Position2.X - r.scale.line.Position1.X)
	lat, lon := unproject(m.view.cx, m.view.cy)
	dlon := km * 1000 / (111319.49 * math.Cos(lat*math.Pi/180))
	onMap := float64(m.PositionOf(lat, lon+dlon).X - m.PositionOf(lat, lon).X)
	if math.Abs(units-onMap) > 1 || units > scaleBarMax || units < scaleBarMax/2.6 {
		t.Errorf("%s bar is %.1f units; the map draws %s as %.1f", text, units, text, onMap)
	}
}

// TestLegendAndNames: the legend spans the photos' dates, and the pointer over a dot or a triangle names it.
func TestLegendAndNames(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	r := test.WidgetRenderer(m).(*renderer)
	trek := khumbuTrek()
	first, last := trek[0].Time, trek[len(trek)-1].Time
	if r.legend.from.Text != first.Format("2 Jan") || r.legend.to.Text != last.Format("2 Jan 2006") {
		t.Errorf("legend %q – %q, want the trek's %v – %v", r.legend.from.Text, r.legend.to.Text, first, last)
	}
	dot := m.PositionOf(trek[4].Lat, trek[4].Lon)
	m.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: dot}})
	if want := "Photo, " + trek[4].Time.Format("2 Jan 2006 15:04"); r.tip.text.Text != want || r.tip.text.Hidden {
		t.Errorf("over a dot the map says %q (hidden %v), want %q", r.tip.text.Text, r.tip.text.Hidden, want)
	}
	peak := m.PositionOf(27.8617, 86.8614) // Ama Dablam
	m.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: peak}})
	if r.tip.text.Text != "Ama Dablam" {
		t.Errorf("over Ama Dablam's triangle the map says %q", r.tip.text.Text)
	}
	m.MouseOut()
	if !r.tip.text.Hidden {
		t.Error("the name stays after the pointer left")
	}
}

// shade is a tile layer of one translucent grey, standing in for the terrain's hillshade.
type shade struct{}

func (shade) Zooms() (int, int) { return 0, 18 }
func (shade) Tile(z, x, y int) (image.Image, error) {
	return image.NewUniform(color.NRGBA{0, 0, 0, 0x80}), nil
}

// TestShadingDarkensLandUnderLines: a shading layer darkens the land and stays under the trek and dots.
func TestShadingDarkensLandUnderLines(t *testing.T) {
	m, win := newTestMap(t, 640, 480)
	m.SetPhotos(nil)
	land := m.PositionOf(27.70, 86.60)
	before := win.Canvas().Capture()
	m.SetShading(shade{})
	after := win.Canvas().Capture()
	lum := func(img image.Image) float64 {
		sx := int(float64(land.X) * float64(img.Bounds().Dx()) / 640)
		sy := int(float64(land.Y) * float64(img.Bounds().Dy()) / 480)
		r, g, b, _ := img.At(sx, sy).RGBA()
		return float64(r+g+b) / 3
	}
	if lum(after) > lum(before)*0.7 {
		t.Errorf("the shading did not darken the land: %.0f before, %.0f after", lum(before), lum(after))
	}
}
