//go:build !((linux || freebsd || openbsd || netbsd) && !wayland)

package gui

import "fyne.io/fyne/v2"

// windowCentre knows no window's place outside X11: Fyne hands out a Windows HWND or a macOS NSWindow, which
// would need their own system calls, and Wayland does not tell a window where it is. screenSize then uses
// the primary monitor.
func windowCentre(fyne.Window) (x, y int, ok bool) { return 0, 0, false }
