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

// screenSize is the work area (the screen less its panels) of the monitor win is on, in Fyne units at the
// canvas's scale, or zero when it cannot be read. Fyne does not say which monitor a window is on; its GLFW
// driver hands out the native window (driver.NativeWindow), so on X11 the window's place on the desktop is
// asked of the X server (windowCentre) and matched to GLFW's monitors. Elsewhere (Windows, macOS, Wayland,
// where windowCentre knows nothing) it is the primary monitor's. It calls GLFW, so it must run on the main
// thread after the driver started (in the app's OnStarted).
func screenSize(win fyne.Window, scale float32) (size fyne.Size) {
	defer func() {
		if recover() != nil { // GLFW not initialised: a driver without monitors
			size = fyne.Size{}
		}
	}()
	if scale <= 0 {
		return fyne.Size{}
	}
	m := glfw.GetPrimaryMonitor()
	if x, y, ok := windowCentre(win); ok {
		var areas []monitorArea
		monitors := glfw.GetMonitors()
		for _, mon := range monitors {
			areas = append(areas, areaOf(mon))
		}
		if i := monitorAt(areas, x, y); i >= 0 {
			m = monitors[i]
		}
	}
	if m == nil {
		return fyne.Size{}
	}
	a := areaOf(m)
	return fyne.NewSize(float32(a.workW)/scale, float32(a.workH)/scale)
}

// monitorArea is where a monitor is on the desktop and the size of its work area, in pixels.
type monitorArea struct {
	x, y, w, h   int
	workW, workH int
}

func areaOf(m *glfw.Monitor) monitorArea {
	var a monitorArea
	a.x, a.y = m.GetPos()
	if mode := m.GetVideoMode(); mode != nil {
		a.w, a.h = mode.Width, mode.Height
	}
	_, _, a.workW, a.workH = m.GetWorkarea()
	if a.workW <= 0 || a.workH <= 0 {
		a.workW, a.workH = a.w, a.h
	}
	return a
}

// monitorAt is the index of the monitor that holds the point x, y of the desktop, else of the one nearest
// it; -1 when there are none.
func monitorAt(ms []monitorArea, x, y int) int {
	best, bestD := -1, 0
	for i, m := range ms {
		dx := max(m.x-x, 0, x-(m.x+m.w-1))
		dy := max(m.y-y, 0, y-(m.y+m.h-1))
		if d := dx*dx + dy*dy; best < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
