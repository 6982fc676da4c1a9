// Package gui is Cairn's window: pick an album, watch it scan, browse its photos.
package gui

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/cairn-photos/cairn/assets"
	"github.com/cairn-photos/cairn/library"
)

// AppID is Cairn's application id (FyneApp.toml says the same).
const AppID = "io.github.cairnphotos.cairn"

// Run opens the window and blocks until it is closed. An empty dataRoot means the one chosen in the settings,
// else library.DefaultDataRoot.
func Run(dataRoot string) error {
	a := fyneapp.NewWithID(AppID)
	if dataRoot == "" {
		dataRoot = a.Preferences().String(prefDataRoot)
	}
	if dataRoot == "" {
		dataRoot = library.DefaultDataRoot()
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Cairn")
	w.Resize(windowSize(a.Preferences(), fyne.Size{}))
	// Once the driver runs, the screen is known: the window shrinks to fit it when it would not.
	tourDir := os.Getenv("CAIRN_SCREENSHOTS")
	a.Lifecycle().SetOnStarted(func() {
		screen := screenSize(w, w.Canvas().Scale())
		if tourDir != "" && screen.Width > 0 {
			w.Resize(screen) // the screenshots show the whole screen, as on a phone-sized laptop
			return
		}
		w.Resize(windowSize(a.Preferences(), screen))
	})
	u := newUI(a, w, dataRoot)
	defer u.close()
	if err := u.start(); err != nil {
		return fmt.Errorf("open window: %w", err)
	}
	// CAIRN_SCREENSHOTS=DIR tours the window and saves its views into DIR (make screenshots), then quits.
	var tourErr error
	if tourDir != "" {
		go func() {
			tourErr = u.tour(tourDir, os.Getenv("CAIRN_SCREENSHOTS_DROP"))
			fyne.Do(a.Quit)
		}()
	}
	w.ShowAndRun()
	return tourErr
}
