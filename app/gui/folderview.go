package gui

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// Sizes of the folder view's cells, in Fyne units.
const (
	folderThumbSide = 96
	folderCellWidth = 128
	// folderThumbWorkers bounds the thumbnails decoded at once: the picker shares the machine with the window.
	folderThumbWorkers = 2
)

// folderEntry is one thing in the folder shown.
type folderEntry struct {
	name   string
	dir    bool
	photo  bool // a photo by its extension (library.IsPhotoName): shown as a thumbnail
	usable bool // can be chosen: a folder, or a file of the kinds asked for
}

// folderView shows a folder's subfolders and files as a grid, photos as thumbnails decoded in the background
// (at most folderThumbWorkers at a time, only those scrolled into view, abandoned when the folder changes), so
// an album folder shows its photos rather than looking empty. A tap selects, a double tap opens a folder or
// chooses a file. Its fields are touched on the UI goroutine only.
type folderView struct {
	dir       string
	entries   []folderEntry
	showFile  func(name string) (usable bool) // which files are listed, and whether they can be chosen
	grid      *widget.GridWrap
	summary   *widget.Label
	loadThumb func(path string, side int) (image.Image, error)

	thumbs  map[string]image.Image // this folder's decoded thumbnails, nil for one that failed
	asked   map[string]bool
	slots   chan struct{} // one per decode running
	stop    context.CancelFunc
	ctx     context.Context
	onPick  func(path string, dir bool) // a tap selected it
	onOpen  func(path string, dir bool) // a double tap
	current int                         // the selected cell, -1 for none
	// onThumb, when set, is called on the UI goroutine after each thumbnail is decoded (or failed), for tests.
	onThumb func(path string)
}

func newFolderView(showFile func(name string) bool, onPick, onOpen func(path string, dir bool)) *folderView {
	v := &folderView{showFile: showFile, onPick: onPick, onOpen: onOpen, loadThumb: library.LoadImage,
		slots: make(chan struct{}, folderThumbWorkers), current: -1, summary: widget.NewLabel("")}
	v.summary.Importance = widget.LowImportance
	v.summary.Truncation = fyne.TextTruncateEllipsis
	v.grid = widget.NewGridWrap(func() int { return len(v.entries) }, v.newCell, v.updateCell)
	v.grid.OnSelected = func(id widget.GridWrapItemID) {
		v.current = id
		if id >= 0 && id < len(v.entries) {
			e := v.entries[id]
			v.onPick(filepath.Join(v.dir, e.name), e.dir)
		}
	}
	return v
}

// object is the grid over its summary line.
func (v *folderView) object() fyne.CanvasObject {
	return container.NewBorder(nil, v.summary, nil, nil, v.grid)
}

// show lists dir: folders first, then files, each by name; hidden ones (starting with a dot) left out. It
// says why when the folder cannot be read.
func (v *folderView) show(dir string) error {
	list, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	v.close()
	v.ctx, v.stop = context.WithCancel(context.Background())
	v.dir, v.thumbs, v.asked, v.current = dir, map[string]image.Image{}, map[string]bool{}, -1
	v.entries = v.entries[:0]
	folders, photos, others := 0, 0, 0
	for _, d := range list {
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		isDir := d.IsDir()
		if d.Type()&os.ModeSymlink != 0 {
			if info, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = info.IsDir()
			}
		}
		e := folderEntry{name: name, dir: isDir, usable: isDir}
		if !isDir {
			e.photo = library.IsPhotoName(name)
			usable, listed := v.fileShown(name)
			if !listed {
				continue
			}
			e.usable = usable
		}
		switch {
		case e.dir:
			folders++
		case e.photo:
			photos++
		default:
			others++
		}
		v.entries = append(v.entries, e)
	}
	slices.SortFunc(v.entries, func(a, b folderEntry) int {
		if a.dir != b.dir {
			if a.dir {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
	})
	v.summary.SetText(folderSummary(folders, photos, others))
	v.grid.UnselectAll()
	v.grid.ScrollToTop()
	v.grid.Refresh()
	return nil
}

// fileShown reports whether a file is listed and whether it can be chosen: the kinds asked for are, and in a
// folder chooser every file is listed (not to be chosen) so that a folder of photos shows them.
func (v *folderView) fileShown(name string) (usable, listed bool) {
	if v.showFile == nil {
		return false, true
	}
	ok := v.showFile(name)
	return ok, ok
}

// folderSummary says what a folder holds: "3 folders, 120 photos, 2 other files".
func folderSummary(folders, photos, others int) string {
	var parts []string
	for _, c := range []struct {
		n    int
		noun string
	}{{folders, "folder"}, {photos, "photo"}, {others, "other file"}} {
		if c.n > 0 {
			parts = append(parts, photoCount(c.n, c.noun))
		}
	}
	if len(parts) == 0 {
		return "This folder is empty."
	}
	return strings.Join(parts, ", ")
}

// close stops the thumbnails being decoded for the folder shown.
func (v *folderView) close() {
	if v.stop != nil {
		v.stop()
	}
}

// folderCell is one cell: the thumbnail or icon over the name.
type folderCell struct {
	widget.BaseWidget
	icon  *widget.Icon
	thumb *canvas.Image
	name  *widget.Label
	id    int
	view  *folderView
}

func (v *folderView) newCell() fyne.CanvasObject {
	c := &folderCell{icon: widget.NewIcon(nil), thumb: canvas.NewImageFromImage(nil), name: widget.NewLabel(""), view: v}
	c.thumb.FillMode = canvas.ImageFillContain
	c.thumb.ScaleMode = canvas.ImageScaleSmooth
	c.name.Alignment = fyne.TextAlignCenter
	c.name.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

func (c *folderCell) CreateRenderer() fyne.WidgetRenderer {
	side := canvas.NewRectangle(nil)
	side.SetMinSize(fyne.NewSize(folderCellWidth, folderThumbSide))
	picture := container.NewStack(side, container.NewPadded(c.icon), c.thumb)
	return widget.NewSimpleRenderer(container.NewBorder(nil, c.name, nil, nil, picture))
}

// Tapped selects the cell; the grid's own selection follows.
func (c *folderCell) Tapped(*fyne.PointEvent) { c.view.grid.Select(c.id) }

// DoubleTapped opens a folder or chooses a file.
func (c *folderCell) DoubleTapped(*fyne.PointEvent) {
	v := c.view
	if c.id < 0 || c.id >= len(v.entries) {
		return
	}
	e := v.entries[c.id]
	if e.usable {
		v.onOpen(filepath.Join(v.dir, e.name), e.dir)
	}
}

func (v *folderView) updateCell(id widget.GridWrapItemID, o fyne.CanvasObject) {
	c := o.(*folderCell)
	c.id = id
	if id < 0 || id >= len(v.entries) {
		return
	}
	e := v.entries[id]
	c.name.SetText(e.name)
	c.name.Importance = widget.MediumImportance
	if !e.usable {
		c.name.Importance = widget.LowImportance
	}
	c.name.Refresh()
	path := filepath.Join(v.dir, e.name)
	img, have := v.thumbs[path]
	switch {
	case e.dir:
		c.icon.SetResource(theme.FolderIcon())
	case e.photo && img == nil && have: // could not be decoded
		c.icon.SetResource(theme.BrokenImageIcon())
	case e.photo:
		c.icon.SetResource(theme.FileImageIcon())
		if !have {
			v.requestThumb(path, id)
		}
	default:
		c.icon.SetResource(theme.FileIcon())
	}
	c.icon.Hidden = img != nil
	c.thumb.Image = img
	c.thumb.Refresh()
}

// requestThumb decodes the photo at path in the background, once, and refreshes cell id with it.
func (v *folderView) requestThumb(path string, id int) {
	if v.asked[path] {
		return
	}
	v.asked[path] = true
	ctx, load := v.ctx, v.loadThumb
	side := int(folderThumbSide * 2) // sharp on a screen at scale 2
	go func() {
		select {
		case v.slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		defer func() { <-v.slots }()
		if ctx.Err() != nil {
			return
		}
		img, err := load(path, side)
		if err != nil {
			img = nil
		}
		fyne.Do(func() {
			if ctx.Err() != nil {
				return
			}
			v.thumbs[path] = img
			v.grid.RefreshItem(id)
			if v.onThumb != nil {
				v.onThumb(path)
			}
		})
	}()
}
