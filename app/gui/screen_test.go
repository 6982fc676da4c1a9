package gui

import "testing"

// TestMonitorAt: the window's centre picks the monitor that holds it, on either side of the primary and
// above it; a centre off every monitor (a window dragged half off) picks the nearest.
func TestMonitorAt(t *testing.T) {
	ms := []monitorArea{
		{x: 0, y: 0, w: 1920, h: 1080},       // primary
		{x: 1920, y: 0, w: 1024, h: 600},     // a small one on its right
		{x: -1280, y: -200, w: 1280, h: 800}, // one on its left, higher
	}
	for _, tc := range []struct{ x, y, want int }{
		{960, 540, 0}, {1919, 1079, 0}, {1920, 10, 1}, {2500, 300, 1}, {-1, 0, 2}, {-600, -150, 2},
		{3500, 300, 1}, {2000, 650, 1}, {-2000, 2000, 2}, {500, 5000, 0},
	} {
		if got := monitorAt(ms, tc.x, tc.y); got != tc.want {
			t.Errorf("centre %d,%d: monitor %d, want %d", tc.x, tc.y, got, tc.want)
		}
	}
	if monitorAt(nil, 0, 0) != -1 {
		t.Error("a monitor found among none")
	}
}
