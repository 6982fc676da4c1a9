package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// scanBar shows a running scan or model switch: a progress bar, what it does, the count, rate and ETA, and a
// cancel button.
type scanBar struct {
	bar    *widget.ProgressBar
	label  *widget.Label
	cancel *widget.Button
	box    *fyne.Container
	active bool
	prefix string // what runs, before each progress line: "" for a scan
}

func newScanBar(cancel func()) *scanBar {
	s := &scanBar{bar: widget.NewProgressBar(), label: widget.NewLabel("")}
	s.label.Truncation = fyne.TextTruncateEllipsis // a long line never widens the window
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), cancel)
	s.box = container.NewBorder(nil, nil, nil, s.cancel, container.NewGridWithColumns(2, s.bar, s.label))
	s.box.Hide()
	return s
}

func (s *scanBar) object() fyne.CanvasObject { return s.box }

func (s *scanBar) running() bool { return s.active }

func (s *scanBar) begin(prefix string) {
	s.active, s.prefix = true, prefix
	s.bar.SetValue(0)
	s.label.SetText(prefix + "Listing photos…")
	s.box.Show()
}

func (s *scanBar) show(p library.Progress) {
	if p.Total > 0 {
		s.bar.SetValue(float64(p.Done) / float64(p.Total))
	}
	s.label.SetText(s.prefix + p.String())
}

func (s *scanBar) end() {
	s.active = false
	s.box.Hide()
}
