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
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pathChooser asks for a file or a folder: the path can be typed or pasted (a file manager's copy, a
// file:// address, with quotes or ~), or picked in the folder view under it, which shows each folder's
// subfolders and files with photos as thumbnails (Fyne's own file dialog shows neither thumbnails nor, when a
// folder is asked for, the files that make a folder the right one).
type pathChooser struct {
	win     fyne.Window
	folder  bool     // a folder, else a file
	exts    []string // for a file: the name ends in one of these (any case)
	use     func(path string)
	entry   *widget.Entry
	problem *widget.Label
	view    *folderView
	d       *dialog.CustomDialog
}

// prefChooserFolder remembers the folder the chooser showed last, to start there next time.
const prefChooserFolder = "chooserFolder"

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
	var show func(string) bool
	if !folder {
		show = c.wanted
	}
	c.view = newFolderView(show, c.picked, c.opened)
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), c.goUp)
	cancel := widget.NewButton("Cancel", c.close)
	open := widget.NewButtonWithIcon("Open", theme.ConfirmIcon(), c.open)
	open.Importance = widget.HighImportance
	top := container.NewVBox(container.NewBorder(nil, nil, up, nil, c.entry), c.problem)
	buttons := container.NewHBox(layout.NewSpacer(), cancel, open)
	body := container.NewBorder(top, buttons, nil, nil, c.view.object())
	c.d = dialog.NewCustomWithoutButtons(title, body, win)
	c.d.SetOnClosed(c.view.close)
	c.d.Resize(dialogSize(win, fyne.NewSize(900, 620)))
	c.d.Show()
	c.showDir(c.startDir())
	win.Canvas().Focus(c.entry)
	return c
}

// startDir is the folder the chooser showed last, else the home folder.
func (c *pathChooser) startDir() string {
	if a := fyne.CurrentApp(); a != nil {
		if dir := a.Preferences().String(prefChooserFolder); dir != "" {
			if info, err := os.Stat(dir); err == nil && info.IsDir() {
				return dir
			}
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return string(filepath.Separator)
}

// wanted reports whether a file is of the kinds asked for.
func (c *pathChooser) wanted(name string) bool {
	return len(c.exts) == 0 || slices.Contains(c.exts, strings.ToLower(filepath.Ext(name)))
}

// showDir shows dir in the folder view and its path in the entry, or says why it cannot.
func (c *pathChooser) showDir(dir string) {
	if err := c.view.show(dir); err != nil {
		c.say(fmt.Errorf("Cairn cannot read the folder %s: %s.", dir, sentence(err)))
		return
	}
	c.say(nil)
	c.entry.SetText(dir)
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetString(prefChooserFolder, dir)
	}
}

func (c *pathChooser) say(err error) {
	if err == nil {
		c.problem.Hide()
		return
	}
	c.problem.SetText(err.Error())
	c.problem.Show()
}

// picked takes a tapped file or folder into the entry, so Open chooses it.
func (c *pathChooser) picked(path string, dir bool) {
	c.entry.SetText(path)
	c.say(nil)
}

// opened goes into a double-tapped folder, or chooses a double-tapped file.
func (c *pathChooser) opened(path string, dir bool) {
	if dir {
		c.showDir(path)
		return
	}
	c.entry.SetText(path)
	c.open()
}

func (c *pathChooser) goUp() {
	if parent := filepath.Dir(c.view.dir); parent != c.view.dir {
		c.showDir(parent)
	}
}

func (c *pathChooser) close() {
	c.d.Hide() // SetOnClosed stops the thumbnails
}

// open checks the typed path and hands it over, or says what is wrong with it and waits; a folder typed
// where a file is asked for is shown, to choose a file in it.
func (c *pathChooser) open() {
	path, err := c.check(c.entry.Text)
	if err != nil {
		if dir := cleanPath(c.entry.Text); !c.folder && isDir(dir) && dir != c.view.dir {
			c.view.show(dir)
		}
		c.say(err)
		return
	}
	c.close()
	c.use(path)
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// check cleans what was typed into a path and checks that it is a folder, or a file of the kinds asked for.
func (c *pathChooser) check(typed string) (string, error) {
	path := cleanPath(typed)
	if path == "" {
		return "", fmt.Errorf("Type or paste a path, or choose one below.")
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
