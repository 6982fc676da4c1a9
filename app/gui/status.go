package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// statusLine is the line under the photos: how many match, then a note that stays until replaced — the last
// scan's summary, or why the model or the raster layer did not load.
type statusLine struct {
	label *widget.Label
	note  string
	right fyne.CanvasObject // controls at the line's end (the thumbnail size)
}

func newStatusLine(right fyne.CanvasObject) *statusLine {
	s := &statusLine{label: widget.NewLabel(""), right: right}
	s.label.Truncation = fyne.TextTruncateEllipsis
	return s
}

func (s *statusLine) object() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, s.right, s.label)
}

// show shows text, followed by the note.
func (s *statusLine) show(text string) {
	if s.note != "" {
		text += " · " + s.note
	}
	s.label.SetText(text)
}

// showAlone shows text without the note (an error, or why there are no photos).
func (s *statusLine) showAlone(text string) { s.label.SetText(text) }

// setNote keeps note for the next show.
func (s *statusLine) setNote(note string) { s.note = note }
