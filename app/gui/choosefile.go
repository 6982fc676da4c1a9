package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// chooseFile asks for a file whose name ends in one of exts and hands its path to use.
func chooseFile(win fyne.Window, exts []string, use func(path string)) {
	d := dialog.NewFileOpen(func(f fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, win)
			return
		}
		if f == nil {
			return // cancelled
		}
		f.Close()
		use(f.URI().Path())
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(dialogSize(win, fyne.NewSize(900, 600)))
	d.Show()
}
