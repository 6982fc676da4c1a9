package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/terrain"
)

// terrainSettings is the settings' terrain section: the tiles Cairn has (bundled or in the data folder, and
// their sizes) and fetching more for the album's area or a box typed in, with progress and cancel. Its fields
// are touched on the Fyne goroutine only; a fetch runs in a goroutine and reports through fyne.Do.
type terrainSettings struct {
	dataRoot string
	model    *terrainModel
	// area is the album's terrain area (library.TerrainArea); nil or !ok without an album with positions.
	area func() (library.Box, bool, error)
	// changed is called after tiles were fetched, so the window shows them (the map's relief).
	changed func()
	baseURL string      // the tile service; terrain.DefaultTileURL outside tests
	cancel  func()      // stops the running fetch; nil when none runs
	ended   func(error) // tests wait on it: called on the UI goroutine after a fetch ended

	summary  *widget.Label
	tiles    *fyne.Container
	box      *widget.Entry
	forAlbum *widget.Button
	forBox   *widget.Button
	bar      *widget.ProgressBar
	status   *widget.Label
	stop     *widget.Button
}

func newTerrainSettings(dataRoot string, model *terrainModel) *terrainSettings {
	t := &terrainSettings{dataRoot: dataRoot, model: model, baseURL: terrain.DefaultTileURL, changed: func() {}}
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.tiles = container.NewVBox()
	t.box = widget.NewEntry()
	t.box.SetPlaceHolder("south, west, north, east — e.g. 27.5, 86.4, 28.3, 87.3")
	t.forAlbum = widget.NewButton("Fetch for the album's area", t.fetchAlbum)
	t.forBox = widget.NewButton("Fetch this box", t.fetchBox)
	t.bar = widget.NewProgressBar()
	t.bar.Hide()
	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapWord
	t.status.Hide()
	t.stop = widget.NewButton("Cancel", t.stopFetch)
	t.stop.Hide()
	t.refresh()
	return t
}

func (t *terrainSettings) object() fyne.CanvasObject {
	return settingsSection("Terrain",
		"Heights of the ground, for the horizon drawn on photos, the peaks it hides and the map's shaded relief. "+
			"The Khumbu comes with Cairn; fetch other regions (1″ SRTM tiles, tens of MB each) into "+
			terrain.Dir(t.dataRoot)+", then scan again.",
		t.summary, t.tiles,
		container.NewBorder(nil, nil, nil, t.forBox, t.box),
		container.NewHBox(t.forAlbum),
		t.bar, container.NewBorder(nil, nil, nil, t.stop, t.status))
}

// refresh lists the tiles the terrain has now.
func (t *terrainSettings) refresh() {
	t.tiles.RemoveAll()
	dem, err := t.model.get()
	if err != nil {
		t.summary.SetText("Cairn could not read its terrain: " + sentence(err))
		return
	}
	cov := dem.Coverage()
	bundled, bytes := 0, int64(0)
	for _, c := range cov {
		if c.Source == terrain.Embedded {
			bundled++
		}
		bytes += c.Bytes
	}
	t.summary.SetText(fmt.Sprintf("%s, %.0f MB: %d bundled with Cairn, %d in the data folder.",
		countOf(len(cov), "tile"), float64(bytes)/(1<<20), bundled, len(cov)-bundled))
	for _, c := range cov {
		where := "bundled"
		if c.Source != terrain.Embedded {
			where = "data folder"
		}
		t.tiles.Add(widget.NewLabel(fmt.Sprintf("%s — %s, %.1f MB", c.Name, where, float64(c.Bytes)/(1<<20))))
	}
}

// countOf writes n with noun, plural unless n is 1.
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (t *terrainSettings) fetchAlbum() {
	if t.area == nil {
		t.say("Open an album first: its photos' positions give the area.")
		return
	}
	b, ok, err := t.area()
	switch {
	case err != nil:
		t.say("Cairn could not read the album's positions: " + sentence(err))
	case !ok:
		t.say("No photo in the album has a position, so it has no area: type a box instead.")
	default:
		t.fetch(b)
	}
}

func (t *terrainSettings) fetchBox() {
	b, err := library.ParseBox(strings.ReplaceAll(t.box.Text, " ", ""))
	if err != nil || b == nil {
		t.say("Type the box as four numbers in degrees: south, west, north, east (e.g. 27.5, 86.4, 28.3, 87.3).")
		return
	}
	t.fetch(*b)
}

func (t *terrainSettings) say(text string) {
	t.status.SetText(text)
	t.status.Show()
}

// fetch downloads the tiles of b off the UI goroutine, showing how many are done, the current tile and the
// time left, and lists them when they are in.
func (t *terrainSettings) fetch(b library.Box) {
	if t.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	t.forAlbum.Disable()
	t.forBox.Disable()
	t.bar.SetValue(0)
	t.bar.Show()
	t.stop.Show()
	t.say(fmt.Sprintf("Fetching terrain for %.2f–%.2f° N, %.2f–%.2f° E…", b.South, b.North, b.West, b.East))
	var last time.Time // touched by the fetch goroutine only
	progress := func(p terrain.FetchProgress) {
		if time.Since(last) < fetchProgressEvery && p.Done < p.Total {
			return
		}
		last = time.Now()
		fyne.Do(func() {
			if t.cancel == nil {
				return
			}
			t.status.SetText(terrainProgressText(p))
			if p.Total > 0 {
				t.bar.SetValue(float64(p.Done) / float64(p.Total))
			}
		})
	}
	go func() {
		rep, err := library.FetchTerrain(ctx, t.dataRoot, b, terrain.FetchOptions{BaseURL: t.baseURL, Progress: progress})
		fyne.Do(func() { t.fetchDone(rep, err) })
	}()
}

// terrainProgressText is the line under the bar: tiles done of all, the tile coming in, the time left.
func terrainProgressText(p terrain.FetchProgress) string {
	s := fmt.Sprintf("%d of %d tiles", p.Done, p.Total)
	if p.Tile != "" && p.Done < p.Total {
		s += fmt.Sprintf(" · %s %.1f", p.Tile, float64(p.Bytes)/(1<<20))
		if p.Size > 0 {
			s += fmt.Sprintf(" of %.1f", float64(p.Size)/(1<<20))
		}
		s += " MB"
	}
	if p.ETA > 0 {
		s += " · about " + p.ETA.Round(time.Second).String() + " left"
	}
	return s
}

// fetchDone ends a fetch: it says what arrived, lists the tiles and tells the window, or says why it stopped.
func (t *terrainSettings) fetchDone(rep terrain.FetchReport, err error) {
	t.cancel()
	t.cancel = nil
	t.bar.Hide()
	t.stop.Hide()
	t.forAlbum.Enable()
	t.forBox.Enable()
	var what string
	switch n := len(rep.Fetched); {
	case n > 0:
		what = "Fetched " + countOf(n, "tile") + "."
	case len(rep.Present) > 0:
		what = "Every tile of the area was already there."
	default:
		what = "No tile fetched."
	}
	if len(rep.Unavailable) > 0 {
		what += fmt.Sprintf(" %s not on the service (sea, or beyond its coverage).", countOf(len(rep.Unavailable), "tile"))
	}
	switch {
	case errors.Is(err, context.Canceled):
		t.say("Stopped. " + what + " Fetching again resumes where it stopped.")
	case err != nil:
		t.say("Could not fetch all the terrain: " + sentence(err) + " " + what)
	default:
		t.say(what + " Scan again to use them on your photos.")
	}
	if len(rep.Fetched) > 0 {
		t.model.reload()
		t.refresh()
		t.changed()
	}
	if t.ended != nil {
		t.ended(err)
	}
}

// stopFetch cancels the running fetch, if any; fetchDone reports it.
func (t *terrainSettings) stopFetch() {
	if t.cancel != nil {
		t.cancel()
	}
}
