package gui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// pathChooser asks for a file or a folder: the path can be typed or pasted (a file manager's copy, a
// file:// address, with quotes or ~), or picked with Fyne's file dialog through Browse….
type pathChooser struct {
	win     fyne.Window
	folder  bool     // a folder, else a file
	exts    []string // for a file: the name ends in one of these (any case)
	use     func(path string)
	entry   *widget.Entry
	problem *widget.Label
	d       dialog.Dialog
}

// chooseFile asks for a file whose name ends in one of exts and hands its path to use.
func chooseFile(win fyne.Window, exts []string, use func(path string)) *pathChooser {
	return choosePath(win, "Open a file", false, exts, use)
}

// chooseFolder asks for a folder and hands its path to use.
func chooseFolder(win fyne.Window, title string, use func(path string)) *pathChooser {
	return choosePath(win, title, true, nil, use)
}

func choosePath(win fyne.Window, title string, folder bool, exts []string, use func(string)) *pathChooser {
	c := &pathChooser{win: win, folder: folder, exts: exts, use: use, entry: widget.NewEntry(), problem: widget.NewLabel("")}
	what := "file"
	if folder {
		what = "folder"
	}
	c.entry.SetPlaceHolder("Type or paste the " + what + "'s path")
	c.entry.OnSubmitted = func(string) { c.open() }
	c.problem.Importance = widget.DangerImportance
	c.problem.Wrapping = fyne.TextWrapWord
	c.problem.Hide()
	browse := widget.NewButton("Browse…", c.browse)
	body := container.NewVBox(container.NewBorder(nil, nil, nil, browse, c.entry), c.problem)
	c.d = dialog.NewCustomConfirm(title, "Open", "Cancel", body, func(ok bool) {
		if ok {
			c.open()
		}
	}, win)
	c.d.Resize(dialogSize(win, fyne.NewSize(640, 160)))
	c.d.Show()
	win.Canvas().Focus(c.entry)
	return c
}

// open checks the typed path and hands it over, or says what is wrong with it and asks again.
func (c *pathChooser) open() {
	path, err := c.check(c.entry.Text)
	if err != nil {
		c.problem.SetText(err.Error())
		c.problem.Show()
		c.d.Show() // the dialog closed itself on Open
		return
	}
	c.d.Hide()
	c.use(path)
}

// check cleans what was typed into a path and checks that it is a folder, or a file of the kinds asked for.
func (c *pathChooser) check(typed string) (string, error) {
	path := cleanPath(typed)
	if path == "" {
		return "", fmt.Errorf("Type or paste a path, or choose one with Browse….")
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("Nothing is at %s.", path)
	}
	if c.folder && !info.IsDir() {
		return "", fmt.Errorf("%s is a file: choose the folder that holds the photos.", path)
	}
	if !c.folder {
		if info.IsDir() {
			return "", fmt.Errorf("%s is a folder: choose a file in it.", path)
		}
		if len(c.exts) > 0 && !slices.Contains(c.exts, strings.ToLower(filepath.Ext(path))) {
			return "", fmt.Errorf("%s is not a %s file.", filepath.Base(path), strings.Join(c.exts, ", "))
		}
	}
	return path, nil
}

// cleanPath turns a typed or pasted path into a file system path: without surrounding spaces and quotes,
// file:// addresses decoded, ~ for the home folder.
func cleanPath(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, `"'`)
	if strings.HasPrefix(s, "file://") {
		if u, err := url.Parse(s); err == nil {
			s = u.Path
		}
	}
	if s == "~" || strings.HasPrefix(s, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			s = filepath.Join(home, strings.TrimPrefix(s, "~"))
		}
	}
	if s == "" {
		return ""
	}
	return filepath.Clean(s)
}

// browse hides the path dialog and opens Fyne's file dialog, in the folder typed so far when there is one.
func (c *pathChooser) browse() {
	c.d.Hide()
	var start fyne.ListableURI
	if dir := cleanPath(c.entry.Text); dir != "" {
		if info, err := os.Stat(dir); err == nil && !info.IsDir() {
			dir = filepath.Dir(dir)
		}
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			start = l
		}
	}
	size := dialogSize(c.win, fyne.NewSize(900, 600))
	if c.folder {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				showError(err, c.win)
				return
			}
			if dir != nil {
				c.use(dir.Path())
			}
		}, c.win)
		d.SetLocation(start)
		d.Resize(size)
		d.Show()
		return
	}
	d := dialog.NewFileOpen(func(f fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, c.win)
			return
		}
		if f == nil {
			return // cancelled
		}
		f.Close()
		c.use(f.URI().Path())
	}, c.win)
	if len(c.exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(c.exts)) // any case: IMG_0001.JPG matches .jpg
	}
	d.SetLocation(start)
	d.Resize(size)
	d.Show()
}
