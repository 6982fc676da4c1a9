package gui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// TestLayoutLabelsCrowded: twelve summits crowded on a ridge near the photo's top and right edges get names
// that neither overlap one another nor cover a summit nor leave the frame, stacked at several heights; the
// first peak is named even where it has no free place, and what does not fit is left out, the lesser peaks
// and those behind terrain first.
func TestLayoutLabelsCrowded(t *testing.T) {
	frame := fyne.NewSize(800, 500)
	var labels []peakLabel
	var summits []fyne.Position
	var sizes []fyne.Size
	for i := range 12 {
		labels = append(labels, peakLabel{name: fmt.Sprintf("Peak %d", i), hidden: i >= 8})
		summits = append(summits, fyne.NewPos(float32(640+i*14), float32(70+(i%3)*6)))
		sizes = append(sizes, fyne.NewSize(90, 20))
	}
	placed := layoutLabels(labels, summits, sizes, frame)
	if len(placed) < 4 || len(placed) == len(labels) {
		t.Fatalf("%d of %d names placed; want some stacked and some left out", len(placed), len(labels))
	}
	if placed[0].label.name != "Peak 0" {
		t.Errorf("the first name placed is %q, not the first peak's", placed[0].label.name)
	}
	heights := map[float32]bool{}
	for i, p := range placed {
		heights[p.box.Y] = true
		if p.box.X < 0 || p.box.Y < 0 || p.box.X+p.size.Width > frame.Width || p.box.Y+p.size.Height > frame.Height {
			t.Errorf("%s's box %v %v leaves the frame %v", p.label.name, p.box, p.size, frame)
		}
		for j, q := range placed {
			if i != j && p.overlaps(rect{q.box, q.size}) {
				t.Errorf("%s's and %s's names overlap", p.label.name, q.label.name)
			}
			if p.overlaps(rectAround(q.summit, labelDot/2)) {
				t.Errorf("%s's name covers %s's summit", p.label.name, q.label.name)
			}
		}
		end := p.leaderEnd()
		if end.X < p.box.X || end.X > p.box.X+p.size.Width {
			t.Errorf("%s's leader line ends at %v, off its box %v", p.label.name, end, p.box)
		}
	}
	if len(heights) < 3 {
		t.Errorf("names at %d heights; want them staggered", len(heights))
	}
	// Names are placed by rank: no peak behind terrain before one in sight.
	for i := 1; i < len(placed); i++ {
		if placed[i-1].label.hidden && !placed[i].label.hidden {
			t.Errorf("%s (behind terrain) placed before %s (in sight)", placed[i-1].label.name, placed[i].label.name)
		}
	}

	// Boxed in: a second peak takes the only free place first in the frame's order, yet the first keeps its name.
	tight := fyne.NewSize(200, 60)
	two := layoutLabels([]peakLabel{{name: "Ama Dablam"}, {name: "Kangtega"}},
		[]fyne.Position{{X: 100, Y: 55}, {X: 104, Y: 56}}, []fyne.Size{{Width: 90, Height: 20}, {Width: 90, Height: 20}}, tight)
	if len(two) == 0 || two[0].label.name != "Ama Dablam" {
		t.Errorf("boxed in, the names placed are %v; want Ama Dablam's", two)
	}
	// One free place for two names: the peak in sight takes it from the one behind terrain listed before it.
	sz := fyne.Size{Width: 90, Height: 20}
	three := layoutLabels([]peakLabel{{name: "Ama Dablam"}, {name: "Behind", hidden: true}, {name: "In sight"}},
		[]fyne.Position{{X: 30, Y: 55}, {X: 150, Y: 55}, {X: 152, Y: 55}}, []fyne.Size{sz, sz, sz}, tight)
	if len(three) != 2 || three[1].label.name != "In sight" {
		t.Errorf("names placed %v; want Ama Dablam's and the one in sight", three)
	}
	// A summit outside the frame (the photo zoomed past it) gets no name.
	if out := layoutLabels([]peakLabel{{name: "Lhotse"}}, []fyne.Position{{X: -30, Y: 40}}, []fyne.Size{{Width: 60, Height: 20}}, frame); len(out) != 0 {
		t.Errorf("a summit outside the frame is named at %v", out[0].box)
	}
}

// TestPhotoFrameCrowdedLabels: on a photo in the frame, labels of summits crowded at the photo's right edge
// are drawn without overlapping and inside the frame, and the first peak's among them.
func TestPhotoFrameCrowdedLabels(t *testing.T) {
	test.NewTempApp(t)
	f := newPhotoFrame()
	f.Resize(fyne.NewSize(700, 450))
	f.setPhoto(1.5)
	var labels []peakLabel
	for i := range 9 {
		labels = append(labels, peakLabel{name: fmt.Sprintf("Summit number %d", i), x: 0.9 + float64(i)*0.01, y: 0.05 + float64(i%2)*0.02})
	}
	f.setLabels(labels)
	var boxes []rect
	names := map[string]bool{}
	for _, o := range f.markers.Objects {
		switch m := o.(type) {
		case *canvas.Rectangle:
			boxes = append(boxes, rect{m.Position(), m.Size()})
		case *canvas.Text:
			names[m.Text] = true
		}
	}
	if !names["Summit number 0"] || len(boxes) < 2 || len(boxes) == len(labels) {
		t.Fatalf("%d boxes drawn, names %v; want the first peak's and some left out", len(boxes), names)
	}
	for i, b := range boxes {
		if b.at.X < 0 || b.at.X+b.size.Width > 700+0.5 || b.at.Y < 0 {
			t.Errorf("box %v %v leaves the frame", b.at, b.size)
		}
		for j := i + 1; j < len(boxes); j++ {
			if b.overlaps(boxes[j]) {
				t.Errorf("boxes %v and %v overlap", b.at, boxes[j].at)
			}
		}
	}
}
