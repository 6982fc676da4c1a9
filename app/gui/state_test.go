package gui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestRestoresViewOnRestart: the search, the ticked peak, the sort, the tab and the selected photo come back
// when the window opens the album again, and the window's size is remembered.
func TestRestoresViewOnRestart(t *testing.T) {
	win := openWindow(t)
	u := win.u
	win.typeSearch("ama dablam")
	win.waitFor("the search", func() bool { return u.search.query.Text == "ama dablam" })
	test.Tap(win.peakCheck("Ama Dablam"))
	u.rail.from.SetText("2023-10")
	u.rail.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.bar.sort.SetSelectedIndex(2) // oldest first
	win.waitFor("the filtered search", func() bool { return u.search.query.Sort == 2 && !u.search.query.From.IsZero() })
	u.grid.selectIndex(1)
	selected := u.grid.matches[1].ID()
	u.tabs.SelectIndex(1)
	want := win.shown()
	win.w.Resize(fyne.NewSize(1100, 700))
	win.shut(u)

	u2 := newUI(u.app, u.app.NewWindow("Cairn"), u.dataRoot)
	t.Cleanup(func() { win.shut(u2) })
	win.u = u2
	if err := u2.start(); err != nil {
		t.Fatal(err)
	}
	win.waitFor("the reopened album", func() bool { return len(u2.grid.matches) > 0 })
	if got := win.shown(); !slices.Equal(got, want) {
		t.Errorf("after a restart the grid shows %v, want %v", got, want)
	}
	q := u2.search.query
	if q.Text != "ama dablam" || !slices.Equal(q.Peaks, []string{"ama_dablam"}) || q.Sort != 2 || q.From.IsZero() {
		t.Errorf("restored query %+v", q)
	}
	if u2.bar.entry.Text != "ama dablam" || u2.rail.from.Text != "2023-10" || u2.bar.sort.Selected != "Oldest" {
		t.Errorf("restored widgets: search %q, from %q, sort %q", u2.bar.entry.Text, u2.rail.from.Text, u2.bar.sort.Selected)
	}
	if !u2.rail.ticked["ama_dablam"] {
		t.Error("Ama Dablam is not ticked again")
	}
	if u2.tabs.SelectedIndex() != 1 {
		t.Errorf("tab %d, want the map", u2.tabs.SelectedIndex())
	}
	if i := u2.grid.selected; i < 0 || u2.grid.matches[i].ID() != selected {
		t.Errorf("selected %d, want photo %s", i, selected)
	}
	prefs := u.app.Preferences()
	if w, h := prefs.Float(prefWindowWidth), prefs.Float(prefWindowHeight); w != 1100 || h != 700 {
		t.Errorf("window size remembered as %v×%v", w, h)
	}
}

// TestWindowSizeFitsScreen: the window opens at its remembered size, or the default, but never larger than
// the screen it opens on.
func TestWindowSizeFitsScreen(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	if got := windowSize(prefs, fyne.Size{}); got != defaultWindowSize {
		t.Errorf("first start, screen unknown: %v", got)
	}
	// 1024×600 at scale 1, and 1280×800 at scale 1.5 (853×533 units).
	if got := windowSize(prefs, fyne.NewSize(1024, 600)); got.Width > 1024 || got.Height > 600 {
		t.Errorf("first start on 1024×600: %v", got)
	}
	prefs.SetFloat(prefWindowWidth, 1800)
	prefs.SetFloat(prefWindowHeight, 1200)
	if got := windowSize(prefs, fyne.NewSize(853, 533)); got.Width > 853 || got.Height > 533 {
		t.Errorf("remembered 1800×1200 on an 853×533 screen: %v", got)
	}
	if got := windowSize(prefs, fyne.NewSize(2560, 1440)); got != fyne.NewSize(1800, 1200) {
		t.Errorf("remembered 1800×1200 on a large screen: %v", got)
	}
}
