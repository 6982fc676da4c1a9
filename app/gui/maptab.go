package gui

import (
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/app/gui/mapview"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/peaks"
)

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

// mapPhotos turns the places of the matches into map dots, with the view cone of those that know their heading.
func mapPhotos(places []library.Place) []mapview.Photo {
	out := make([]mapview.Photo, len(places))
	for i, p := range places {
		out[i] = mapview.Photo{ID: p.ID, Lat: p.Lat, Lon: p.Lon, Time: p.Time}
		if !math.IsNaN(p.Heading) {
			out[i].Heading, out[i].HasHeading = p.Heading, true
		}
		out[i].FOV = camera.FOVFrom35mm(p.Focal, 0, 0).H // the photo's size is not in Place: a phone's 4:3 landscape
	}
	return out
}

// areaSelected filters the photos by the box drawn on the map.
func (u *ui) areaSelected(s, w, n, e float64) {
	u.rail.setArea(&library.Box{South: s, West: w, North: n, East: e})
	u.rail.changed()
}

// prefRaster is the MBTiles file shown under the map, if any.
const prefRaster = "mbtiles"

// mapTab is the map with a bar to choose its optional raster layer.
func (u *ui) mapTab() fyne.CanvasObject {
	choose := widget.NewButtonWithIcon("Raster layer (MBTiles)…", theme.FileImageIcon(), u.chooseRaster)
	remove := widget.NewButtonWithIcon("No raster", theme.CancelIcon(), func() { u.setRaster("") })
	bar := container.NewHBox(choose, remove, widget.NewLabel("Natural Earth basemap; drag to pan, scroll to zoom, Shift-drag to filter by area"))
	return container.NewBorder(bar, nil, nil, nil, u.mapView)
}

func (u *ui) chooseRaster() {
	chooseFile(u.win, []string{".mbtiles"}, u.setRaster)
}

// setRaster shows the MBTiles file at path under the map ("" for none) and remembers it.
func (u *ui) setRaster(path string) {
	if err := u.mapView.SetRaster(path); err != nil {
		dialog.ShowError(err, u.win)
		return
	}
	u.app.Preferences().SetString(prefRaster, path)
}
