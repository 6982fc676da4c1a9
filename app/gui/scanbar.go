package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// scanBar shows a running scan: a progress bar, the count, rate and ETA, and a cancel button.
type scanBar struct {
	bar    *widget.ProgressBar
	label  *widget.Label
	cancel *widget.Button
	box    *fyne.Container
	active bool
}

func newScanBar(cancel func()) *scanBar {
	s := &scanBar{bar: widget.NewProgressBar(), label: widget.NewLabel("")}
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), cancel)
	s.box = container.NewBorder(nil, nil, nil, container.NewHBox(s.label, s.cancel), s.bar)
	s.box.Hide()
	return s
}

func (s *scanBar) object() fyne.CanvasObject { return s.box }

func (s *scanBar) running() bool { return s.active }

func (s *scanBar) begin() {
	s.active = true
	s.bar.SetValue(0)
	s.label.SetText("Listing photos…")
	s.box.Show()
}

func (s *scanBar) show(p library.Progress) {
	if p.Total > 0 {
		s.bar.SetValue(float64(p.Done) / float64(p.Total))
	}
	s.label.SetText(progressText(p))
}

func (s *scanBar) end() {
	s.active = false
	s.box.Hide()
}

// progressText is what the bar says: "1,234 / 10,000 · 41 photos/s · 3:35 left".
func progressText(p library.Progress) string {
	if p.Phase == "listing" {
		return "Listing photos…"
	}
	text := fmt.Sprintf("%d / %d", p.Done, p.Total)
	if p.Rate > 0 {
		text += fmt.Sprintf(" · %.0f photos/s", p.Rate)
	}
	if p.ETA > 0 {
		secs := int(p.ETA.Seconds())
		text += fmt.Sprintf(" · %d:%02d left", secs/60, secs%60)
	}
	return text
}
