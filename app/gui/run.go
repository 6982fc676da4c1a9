// Package gui is Cairn's window: pick an album, watch it scan, browse its photos.
package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/cairn-photos/cairn/assets"
)

// AppID is Cairn's application id (FyneApp.toml says the same).
const AppID = "io.github.cairnphotos.cairn"

// Run opens the window and blocks until it is closed.
func Run(dataRoot string) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1200, 800))
	u := newUI(a, w, dataRoot)
	defer u.close()
	if err := u.start(); err != nil {
		return fmt.Errorf("open window: %w", err)
	}
	w.ShowAndRun()
	return nil
}
