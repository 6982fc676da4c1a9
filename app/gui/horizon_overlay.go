package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"github.com/cairn-photos/cairn/library"
)

// horizonInk is the rendered horizon's colour over a photo: a warm yellow that stands out against sky, snow
// and rock alike.
var horizonInk = color.NRGBA{R: 0xff, G: 0xd0, B: 0x30, A: 0xe0}

// horizonOverlay draws the skyline the terrain renders for a photo (library.HorizonLine) over it, where the
// photo's stored view places it: beside the peak labels, it shows how well the view fits the photo.
type horizonOverlay struct {
	lines [][]library.PhotoPoint // fractions of the upright photo
	show  bool
	box   *fyne.Container
	pool  []*canvas.Line // reused between layouts: a horizon is hundreds of segments
}

func newHorizonOverlay() *horizonOverlay {
	return &horizonOverlay{box: container.NewWithoutLayout()}
}

// layout places the segments over the photo drawn at pos with size s, in a frame of size frame; nothing is
// drawn until the photo's shape is known.
func (h *horizonOverlay) layout(frame fyne.Size, pos fyne.Position, s fyne.Size, known bool) {
	h.box.Move(fyne.Position{})
	h.box.Resize(frame)
	h.box.Objects = h.box.Objects[:0]
	if !h.show || !known {
		return
	}
	at := func(q library.PhotoPoint) fyne.Position {
		return fyne.NewPos(pos.X+float32(q.X)*s.Width, pos.Y+float32(q.Y)*s.Height)
	}
	n := 0
	for _, l := range h.lines {
		for i := 1; i < len(l); i++ {
			if n == len(h.pool) {
				seg := canvas.NewLine(horizonInk)
				seg.StrokeWidth = 2
				h.pool = append(h.pool, seg)
			}
			seg := h.pool[n]
			seg.Position1, seg.Position2 = at(l[i-1]), at(l[i])
			h.box.Objects = append(h.box.Objects, seg)
			n++
		}
	}
}

// segments is how many line segments are drawn, for tests.
func (h *horizonOverlay) segments() int { return len(h.box.Objects) }

// setHorizon shows the rendered horizon of the photo (when the horizon is on); nil for none.
func (f *photoFrame) setHorizon(lines [][]library.PhotoPoint) {
	f.horizon.lines = lines
	f.Refresh()
}

func (f *photoFrame) setShowHorizon(on bool) {
	f.horizon.show = on
	f.Refresh()
}
