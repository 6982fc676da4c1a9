package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// prefLastAlbum is the preference that remembers the album to reopen.
const prefLastAlbum = "lastAlbum"

// prefRailHidden remembers that the rail was hidden; prefThumbSide the thumbnails' size.
const (
	prefRailHidden = "railHidden"
	prefThumbSide  = "thumbSide"
)

// ui is the window: it opens albums and wires its screens together, each a type of its own — the toolbar
// and search bar, the identify banner, the scan bar, the rail, the grid, the map tab, the status line, and
// the viewer, welcome and settings it shows in turn. Its fields are touched on the Fyne goroutine only;
// work that takes long runs in goroutines that hand their results back through fyne.Do.
type ui struct {
	app      fyne.App
	win      fyne.Window
	dataRoot string

	session *session
	search  *searcher
	scans   *scanner

	bar    *searchBar
	banner *banner
	rail   *rail
	// railPlace lays the rail beside the photos or over them in railBox, by the room there is.
	railPlace *railPlace
	railBox   *fyne.Container
	grid      *photoGrid
	maps      *mapTab
	terrain   *terrainModel
	tabs      *container.AppTabs
	status    *statusLine
	empty     *emptyNote
	viewer    *viewer // the viewer while it is shown, else nil

	pending *savedView // a restored view whose selection and scroll wait for the first results
}

func newUI(a fyne.App, w fyne.Window, dataRoot string) *ui {
	u := &ui{app: a, win: w, dataRoot: dataRoot, session: &session{dataRoot: dataRoot}, terrain: newTerrainModel(dataRoot)}
	u.search = &searcher{library: u.session.library, onResults: u.showResults, onPlaces: u.showPlaces}
	u.scans = newScanner(u.session.library)
	u.scans.onStored = u.search.run
	u.scans.onFinished = u.scanFinished
	u.grid = newPhotoGrid(u.session.photosByID, u.session.thumbPath)
	u.grid.onOpen = u.openViewer
	u.grid.onSelect = u.selected
	u.status = newStatusLine(u.thumbSizeSelect())
	u.empty = newEmptyNote()
	u.bar = newSearchBar(u.session.suggestions, func(text string) {
		u.banner.hide()
		u.search.setText(text)
	}, u.search.setSort)
	u.banner = newBanner(w, u.search, func() { u.tabs.SelectIndex(0) })
	u.banner.onView = u.viewIdentified
	u.maps = newMapTab(w, a.Preferences(), u.openPhoto, u.areaSelected)
	u.maps.library, u.maps.onTracksChanged = u.session.library, u.tracksChanged
	w.SetOnDropped(u.banner.dropped)
	u.bar.onLeave = u.grid.focus
	u.grid.onEscape = u.back
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.find() })
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
		u.win.SetContent(newWelcome(u.chooseAlbum).object())
		return nil
	}
	u.openAlbum(album, false)
	return nil
}

// content is the main layout: the top bar, the rail on the left, photos and map in the centre.
func (u *ui) content() fyne.CanvasObject {
	tools := newToolbar(u.bar, toolbarActions{
		chooseAlbum: u.chooseAlbum,
		rescan:      u.scans.start,
		identify:    u.banner.choose,
		settings:    u.openSettings,
		filters:     u.toggleRail,
	})
	top := container.NewVBox(tools.object(), u.scans.bar.object(), u.banner.object())
	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Photos", theme.GridIcon(), container.New(shortMin(tabMinHeight),
			container.NewStack(u.grid.object(), container.NewPadded(u.empty.object())))),
		container.NewTabItemWithIcon("Map", theme.MediaRecordIcon(), container.New(shortMin(tabMinHeight), u.maps.object())),
	)
	u.railPlace = &railPlace{hidden: u.app.Preferences().Bool(prefRailHidden)}
	u.railBox = railBeside(u.railPlace, u.rail.object(), u.tabs)
	centre := container.NewStack(u.railBox, u.bar.overlay())
	return container.NewBorder(top, u.status.object(), nil, nil, centre)
}

func (u *ui) chooseAlbum() {
	chooseFolder(u.win, "Open an album", func(dir string) { u.openAlbum(dir, true) })
}

// openAlbum opens (or creates) the library of album, shows its photos and, for a new or changed album, scans it.
// Loading the model and opening the stores take seconds on a large library, so they run off the UI goroutine
// while the window says what it is doing.
func (u *ui) openAlbum(album string, scan bool) {
	u.saveView()
	u.scans.cancelAndWait()
	u.win.SetContent(opening(album))
	prefs := u.app.Preferences()
	u.session.open(album, prefs.String(prefModel), workerCount(prefs), func(lib *library.Library, err, modelErr error) {
		u.albumOpened(album, lib, err, modelErr, scan)
	})
}

// albumOpened shows the library just opened, or says why it could not be.
func (u *ui) albumOpened(album string, lib *library.Library, err, modelErr error, scan bool) {
	if err != nil {
		u.win.SetContent(newWelcome(u.chooseAlbum).object())
		dialog.ShowError(fmt.Errorf("Cairn could not open the album %s. %s", album, sentence(err)), u.win)
		return
	}
	u.app.Preferences().SetString(prefLastAlbum, lib.Album())
	u.win.SetTitle("Cairn — " + lib.Album())
	u.rail = newRail(lib.Catalog(), u.session)
	u.rail.onChange = u.filtersChanged
	u.status.setNote(u.maps.setCatalog(lib.Catalog()))
	u.maps.setTerrain(u.terrain)
	u.maps.loadTracks(lib)
	u.search.reset()
	if _, err := lib.Gazetteer(); err != nil {
		u.status.setNote(sentence(err)) // searches go on with the bundled places only
	}
	u.win.SetContent(u.content())
	u.win.Canvas().SetOnTypedKey(u.typedKey)
	u.restoreView(lib.Album())
	u.tabs.OnSelected = func(*container.TabItem) { u.saveView() }
	if modelErr != nil {
		u.status.setNote(sentence(modelErr))
	}
	u.search.run()
	if scan || lib.Manifest().LastScan.IsZero() {
		u.scans.start()
	}
}

// toggleRail shows or hides the rail: beside the photos where the window has room for both (remembered), as a
// drawer over them where it has not.
func (u *ui) toggleRail() {
	u.railPlace.toggle()
	u.app.Preferences().SetBool(prefRailHidden, u.railPlace.hidden)
	u.railBox.Refresh()
}

// thumbSizeSelect chooses the thumbnails' size, remembered between runs.
func (u *ui) thumbSizeSelect() fyne.CanvasObject {
	prefs := u.app.Preferences()
	if side := float32(prefs.Float(prefThumbSide)); side > 0 {
		u.grid.setSide(side)
	}
	sel := widget.NewSelect(thumbSideNames, func(name string) {
		if i := slices.Index(thumbSideNames, name); i >= 0 {
			u.grid.setSide(thumbSides[i])
			prefs.SetFloat(prefThumbSide, float64(thumbSides[i]))
		}
	})
	for i, side := range thumbSides {
		if side == u.grid.side {
			sel.Selected = thumbSideNames[i]
		}
	}
	return container.NewHBox(widget.NewIcon(theme.GridIcon()), sel)
}

func (u *ui) openSettings() { u.showSettings() }

// showSettings opens the settings over the window, for the open album.
func (u *ui) showSettings() *settings {
	s := showSettings(u.win, u.app, u.dataRoot, u.settingsChanged)
	s.setAlbum(u.albumModel())
	u.terrainSettings(s.terrain)
	return s
}

// terrainSettings lets the settings' terrain section fetch for the open album's area, and shows what it
// fetched on the map at once (the photos' horizons and hidden peaks come with the next scan).
func (u *ui) terrainSettings(t *terrainSettings) {
	t.model = u.terrain
	t.area = func() (library.Box, bool, error) {
		lib := u.session.library()
		if lib == nil {
			return library.Box{}, false, nil
		}
		return lib.TerrainArea()
	}
	t.changed = func() { u.maps.setTerrain(u.terrain) }
}

// settingsChanged opens the album again with the model, catalogs and workers now chosen, and scans it: a new
// model embeds the photos again and a new catalog names their peaks again; unchanged, the scan reads nothing.
func (u *ui) settingsChanged() {
	u.session.modelStale = true
	if lib := u.session.library(); lib != nil {
		u.openAlbum(lib.Album(), true)
	}
}

// tracksChanged draws the tracks as they are now and scans, which places the photos on them again without
// reading the album; the status line then says how many it placed.
func (u *ui) tracksChanged() {
	lib := u.session.library()
	if lib == nil {
		return
	}
	u.maps.loadTracks(lib)
	if u.scans.running() {
		u.scans.again = true
		return
	}
	u.scans.start()
}

// scanFinished shows a scan's summary, or its error, and the photos it stored.
func (u *ui) scanFinished(sum library.Summary, last library.Progress, err error) {
	if err != nil && !errors.Is(err, context.Canceled) {
		showError(err, u.win)
	}
	u.status.setNote(scanSummary(sum, last, err))
	u.search.run()
	if u.scans.again && !errors.Is(err, context.Canceled) {
		u.scans.again = false
		u.scans.start() // the tracks changed while it ran
	}
}

func (u *ui) close() {
	u.saveView()
	if size := u.win.Canvas().Size(); size.Width > 0 && size.Height > 0 {
		u.app.Preferences().SetFloat(prefWindowWidth, float64(size.Width))
		u.app.Preferences().SetFloat(prefWindowHeight, float64(size.Height))
	}
	u.scans.cancelAndWait()
	u.session.close()
	u.maps.close()
}
