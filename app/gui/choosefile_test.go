package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library"
)

// TestChoosePathTyped: a path typed or pasted into the chooser — quoted, as a file:// address, in capitals
// — is checked and handed over; a wrong one says why and waits.
func TestChoosePathTyped(t *testing.T) {
	a := test.NewTempApp(t)
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
