package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// welcome is the first screen: what Cairn does and a button to choose an album.
type welcome struct {
	box fyne.CanvasObject
}

func newWelcome(choose func()) *welcome {
	title := widget.NewLabelWithStyle("Welcome to Cairn", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	text := widget.NewLabelWithStyle("Choose the folder that holds your photos. Cairn reads it, never writes to it,\n"+
		"and finds your mountains by name, by what they show, and by where you stood.", fyne.TextAlignCenter, fyne.TextStyle{})
	button := widget.NewButtonWithIcon("Choose an album folder…", theme.FolderOpenIcon(), choose)
	button.Importance = widget.HighImportance
	return &welcome{box: container.NewCenter(container.NewVBox(title, text, container.NewCenter(button)))}
}

func (w *welcome) object() fyne.CanvasObject { return w.box }

// opening is shown while an album's library opens (no animation: it would run on after the swap).
func opening(album string) fyne.CanvasObject {
	return container.NewCenter(widget.NewLabelWithStyle("Opening "+album+" …", fyne.TextAlignCenter, fyne.TextStyle{}))
}
