package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/peaks"
)

// Preferences the settings write. The window reads them when it starts (dataRoot, unless --data was given)
// and when it opens a library or a model (model, workers).
const (
	prefDataRoot = "dataRoot" // data folder; "" for the default. Takes effect on the next start.
	prefModel    = "model"    // model name under DATA/models; "" for model.DefaultName
	prefWorkers  = "workers"  // photos decoded at once while scanning; 0 or absent for one per CPU core
)

// fetchProgressEvery throttles the download progress handed to the UI goroutine.
const fetchProgressEvery = 100 * time.Millisecond

// settings is the settings form: data folder, models, peak catalogs, scan workers. Its fields are touched on
// the Fyne goroutine only; a model download runs in a goroutine and reports through fyne.Do.
type settings struct {
	win      fyne.Window
	prefs    fyne.Preferences
	dataRoot string // the data folder in use now
	onChange func() // called after a change the window should act on now: model, workers, catalogs
	baseURL  string // where models are fetched from; model.DefaultBaseURL outside tests
	cancel   func() // stops the running download; nil when none runs
	fetching string // the model being fetched
	// fetchEnded, when set, is called on the UI goroutine after a download ended and the list shows it, so a
	// caller (a test) can wait for the download without touching the widgets while it runs.
	fetchEnded func()
	// album is the open album's model, switched only after a confirmation; nil without an album or model.
	album *albumModel

	dataEntry   *widget.Entry
	models      *fyne.Container
	modelChoice *widget.RadioGroup
	useLabel    *widget.Label // "Use", or that no model is installed
	fetchBar    *widget.ProgressBar
	fetchStatus *widget.Label
	fetchCancel *widget.Button
	catalogs    *fyne.Container
	terrain     *terrainSettings
	workers     *widget.Select
	content     fyne.CanvasObject
}

// newSettings builds the form for the data folder in use, reading what it lists from disk.
func newSettings(win fyne.Window, prefs fyne.Preferences, dataRoot string, onChange func()) *settings {
	s := &settings{win: win, prefs: prefs, dataRoot: dataRoot, onChange: onChange, baseURL: model.DefaultBaseURL,
		terrain: newTerrainSettings(dataRoot, newTerrainModel(dataRoot))}
	if s.onChange == nil {
		s.onChange = func() {}
	}
	s.content = container.NewVBox(
		s.dataSection(), widget.NewSeparator(),
		s.modelSection(), widget.NewSeparator(),
		s.catalogSection(), widget.NewSeparator(),
		s.terrain.object(), widget.NewSeparator(),
		s.scanSection(), widget.NewSeparator(),
		s.appearanceSection(),
	)
	s.refreshModels()
	s.refreshCatalogs()
	return s
}

// showSettings opens the settings as a dialog over win. Closing it stops a model download still running
// (fetching again resumes it).
func showSettings(win fyne.Window, a fyne.App, dataRoot string, onChange func()) *settings {
	s := newSettings(win, a.Preferences(), dataRoot, onChange)
	d := dialog.NewCustom("Settings", "Close", container.NewVScroll(container.NewPadded(s.object())), win)
	d.SetOnClosed(func() {
		s.stopFetch()
		s.terrain.stopFetch()
	})
	d.Resize(dialogSize(win, fyne.NewSize(760, 680)))
	d.Show()
	return s
}

func (s *settings) object() fyne.CanvasObject { return s.content }

// settingsSection is a titled group of the form with a line of help under the title.
func settingsSection(title, help string, body ...fyne.CanvasObject) fyne.CanvasObject {
	h := widget.NewRichText(quietText(help))
	h.Wrapping = fyne.TextWrapWord
	return container.NewVBox(append([]fyne.CanvasObject{sectionHeading(title), h}, body...)...)
}

// dataSection shows the data folder and lets the user pick another one for the next start.
func (s *settings) dataSection() fyne.CanvasObject {
	s.dataEntry = widget.NewEntry()
	s.dataEntry.SetText(s.dataRoot)
	if saved := s.prefs.String(prefDataRoot); saved != "" {
		s.dataEntry.SetText(saved)
	}
	s.dataEntry.OnChanged = s.setDataRoot
	choose := widget.NewButton("Choose…", func() {
		chooseFolder(s.win, "Data folder", s.dataEntry.SetText) // OnChanged saves it
	})
	return settingsSection("Data folder",
		"Libraries, thumbnails, models and your peak catalogs live here (in use now: "+s.dataRoot+
			"). A new folder takes effect when Cairn starts again; nothing is moved.",
		container.NewBorder(nil, nil, nil, choose, s.dataEntry))
}

func (s *settings) setDataRoot(dir string) {
	s.prefs.SetString(prefDataRoot, strings.TrimSpace(dir))
}

// modelSection lists the installed and the known models, chooses the one to use and fetches missing ones.
func (s *settings) modelSection() fyne.CanvasObject {
	s.models = container.NewVBox()
	s.modelChoice = widget.NewRadioGroup(nil, s.chooseModel)
	s.modelChoice.Required = true
	s.useLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.fetchBar = widget.NewProgressBar()
	s.fetchStatus = wrappedLabel("")
	s.fetchStatus.Hide() // shown with the first progress
	s.fetchCancel = widget.NewButton("Cancel", s.stopFetch)
	s.fetchCancel.Hide()
	s.fetchBar.Hide()
	return settingsSection("Image–text model",
		"The model looks at every photo so you can search by concept and names peaks from their look. "+
			"Without one, everything else works.",
		s.models, s.useLabel, s.modelChoice,
		container.NewBorder(nil, nil, nil, s.fetchCancel, s.fetchBar), s.fetchStatus)
}

// chooseModel takes the model picked in the list: for an album that has a model, after a confirmation that
// says what a switch does, and then in the background; otherwise as the preference the next open uses.
func (s *settings) chooseModel(name string) {
	if a := s.album; a != nil {
		if name == "" || a.uses(name) {
			return
		}
		d := dialog.NewConfirm("Switch the album to "+name+"?", switchMessage(a, name), func(ok bool) {
			if !ok {
				s.refreshModels() // back to the album's model
				return
			}
			s.prefs.SetString(prefModel, name)
			s.album.start(name)
			s.fetchStatus.SetText("Switching the album to " + name + " in the background: the bar above the photos " +
				"shows how far it is, with Cancel. Close the settings to follow it.")
			s.fetchStatus.Show()
		}, s.win)
		d.SetConfirmText("Switch to " + name)
		d.SetDismissText("Keep " + a.current)
		d.Show()
		return
	}
	if name == "" || name == s.chosenModel() {
		return
	}
	s.prefs.SetString(prefModel, name)
	s.onChange()
}

// setAlbum tells the settings which model the open album uses; its list then shows that one chosen.
func (s *settings) setAlbum(a *albumModel) {
	s.album = a
	s.refreshModels()
}

// chosenModel is the model preference, or the default model's name.
func (s *settings) chosenModel() string {
	if name := s.prefs.String(prefModel); name != "" {
		return name
	}
	return model.DefaultName
}

// refreshModels reads DATA/models again and rebuilds the list and the choice.
func (s *settings) refreshModels() {
	s.models.RemoveAll()
	list, err := model.List(s.dataRoot)
	if err != nil {
		s.models.Add(wrappedLabel(sentence(err)))
	}
	var installed []string
	for _, m := range list {
		s.models.Add(s.modelRow(m))
		if m.Installed {
			installed = append(installed, m.Name)
		}
	}
	s.modelChoice.Options = installed
	s.modelChoice.Selected = ""
	for _, name := range installed {
		if s.album != nil && s.album.uses(name) || s.album == nil && name == s.chosenModel() {
			s.modelChoice.Selected = name
		}
	}
	s.useLabel.SetText("Use")
	if len(installed) == 0 {
		s.useLabel.SetText("No model installed yet: Fetch one above to turn on concept search.")
	}
	s.modelChoice.Refresh()
	s.models.Refresh()
}

// modelRow is one model: its name, whether it is installed and how big, what it is, and a Fetch button for a
// known model that is not installed.
func (s *settings) modelRow(m model.Installed) fyne.CanvasObject {
	state := "not installed"
	if m.Installed {
		state = fmt.Sprintf("installed, %d MB", m.Bytes>>20)
	}
	lines := noteText(m.Name, state, m.Description)
	if m.Installed || !m.Known {
		return lines
	}
	fetch := widget.NewButton("Fetch", func() { s.fetch(m.Name) })
	if s.cancel != nil {
		fetch.Disable()
	}
	return container.NewBorder(nil, nil, nil, container.NewCenter(fetch), lines)
}

// fetch downloads model name off the UI goroutine, showing its progress, and lists it when it is installed.
func (s *settings) fetch(name string) {
	if s.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.fetching = cancel, name
	s.fetchBar.SetValue(0)
	s.fetchBar.Show()
	s.fetchCancel.Show()
	s.fetchStatus.SetText("Fetching " + name + "…")
	s.fetchStatus.Show()
	s.refreshModels() // disables the other Fetch buttons

	var last time.Time // touched by the download goroutine only
	progress := func(file string, done, total int64) {
		if time.Since(last) < fetchProgressEvery && done != total {
			return
		}
		last = time.Now()
		fyne.Do(func() {
			if s.fetching != name {
				return
			}
			s.fetchStatus.SetText(fetchProgressText(name, file, done, total))
			if total > 0 {
				s.fetchBar.SetValue(float64(done) / float64(total))
			}
		})
	}
	go func() {
		err := model.Fetch(ctx, s.dataRoot, name, model.FetchOptions{BaseURL: s.baseURL, Progress: progress})
		fyne.Do(func() { s.fetchDone(name, err) })
	}()
}

// fetchDone ends a download: it lists the new model, or says why it stopped.
func (s *settings) fetchDone(name string, err error) {
	if s.cancel != nil {
		s.cancel()
	}
	s.cancel, s.fetching = nil, ""
	s.fetchBar.Hide()
	s.fetchCancel.Hide()
	switch {
	case errors.Is(err, context.Canceled):
		s.fetchStatus.SetText("Stopped fetching " + name + "; fetching again resumes where it stopped.")
	case err != nil:
		s.fetchStatus.SetText("Could not fetch " + name + ": " + sentence(err))
	default:
		s.fetchStatus.SetText("Fetched " + name + ".")
	}
	s.refreshModels()
	if err == nil && len(s.modelChoice.Options) == 1 {
		s.onChange() // the first model installed is the one the window will use
	}
	if s.fetchEnded != nil {
		s.fetchEnded()
	}
}

// stopFetch cancels the running download, if any; fetchDone reports it.
func (s *settings) stopFetch() {
	if s.cancel != nil {
		s.cancel()
	}
}

// fetchProgressText is the line under the progress bar: which file, and how much of it.
func fetchProgressText(name, file string, done, total int64) string {
	if total <= 0 {
		return fmt.Sprintf("Fetching %s: %s, %.1f MB", name, file, float64(done)/(1<<20))
	}
	return fmt.Sprintf("Fetching %s: %s, %.1f of %.1f MB", name, file, float64(done)/(1<<20), float64(total)/(1<<20))
}

// catalogSection lists the peak catalogs and adds new ones.
func (s *settings) catalogSection() fyne.CanvasObject {
	s.catalogs = container.NewVBox()
	add := widget.NewButton("Add catalog…", func() {
		chooseFile(s.win, []string{".yaml", ".yml"}, s.addCatalog)
	})
	return settingsSection("Peak catalogs",
		"The peaks Cairn can name. Add a YAML catalog for another range; it is checked and copied into "+
			filepath.Join(s.dataRoot, library.CatalogsDir)+". Scan again to name its peaks in your photos.",
		s.catalogs, container.NewHBox(add))
}

// refreshCatalogs lists the bundled catalog and each user catalog with its peak count, or its error.
func (s *settings) refreshCatalogs() {
	s.catalogs.RemoveAll()
	bundled, err := peaks.Bundled()
	if err != nil {
		s.catalogs.Add(wrappedLabel(sentence(err)))
	} else {
		s.catalogs.Add(catalogRow(regionNames(bundled)+" (bundled)", fmt.Sprintf("%d peaks", len(bundled.Peaks))))
	}
	files, _ := filepath.Glob(filepath.Join(s.dataRoot, library.CatalogsDir, "*.yaml"))
	for _, f := range files {
		cat, err := peaks.LoadFile(f)
		if err != nil {
			s.catalogs.Add(catalogRow(filepath.Base(f), sentence(err)))
			continue
		}
		s.catalogs.Add(catalogRow(regionNames(cat)+" ("+filepath.Base(f)+")", fmt.Sprintf("%d peaks", len(cat.Peaks))))
	}
	s.catalogs.Refresh()
}

func catalogRow(name, info string) fyne.CanvasObject {
	return noteText(name, info, "")
}

// regionNames names the regions of a catalog ("Khumbu", "Rolwaling and Langtang").
func regionNames(c *peaks.Catalog) string {
	var names []string
	for _, r := range c.Regions {
		if r.Name != "" {
			names = append(names, r.Name)
		}
	}
	if len(names) == 0 {
		return "Unnamed region"
	}
	return strings.Join(names, " and ")
}

// addCatalog checks the catalog at path, on its own and merged with those installed, copies it into
// DATA/catalogs and lists it; a problem is shown in a dialog naming the file and line.
func (s *settings) addCatalog(path string) {
	if err := library.InstallCatalog(s.dataRoot, path); err != nil {
		showError(err, s.win)
		return
	}
	s.refreshCatalogs()
	s.onChange()
}

// scanSection chooses how many photos a scan decodes at once.
func (s *settings) scanSection() fyne.CanvasObject {
	cores := runtime.NumCPU()
	var options []string
	for n := 1; n <= max(2*cores, 4); n++ {
		options = append(options, strconv.Itoa(n))
	}
	s.workers = widget.NewSelect(options, func(v string) {
		n, err := strconv.Atoi(v)
		if err != nil || n == workerCount(s.prefs) {
			return
		}
		s.prefs.SetInt(prefWorkers, n)
		s.onChange()
	})
	s.workers.SetSelected(strconv.Itoa(workerCount(s.prefs)))
	return settingsSection("Scanning",
		fmt.Sprintf("Photos decoded at once. The default is one per processor core (%d here); fewer keeps "+
			"the computer responsive during a scan. Used from the next scan.", cores),
		container.NewHBox(widget.NewLabel("Workers"), s.workers))
}

// workerCount is the workers preference, or one per CPU core when it is not set.
func workerCount(prefs fyne.Preferences) int {
	if n := prefs.Int(prefWorkers); n > 0 {
		return n
	}
	return runtime.NumCPU()
}

func (s *settings) appearanceSection() fyne.CanvasObject {
	return settingsSection("Appearance", "Cairn follows the system's light or dark theme (Fyne's default theme).")
}
