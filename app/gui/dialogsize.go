package gui

import "fyne.io/fyne/v2"

// dialogSize is want, shrunk to fit inside the window with a margin, so a dialog never hangs off a small
// screen.
func dialogSize(win fyne.Window, want fyne.Size) fyne.Size {
	have := win.Canvas().Size()
	if have.Width <= 0 || have.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, have.Width-32), min(want.Height, have.Height-32))
}
