package gui

import (
	"context"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// prefLastAlbum is the preference that remembers the album to reopen.
const prefLastAlbum = "lastAlbum"

// ui is the window's state. Its fields are touched on the Fyne goroutine only; work that takes long runs in
// goroutines that hand their results back through fyne.Do.
type ui struct {
	app      fyne.App
	win      fyne.Window
	dataRoot string

	mu       sync.Mutex // guards lib, cancel and scanDone, which scan goroutines also read
	lib      *library.Library
	model    library.Model
	modelDir string
	cancel   context.CancelFunc // of the running scan
	scanDone chan struct{}      // closed when the running scan's goroutine ends

	grid    *photoGrid
	scanBar *scanBar
	status  *widget.Label
}

func newUI(a fyne.App, w fyne.Window, dataRoot string) *ui {
	u := &ui{app: a, win: w, dataRoot: dataRoot}
	u.grid = newPhotoGrid(func(id string) string {
		if lib := u.library(); lib != nil {
			return lib.ThumbPath(id)
		}
		return ""
	})
	u.scanBar = newScanBar(u.stopScan)
	u.status = widget.NewLabel("")
	return u
}

// start shows the last album, the only album the data root holds, or the welcome.
func (u *ui) start() error {
	album := u.app.Preferences().String(prefLastAlbum)
	if album == "" {
		if albums, err := library.Known(u.dataRoot); err == nil && len(albums) == 1 {
			album = albums[0]
		}
	}
	if album == "" {
		u.win.SetContent(welcome(u.chooseAlbum))
		return nil
	}
	u.openAlbum(album, false)
	return nil
}

// content is the main layout: the top bar over the grid.
func (u *ui) content() fyne.CanvasObject {
	open := widget.NewButton("Open album…", u.chooseAlbum)
	rescan := widget.NewButton("Rescan", func() { u.scan() })
	top := container.NewBorder(nil, nil, container.NewHBox(open, rescan), nil, u.scanBar.object())
	return container.NewBorder(top, u.status, nil, nil, u.grid.object())
}

func (u *ui) chooseAlbum() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, u.win)
			return
		}
		if dir == nil {
			return
		}
		u.openAlbum(dir.Path(), true)
	}, u.win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// openAlbum opens (or creates) the library of album, shows its photos and, for a new or changed album, scans it.
func (u *ui) openAlbum(album string, scan bool) {
	u.cancelScan()
	u.mu.Lock()
	old := u.lib
	u.lib = nil
	u.mu.Unlock()
	if old != nil {
		old.Close()
	}
	if u.model == nil {
		m, dir, err := library.OpenModel(u.dataRoot, "")
		if err != nil {
			u.status.SetText(err.Error())
		}
		u.model, u.modelDir = m, dir
	}
	opt := library.Options{DataRoot: u.dataRoot, Embedder: u.model, ModelDir: u.modelDir}
	lib, err := library.Open(album, true, opt)
	if err != nil {
		dialog.ShowError(fmt.Errorf("open album %s: %w", album, err), u.win)
		u.win.SetContent(welcome(u.chooseAlbum))
		return
	}
	u.mu.Lock()
	u.lib = lib
	u.mu.Unlock()
	u.app.Preferences().SetString(prefLastAlbum, lib.Album())
	u.win.SetTitle("Cairn — " + lib.Album())
	u.win.SetContent(u.content())
	u.reload(true)
	if scan || lib.Manifest().LastScan.IsZero() {
		u.scan()
	}
}

func (u *ui) library() *library.Library {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.lib
}

// reload reads the photo list off the UI goroutine and shows it, and their count in the status line when
// showCount is set (not after a scan, whose summary stays there).
func (u *ui) reload(showCount bool) {
	lib := u.library()
	if lib == nil {
		return
	}
	go func() {
		photos, err := lib.Photos(context.Background())
		fyne.Do(func() {
			if err != nil {
				u.status.SetText(err.Error())
				return
			}
			u.grid.setPhotos(photos)
			if showCount {
				u.status.SetText(fmt.Sprintf("%d photos in %s", len(photos), lib.Album()))
			}
		})
	}()
}

func (u *ui) close() {
	u.cancelScan()
	u.mu.Lock()
	lib := u.lib
	u.lib = nil
	u.mu.Unlock()
	if lib != nil {
		lib.Close()
	}
	if u.model != nil {
		u.model.Close()
		u.model = nil
	}
}
