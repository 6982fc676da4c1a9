package gui

import "fyne.io/fyne/v2"

// typedKey handles the keys typed on the main screen while no widget has the keyboard: the arrows and
// Return give it to the grid and act there, Escape goes back.
func (u *ui) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		u.back()
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown,
		fyne.KeyHome, fyne.KeyEnd, fyne.KeyReturn, fyne.KeyEnter:
		u.grid.focus()
		u.grid.grid.TypedKey(ev)
	}
}

// back undoes the last step of a search, as Escape does in photo apps: from photos like a dropped photo
// back to the search, else from a search back to every photo.
func (u *ui) back() {
	switch {
	case u.banner.box.Visible():
		u.banner.clear()
	case u.bar.entry.Text != "":
		u.bar.clear()
	}
}

// find gives the search entry the keyboard (Ctrl+F), closing the viewer first.
func (u *ui) find() {
	if u.viewer != nil {
		u.viewer.close()
	}
	u.bar.focus()
}
