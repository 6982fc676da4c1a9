package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestRailFoldsByWidth: the window fits 1024×600 at scale 2 less the screen's margin (464×252 units); the
// toolbar's buttons lose their words where the search entry would have too little room, and get them back; the rail sits beside the photos where the window has room (1280×800, 1024×600) and
// folds away where it has not (1024×600 at scale 1.5 and 2: 683 and 512 units wide), the photos taking the
// whole width; there its button opens it as a drawer over the photos and closes it again without touching
// the remembered choice; with room, the button hides and shows it and the choice is remembered.
func TestRailFoldsByWidth(t *testing.T) {
	win := openWindow(t)
	u := win.u
	toggle, ok := find(win.w.Content(), func(b *widget.Button) bool {
		return b.Icon != nil && b.Icon.Name() == theme.MenuIcon().Name()
	})
	if !ok {
		t.Fatal("no button for the rail")
	}
	rail := u.railBox.Objects[1] // the rail on its background
	layout := func(size fyne.Size) {
		win.w.Resize(size)
		win.w.Content().Refresh()
	}
	beside := func(what string) {
		t.Helper()
		if !rail.Visible() || u.tabs.Position().X < railWidth || u.tabs.Size().Width+railWidth > u.railBox.Size().Width+0.5 {
			t.Errorf("%s: rail shown %v, photos at x %v, %v wide in %v; want the rail beside them", what, rail.Visible(),
				u.tabs.Position().X, u.tabs.Size().Width, u.railBox.Size().Width)
		}
	}
	alone := func(what string, drawer bool) {
		t.Helper()
		if u.tabs.Position().X != 0 || u.tabs.Size().Width != u.railBox.Size().Width {
			t.Errorf("%s: photos at x %v, %v wide in %v; want the whole width", what, u.tabs.Position().X,
				u.tabs.Size().Width, u.railBox.Size().Width)
		}
		if rail.Visible() != drawer {
			t.Errorf("%s: rail shown %v, want %v", what, rail.Visible(), drawer)
		}
	}

	album, ok := find(win.w.Content(), func(b *widget.Button) bool {
		return b.Icon != nil && b.Icon.Name() == theme.FolderOpenIcon().Name()
	})
	if !ok {
		t.Fatal("no album button")
	}
	search := u.bar.entry
	for _, c := range []struct {
		size   fyne.Size
		words  bool
		search float32 // at least
	}{{fyne.NewSize(464, 252), false, 100}, {fyne.NewSize(683, 400), false, minSearchWidth}, {fyne.NewSize(1024, 600), true, minSearchWidth},
		{fyne.NewSize(464, 252), false, 100}} {
		layout(c.size)
		if (album.Text != "") != c.words || search.Size().Width < c.search-1 {
			t.Errorf("at %v: album button %q, search entry %v wide", c.size, album.Text, search.Size().Width)
		}
		if m := win.w.Content().MinSize(); m.Width > c.size.Width || m.Height > c.size.Height {
			t.Errorf("at %v the window needs %v", c.size, m)
		}
	}

	layout(fyne.NewSize(1280, 800))
	beside("1280×800")
	layout(fyne.NewSize(1024, 600))
	beside("1024×600")
	for _, size := range []fyne.Size{{Width: 683, Height: 400}, {Width: 512, Height: 300}} {
		layout(size)
		alone("folded", false)
		test.Tap(toggle)
		alone("drawer open", true)
		if w := rail.Size().Width; w > size.Width || w < railWidth-1 {
			t.Errorf("drawer %v wide in a window %v wide", w, size.Width)
		}
		test.Tap(toggle)
		alone("drawer closed", false)
	}
	if u.app.Preferences().Bool(prefRailHidden) {
		t.Error("opening the drawer changed the remembered choice")
	}

	layout(fyne.NewSize(1024, 600))
	beside("back to 1024×600")
	test.Tap(toggle)
	alone("hidden with room", false)
	if !u.app.Preferences().Bool(prefRailHidden) {
		t.Error("hiding the rail was not remembered")
	}
	layout(fyne.NewSize(512, 300))
	test.Tap(toggle)
	alone("a drawer while hidden beside", true)
	test.Tap(toggle)
	layout(fyne.NewSize(1280, 800))
	test.Tap(toggle)
	beside("shown again")
}
