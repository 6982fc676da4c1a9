package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// toolbar is the top row: the album and rescan on the left, the search entry in the middle, identify, the
// sort and the settings on the right.
type toolbar struct {
	box fyne.CanvasObject
}

// toolbarActions are what the toolbar's buttons do.
type toolbarActions struct {
	chooseAlbum, rescan, identify, settings, filters func()
}

func newToolbar(bar *searchBar, do toolbarActions) *toolbar {
	open := widget.NewButtonWithIcon("Album…", theme.FolderOpenIcon(), do.chooseAlbum)
	rescan := widget.NewButtonWithIcon("Rescan", theme.ViewRefreshIcon(), do.rescan)
	identify := widget.NewButtonWithIcon("Identify a photo…", theme.SearchReplaceIcon(), do.identify)
	settings := widget.NewButtonWithIcon("", theme.SettingsIcon(), do.settings)
	filters := widget.NewButtonWithIcon("", theme.MenuIcon(), do.filters) // shows or hides the rail
	left := container.NewHBox(filters, open, rescan)
	right := container.NewHBox(identify, bar.sort, settings)
	return &toolbar{box: container.NewBorder(nil, nil, left, right, bar.entry)}
}

func (t *toolbar) object() fyne.CanvasObject { return t.box }
