//go:build (linux || freebsd || openbsd || netbsd) && !wayland

package gui

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>

static int failed;
static int noteFailure(Display *d, XErrorEvent *e) { failed = 1; return 0; }

// centreOf puts the centre of window w in root window coordinates into x, y; 0 when X cannot say. A window
// that is gone sets failed through noteFailure instead of Xlib's default handler, which would end the
// process; GLFW's handler is put back after.
static int centreOf(unsigned long w, int *x, int *y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	failed = 0;
	XErrorHandler previous = XSetErrorHandler(noteFailure);
	XWindowAttributes a;
	Window child;
	int ok = XGetWindowAttributes(d, (Window)w, &a) &&
		XTranslateCoordinates(d, (Window)w, DefaultRootWindow(d), a.width / 2, a.height / 2, x, y, &child);
	XSync(d, False);
	XSetErrorHandler(previous);
	XCloseDisplay(d);
	return ok && !failed;
}
*/
import "C"

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// windowCentre is the centre of win on the X desktop, in pixels, asked of the X server through its own
// connection; ok is false when win is not a native X11 window or the server does not answer.
func windowCentre(win fyne.Window) (x, y int, ok bool) {
	nw, isNative := win.(driver.NativeWindow)
	if !isNative {
		return 0, 0, false
	}
	var handle uintptr
	nw.RunNative(func(ctx any) {
		if x11, is := ctx.(driver.X11WindowContext); is {
			handle = x11.WindowHandle
		}
	})
	if handle == 0 {
		return 0, 0, false
	}
	var cx, cy C.int
	if C.centreOf(C.ulong(handle), &cx, &cy) == 0 {
		return 0, 0, false
	}
	return int(cx), int(cy), true
}
