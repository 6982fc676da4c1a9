package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/cairn-photos/cairn/library"
)

// TestChoosePathTyped: a path typed or pasted into the chooser — quoted, as a file:// address, in capitals
// — is checked and handed over; a wrong one says why and waits.
func TestChoosePathTyped(t *testing.T) {
	t.Setenv("HOME", t.TempDir()) // where the chooser starts
	a := test.NewTempApp(t)
	// Thumbnails decoded in the background hand back through a queue left unrun: this test is about the entry.
	fyne.SetCurrentApp(&loopApp{App: a, drv: &loopDriver{Driver: a.Driver()}})
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1000, 700))
	dir := filepath.Join(t.TempDir(), "My Photos")
	os.MkdirAll(dir, 0o755)
	photo := filepath.Join(dir, "IMG_0001.HEIC")
	os.WriteFile(photo, []byte("x"), 0o644)

	var got string
	c := chooseFile(w, library.PhotoExtensions(), func(p string) { got = p })
	if w.Canvas().Focused() != c.entry {
		t.Error("the path entry does not have the keyboard")
	}
	for _, typed := range []string{"'" + photo + "'", "file://" + strings.ReplaceAll(photo, " ", "%20"), "  " + photo + "\n"} {
		got = ""
		c.entry.SetText(typed)
		c.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if got != photo {
			t.Errorf("typed %q: chose %q, want %s", typed, got, photo)
		}
	}
	got = ""
	for typed, want := range map[string]string{
		filepath.Join(dir, "missing.jpg"): "Nothing is at",
		dir:                               "is a folder",
		filepath.Join(dir, "notes.txt"):   "not a .jpg",
	} {
		if strings.HasSuffix(typed, ".txt") {
			os.WriteFile(typed, []byte("x"), 0o644)
		}
		c.entry.SetText(typed)
		c.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if got != "" || !c.problem.Visible() || !strings.Contains(c.problem.Text, want) {
			t.Errorf("typed %s: chose %q, problem %q (shown %v), want %q", typed, got, c.problem.Text, c.problem.Visible(), want)
		}
	}

	var folder string
	f := chooseFolder(w, "Open an album", func(p string) { folder = p })
	f.entry.SetText(dir + "/")
	f.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if folder != dir {
		t.Errorf("folder chosen %q, want %s", folder, dir)
	}
	f2 := chooseFolder(w, "Open an album", func(p string) { folder = p + "!" })
	f2.entry.SetText(photo)
	f2.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if strings.HasSuffix(folder, "!") || !strings.Contains(f2.problem.Text, "is a file") {
		t.Errorf("a file as the album: chose %q, problem %q", folder, f2.problem.Text)
	}
}

// TestChooserShowsFolders: the chooser's folder view lists a folder's subfolders first and its files, photos
// as thumbnails (one that cannot be decoded as a broken image), and says what the folder holds, so an album
// folder never looks empty; a tap puts the path in the entry, a double tap goes into a folder or chooses a
// photo, Up goes back; a file chooser lists only the files it can open.
func TestChooserShowsFolders(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	a := test.NewTempApp(t)
	drv := &loopDriver{Driver: a.Driver()} // thumbnails arrive one at a time, as on the UI goroutine
	fyne.SetCurrentApp(&loopApp{App: a, drv: drv})
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1000, 700))
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "trek"), 0o755)
	writeTestJPEG(t, filepath.Join(dir, "a.jpg"), 640, 480)
	os.WriteFile(filepath.Join(dir, "b.HEIC"), []byte("not a photo"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.jpg"), []byte("x"), 0o644)

	var folder string
	c := chooseFolder(w, "Open an album", func(p string) { folder = p })
	decoded := map[string]bool{}
	c.view.onThumb = func(p string) { decoded[filepath.Base(p)] = true }
	c.showDir(dir)
	names := func() []string {
		var out []string
		for _, e := range c.view.entries {
			out = append(out, e.name)
		}
		return out
	}
	if got := strings.Join(names(), " "); got != "trek a.jpg b.HEIC notes.txt" {
		t.Errorf("folder view lists %q", got)
	}
	if c.view.summary.Text != "1 folder, 2 photos, 1 other file" {
		t.Errorf("summary %q", c.view.summary.Text)
	}
	if c.entry.Text != dir {
		t.Errorf("entry %q, want the folder shown", c.entry.Text)
	}
	waitFor(t, "the thumbnails", func() bool { drv.run(); return len(decoded) == 2 })
	overlay := w.Canvas().Overlays().Top()
	cell := func(name string) *folderCell {
		t.Helper()
		c, ok := find(overlay, func(c *folderCell) bool { return c.name.Text == name })
		if !ok {
			t.Fatalf("no cell %s", name)
		}
		return c
	}
	if jpg := cell("a.jpg"); jpg.thumb.Image == nil || jpg.thumb.Image.Bounds().Dx() > 2*folderThumbSide || jpg.icon.Visible() {
		t.Errorf("a.jpg: thumbnail %v, icon shown %v", jpg.thumb.Image != nil, jpg.icon.Visible())
	}
	if heic := cell("b.HEIC"); heic.thumb.Image != nil || heic.icon.Resource.Name() != theme.BrokenImageIcon().Name() {
		t.Errorf("b.HEIC, not a photo: thumbnail %v, icon %v", heic.thumb.Image != nil, heic.icon.Resource)
	}

	test.Tap(cell("trek"))
	if c.entry.Text != filepath.Join(dir, "trek") {
		t.Errorf("tapping trek put %q in the entry", c.entry.Text)
	}
	test.DoubleTap(cell("notes.txt")) // a file, in a folder chooser: nothing
	test.DoubleTap(cell("trek"))
	if c.view.dir != filepath.Join(dir, "trek") || c.view.summary.Text != "This folder is empty." || folder != "" {
		t.Errorf("double tap on trek: showing %s (%q), chose %q", c.view.dir, c.view.summary.Text, folder)
	}
	c.goUp()
	if c.view.dir != dir {
		t.Errorf("Up shows %s", c.view.dir)
	}
	test.Tap(button(t, overlay, "Open"))
	if folder != dir {
		t.Errorf("Open chose %q, want %s", folder, dir)
	}

	var photo string
	f := chooseFile(w, library.PhotoExtensions(), func(p string) { photo = p })
	f.showDir(dir)
	if got := strings.Join(func() []string {
		var out []string
		for _, e := range f.view.entries {
			out = append(out, e.name)
		}
		return out
	}(), " "); got != "trek a.jpg b.HEIC" {
		t.Errorf("file chooser lists %q", got)
	}
	overlay = w.Canvas().Overlays().Top()
	jpg, ok := find(overlay, func(c *folderCell) bool { return c.name.Text == "a.jpg" })
	if !ok {
		t.Fatal("no a.jpg in the file chooser")
	}
	test.DoubleTap(jpg)
	if photo != filepath.Join(dir, "a.jpg") {
		t.Errorf("double tap on a.jpg chose %q", photo)
	}
}
