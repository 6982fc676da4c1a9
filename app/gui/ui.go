package gui

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/app/gui/mapview"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/peaks"
)

// prefLastAlbum is the preference that remembers the album to reopen.
const prefLastAlbum = "lastAlbum"

// ui is the window's state. Its fields are touched on the Fyne goroutine only, except those under mu; work
// that takes long runs in goroutines that hand their results back through fyne.Do.
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

	query     library.Query // the text, sort and filters now shown
	similarTo string        // a photo file identified or dropped: the grid shows photos like it
	searches  int           // counts searches started, so a slow one's results never replace a newer one's
	results   library.Results
	scanNote  string // the last scan's summary, kept in the status line under the results' count
	opening   int    // counts albums asked for, so a slow open that was overtaken is closed, not shown
	// modelStale is set when the settings changed: the next open loads the chosen model again.
	modelStale bool

	grid    *photoGrid
	bar     *searchBar
	rail    *rail
	mapView *mapview.Map
	tabs    *container.AppTabs
	banner  *banner
	scanBar *scanBar
	status  *widget.Label
}

func newUI(a fyne.App, w fyne.Window, dataRoot string) *ui {
	u := &ui{app: a, win: w, dataRoot: dataRoot}
	u.grid = newPhotoGrid(u.photosByID, u.thumbPath)
	u.grid.onOpen = u.openViewer
	u.grid.onSelect = u.selected
	u.scanBar = newScanBar(u.stopScan)
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.bar = newSearchBar(u.suggest, u.searchFor, u.sortBy)
	u.banner = newBanner(u.clearSimilar)
	u.mapView = mapview.New()
	u.mapView.OnPhotoTapped = u.openPhoto
	u.mapView.OnAreaSelected = u.areaSelected
	w.SetOnDropped(u.dropped)
	return u
}

// start shows the last album when this data root holds it, else the only album the data root holds (so
// `cairn --data DIR` opens the library in DIR), else the welcome.
func (u *ui) start() error {
	albums, _ := library.Known(u.dataRoot)
	album := u.app.Preferences().String(prefLastAlbum)
	if !slices.Contains(albums, album) {
		album = ""
		if len(albums) == 1 {
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

// content is the main layout: the top bar, the rail on the left, photos and map in the centre.
func (u *ui) content() fyne.CanvasObject {
	open := widget.NewButtonWithIcon("Album…", theme.FolderOpenIcon(), u.chooseAlbum)
	rescan := widget.NewButtonWithIcon("Rescan", theme.ViewRefreshIcon(), func() { u.scan() })
	identify := widget.NewButtonWithIcon("Identify a photo…", theme.SearchReplaceIcon(), u.chooseIdentify)
	settings := widget.NewButtonWithIcon("", theme.SettingsIcon(), func() {
		showSettings(u.win, u.app, u.dataRoot, u.settingsChanged)
	})
	left := container.NewHBox(open, rescan)
	right := container.NewHBox(identify, u.bar.sort, settings)
	searchRow := container.NewBorder(nil, nil, left, right, u.bar.entry)
	top := container.NewVBox(searchRow, u.bar.suggestions, u.scanBar.object(), u.banner.object())
	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Photos", theme.GridIcon(), u.grid.object()),
		container.NewTabItemWithIcon("Map", theme.MediaRecordIcon(), u.mapTab()),
	)
	centre := container.NewBorder(nil, nil, u.rail.object(), nil, u.tabs)
	return container.NewBorder(top, u.status, nil, nil, centre)
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
// Loading the model and opening the stores take seconds on a large library, so they run off the UI goroutine
// while the window says what it is doing.
func (u *ui) openAlbum(album string, scan bool) {
	u.cancelScan()
	u.mu.Lock()
	old := u.lib
	u.lib = nil
	u.mu.Unlock()
	if old != nil {
		old.Close()
	}
	if u.modelStale && u.model != nil {
		u.model.Close() // no library uses it now
		u.model, u.modelDir = nil, ""
	}
	u.modelStale = false
	u.opening++
	n := u.opening
	u.win.SetContent(opening(album))
	prefs := u.app.Preferences()
	m, dir := u.model, u.modelDir
	modelName, workers := prefs.String(prefModel), workerCount(prefs)
	go func() {
		var modelErr error
		if m == nil {
			m, dir, modelErr = library.OpenModel(u.dataRoot, modelName)
		}
		opt := library.Options{DataRoot: u.dataRoot, ModelDir: dir, Workers: workers}
		if m != nil {
			opt.Embedder = m // only when there is one: a nil Model in the interface would look like a model
		}
		lib, err := library.Open(album, true, opt)
		fyne.Do(func() {
			u.model, u.modelDir = m, dir
			if n != u.opening { // another album was asked for meanwhile
				if lib != nil {
					lib.Close()
				}
				return
			}
			u.albumOpened(album, lib, err, modelErr, scan)
		})
	}()
}

// albumOpened shows the library just opened, or says why it could not be.
func (u *ui) albumOpened(album string, lib *library.Library, err, modelErr error, scan bool) {
	if err != nil {
		u.win.SetContent(welcome(u.chooseAlbum))
		dialog.ShowError(fmt.Errorf("open album %s: %w", album, err), u.win)
		return
	}
	u.mu.Lock()
	u.lib = lib
	u.mu.Unlock()
	u.app.Preferences().SetString(prefLastAlbum, lib.Album())
	u.win.SetTitle("Cairn — " + lib.Album())
	u.rail = newRail(lib.Catalog())
	u.rail.onChange = u.filtersChanged
	u.mapView.SetPeaks(mapPeaks(lib.Catalog()))
	if raster := u.app.Preferences().String(prefRaster); raster != "" {
		if err := u.mapView.SetRaster(raster); err != nil {
			u.scanNote = err.Error() // the map works without it
		}
	}
	u.query, u.similarTo = library.Query{}, ""
	u.win.SetContent(u.content())
	if modelErr != nil {
		u.scanNote = modelErr.Error()
	}
	u.refresh()
	if scan || lib.Manifest().LastScan.IsZero() {
		u.scan()
	}
}

func (u *ui) library() *library.Library {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.lib
}

func (u *ui) thumbPath(id string) string {
	if lib := u.library(); lib != nil {
		return lib.ThumbPath(id)
	}
	return ""
}

func (u *ui) photosByID(ids []string) map[string]library.Photo {
	lib := u.library()
	if lib == nil {
		return nil
	}
	photos, err := lib.PhotosByID(ids)
	if err != nil {
		return nil
	}
	return photos
}

func (u *ui) suggest(typed string) []peaks.NameMatch {
	lib := u.library()
	if lib == nil {
		return nil
	}
	names, err := lib.PeakNames()
	if err != nil {
		return nil
	}
	m, _ := names.Suggest(typed, maxSuggestions)
	return m
}

// settingsChanged opens the album again with the model, catalogs and workers now chosen, and scans it: a new
// model embeds the photos again and a new catalog names their peaks again; unchanged, the scan reads nothing.
func (u *ui) settingsChanged() {
	u.modelStale = true
	if lib := u.library(); lib != nil {
		u.openAlbum(lib.Album(), true)
	}
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
	u.mapView.Close()
}
