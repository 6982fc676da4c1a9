package gui

import (
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/app/gui/mapview"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/peaks"
)

// prefRaster is the MBTiles file shown under the map, if any.
const prefRaster = "mbtiles"

// mapTab is the map of the matches, the peaks and the library's GPS tracks, with a bar to choose its
// optional raster layer and to manage the tracks.
type mapTab struct {
	win   fyne.Window
	prefs fyne.Preferences
	view  *mapview.Map
	box   fyne.CanvasObject

	library         func() *library.Library // the open library, for its tracks
	onTracksChanged func()                  // a track was added or removed in the track list
	trackLoads      int                     // counts loads of the tracks, so an overtaken one is dropped
}

// newMapTab makes the map; openPhoto is called with the key of a tapped photo, area with a box drawn on it.
func newMapTab(win fyne.Window, prefs fyne.Preferences, openPhoto func(key uint64), area func(library.Box)) *mapTab {
	t := &mapTab{win: win, prefs: prefs, view: mapview.New()}
	t.view.OnPhotoTapped = openPhoto
	t.view.OnAreaSelected = func(s, w, n, e float64) { area(library.Box{South: s, West: w, North: n, East: e}) }
	choose := widget.NewButtonWithIcon("MBTiles…", theme.FileImageIcon(), t.chooseRaster)
	remove := widget.NewButtonWithIcon("No raster", theme.CancelIcon(), func() { t.setRaster("") })
	tracks := widget.NewButtonWithIcon("Tracks…", theme.MoreHorizontalIcon(), func() { t.openTracks() })
	help := widget.NewLabel("Natural Earth basemap; drag to pan, scroll to zoom, Shift-drag to filter by area")
	help.Truncation = fyne.TextTruncateEllipsis // a narrow window cuts it short rather than growing
	bar := container.NewBorder(nil, nil, container.NewHBox(choose, remove, tracks), nil, help)
	t.box = container.NewBorder(bar, nil, nil, nil, t.view)
	return t
}

func (t *mapTab) object() fyne.CanvasObject { return t.box }

// setCatalog shows the catalog's peaks, and the remembered raster layer; a raster that no longer opens is
// returned as a note, since the map works without it.
func (t *mapTab) setCatalog(c *peaks.Catalog) (note string) {
	t.view.SetPeaks(mapPeaks(c))
	if raster := t.prefs.String(prefRaster); raster != "" {
		if err := t.view.SetRaster(raster); err != nil {
			return sentence(err)
		}
	}
	return ""
}

func (t *mapTab) chooseRaster() {
	chooseFile(t.win, []string{".mbtiles"}, t.setRaster)
}

// setRaster shows the MBTiles file at path under the map ("" for none) and remembers it.
func (t *mapTab) setRaster(path string) {
	if err := t.view.SetRaster(path); err != nil {
		showError(err, t.win)
		return
	}
	t.prefs.SetString(prefRaster, path)
}

// setTerrain shades the map with the terrain's relief; without terrain the land stays plain.
func (t *mapTab) setTerrain(tm *terrainModel) {
	dem, err := tm.get()
	if err != nil {
		fyne.LogError("map: terrain", err)
		t.view.SetRelief(nil)
		return
	}
	t.view.SetRelief(demRelief{dem})
}

func (t *mapTab) close() { t.view.Close() }

// openTracks shows the list of the library's tracks, to add and remove them.
func (t *mapTab) openTracks() *trackList {
	return showTracks(t.win, t.library, func() {
		if t.onTracksChanged != nil {
			t.onTracksChanged()
		}
	})
}

// loadTracks draws lib's tracks. Reading and simplifying a long log takes a while, so it runs off the UI
// goroutine; a load overtaken by a newer one is dropped.
func (t *mapTab) loadTracks(lib *library.Library) {
	t.trackLoads++
	n := t.trackLoads
	go func() {
		paths, err := lib.TrackPaths()
		if err != nil {
			fyne.LogError("map: tracks", err) // the map works without them
		}
		tracks := mapview.NewTracks(mapTracks(paths))
		fyne.Do(func() {
			if n == t.trackLoads {
				t.view.SetTracks(tracks)
			}
		})
	}()
}

// mapPeaks lists the catalog's peaks for the map, highest first, so that when labels collide the higher
// peak keeps its name.
func mapPeaks(c *peaks.Catalog) []mapview.Peak {
	ps := append([]peaks.Peak(nil), c.Peaks...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].ElevationM > ps[j].ElevationM })
	out := make([]mapview.Peak, len(ps))
	for i, p := range ps {
		out[i] = mapview.Peak{Name: p.Name, Lat: p.Lat, Lon: p.Lon}
	}
	return out
}

// mapDots gathers the places of the matches and makes the map's dots of them: at a million matches about
// half a second of CPU, so it runs on the search's goroutine and the map only takes the result.
func mapDots(lib *library.Library, matches []library.Match) (*mapview.Dots, error) {
	places, err := lib.Places(matches)
	if err != nil {
		return nil, err
	}
	return mapview.NewDots(mapPhotos(places)), nil
}

// mapPhotos turns the places of the matches into map dots, with the view cone of those that know their heading
// (the one identification corrected by the skyline, when it could) and their true field of view.
func mapPhotos(places []library.Place) []mapview.Photo {
	out := make([]mapview.Photo, len(places))
	for i, p := range places {
		out[i] = mapview.Photo{Key: p.Key, Lat: p.Lat, Lon: p.Lon, Time: p.Time}
		if !math.IsNaN(p.Heading) {
			out[i].Heading, out[i].HasHeading = p.Heading, true
		}
		out[i].FOV = p.FOV
	}
	return out
}
