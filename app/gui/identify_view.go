package gui

import (
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/peaks"
)

// viewIdentified shows a photo identified from outside the album (dropped or chosen) in the viewer as an album
// photo is shown: its peak labels where identification placed them, the peaks terrain hides there dimmed, and
// the Horizon switch. Nothing is computed here: the labels are the identification's, the horizon the library's.
func (u *ui) viewIdentified(id library.Identified) {
	p := id.Photo
	src := viewerSource{photo: func(string) (library.Photo, error) { return p, nil }, image: library.LoadImage,
		screen:  library.LoadScreenImage,
		horizon: u.terrain.horizon}
	v := newViewer(src, []string{p.ID}, 0)
	v.hiddenLabels = hiddenLabels(id.Hidden)
	v.onClose = func() { u.viewer = nil }
	u.viewer = v
	showViewerIn(u.win, v)
}

// hiddenLabels are the labels of the peaks in the frame that terrain hides, drawn dimmer than the visible ones.
func hiddenLabels(hidden []peaks.Prediction) []peakLabel {
	var out []peakLabel
	for _, h := range hidden {
		if h.X == nil || h.Y == nil || *h.X < 0 || *h.X > 1 || *h.Y < 0 || *h.Y > 1 {
			continue
		}
		out = append(out, peakLabel{name: h.Name, x: *h.X, y: *h.Y, distanceKm: h.DistanceKm, hidden: true})
	}
	return out
}
