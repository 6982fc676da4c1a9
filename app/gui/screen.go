package gui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// defaultWindowSize is the size of the window on the first start, when the screen is large enough.
var defaultWindowSize = fyne.NewSize(1280, 800)

// screenMargin is what a window leaves of the screen's work area for its frame and title bar, in Fyne units.
const screenMargin = 48

// windowSize is the size the window opens at: the one it had when it last closed, else the default, never
// larger than the work area of the screen (less screenMargin). screen is that work area in Fyne units, zero
// when unknown.
func windowSize(prefs fyne.Preferences, screen fyne.Size) fyne.Size {
	size := defaultWindowSize
	if w, h := prefs.Float(prefWindowWidth), prefs.Float(prefWindowHeight); w >= 200 && h >= 150 {
		size = fyne.NewSize(float32(w), float32(h))
	}
	if screen.Width > 0 && screen.Height > 0 {
		size.Width = min(size.Width, screen.Width-screenMargin)
		size.Height = min(size.Height, screen.Height-screenMargin)
	}
	return size
}

// screenSize is the work area of the primary monitor (the screen less its panels) in Fyne units at the
// canvas's scale, or zero when it cannot be read. It calls GLFW, so it must run on the main thread after
// the driver started (in the app's OnStarted).
func screenSize(scale float32) (size fyne.Size) {
	defer func() {
		if recover() != nil { // GLFW not initialised: a driver without monitors
			size = fyne.Size{}
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil || scale <= 0 {
		return fyne.Size{}
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			w, h = mode.Width, mode.Height
		}
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale)
}
