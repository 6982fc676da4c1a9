package gui

import (
	"slices"

	"fyne.io/fyne/v2"
)

// Where a peak's name goes relative to its summit, in Fyne units: the first place tried is labelRise above
// it; then labelLevels-1 places higher, each a box's height and labelGap apart, then the same below it.
const (
	labelRise   = 22
	labelGap    = 4
	labelLevels = 4
	labelDot    = 6 // the summit's dot
)

// placedLabel is a peak's name laid out on the photo: the summit, and the box its name sits in.
type placedLabel struct {
	label  peakLabel
	summit fyne.Position
	box    fyne.Position // top-left
	size   fyne.Size
}

// layoutLabels places the names of peaks whose summits are at summits (in a frame of size frame) in boxes of
// sizes, so that no two boxes overlap, none covers a summit drawn, and all stay inside the frame: each name
// goes above its summit at the lowest height free, else below it, shifted sideways at the frame's edges, and
// joined to its summit by a leader line. Names are placed in order of rank — the first peak (the record's
// best), then the peaks in sight in the record's order, then those behind terrain — and a name with no free
// place is left out, except the first peak's, which is always drawn. Summits outside the frame get no name.
func layoutLabels(labels []peakLabel, summits []fyne.Position, sizes []fyne.Size, frame fyne.Size) []placedLabel {
	order := make([]int, len(labels))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		rank := func(i int) int {
			switch {
			case i == 0:
				return 0
			case !labels[i].hidden:
				return 1
			}
			return 2
		}
		return rank(a) - rank(b)
	})
	var placed []placedLabel
	for _, i := range order {
		s := summits[i]
		if s.X < 0 || s.Y < 0 || s.X > frame.Width || s.Y > frame.Height {
			continue
		}
		dot := rectAround(s, labelDot/2)
		if i != 0 && slices.ContainsFunc(placed, func(p placedLabel) bool { return p.overlaps(dot) }) {
			continue // a better peak's name covers this summit
		}
		cands := labelCandidates(s, sizes[i], frame)
		at, ok := fyne.Position{}, false
		for _, c := range cands {
			r := rect{c, sizes[i]}
			if !slices.ContainsFunc(placed, func(p placedLabel) bool {
				return p.overlaps(r) || r.overlaps(rectAround(p.summit, labelDot/2))
			}) && !r.overlaps(dot) {
				at, ok = c, true
				break
			}
		}
		if !ok && i == 0 && len(cands) > 0 {
			at, ok = cands[0], true // the first peak is named whatever it covers
		}
		if ok {
			placed = append(placed, placedLabel{label: labels[i], summit: s, box: at, size: sizes[i]})
		}
	}
	return placed
}

// labelCandidates are the places a box of size may take for summit s, best first: above it, higher and
// higher, then below it, lower and lower, centred on it but kept inside the frame; none that leave the
// frame's top or bottom.
func labelCandidates(s fyne.Position, size fyne.Size, frame fyne.Size) []fyne.Position {
	x := max(0, min(s.X-size.Width/2, frame.Width-size.Width))
	var out []fyne.Position
	for _, below := range []bool{false, true} {
		for k := range labelLevels {
			rise := float32(labelRise) + float32(k)*(size.Height+labelGap)
			y := s.Y - rise - size.Height
			if below {
				y = s.Y + rise
			}
			if y >= 0 && y+size.Height <= frame.Height {
				out = append(out, fyne.NewPos(x, y))
			}
		}
	}
	return out
}

// leaderEnd is where the line from the summit meets the label's box: the middle of the box's edge facing the
// summit, or the point of that edge nearest it when the box was shifted sideways.
func (p placedLabel) leaderEnd() fyne.Position {
	x := max(p.box.X+4, min(p.summit.X, p.box.X+p.size.Width-4))
	if p.box.Y > p.summit.Y {
		return fyne.NewPos(x, p.box.Y)
	}
	return fyne.NewPos(x, p.box.Y+p.size.Height)
}

func (p placedLabel) overlaps(r rect) bool { return rect{p.box, p.size}.overlaps(r) }

// rect is an axis-aligned box in Fyne units.
type rect struct {
	at   fyne.Position
	size fyne.Size
}

func rectAround(c fyne.Position, half float32) rect {
	return rect{fyne.NewPos(c.X-half, c.Y-half), fyne.NewSize(2*half, 2*half)}
}

// overlaps reports whether r and o share any area (touching edges do not count), with labelGap/2 around each.
func (r rect) overlaps(o rect) bool {
	const m = labelGap / 2
	return r.at.X-m < o.at.X+o.size.Width+m && o.at.X-m < r.at.X+r.size.Width+m &&
		r.at.Y-m < o.at.Y+o.size.Height+m && o.at.Y-m < r.at.Y+r.size.Height+m
}
