package gui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/app/gui/mapview"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/gazetteer"
	"github.com/cairn-photos/cairn/library/peaks"
)

// showResults shows a search's results in the grid, the rail, the map, the status line and the banner.
func (u *ui) showResults(res library.Results, err error) {
	switch {
	case errors.Is(err, library.ErrEmptyLibrary):
		u.status.showAlone("No photos yet: the album is being scanned, or holds none Cairn can read.")
	case err != nil:
		u.status.showAlone(sentence(err))
		if u.search.similarTo != "" {
			u.banner.showError(u.search.similarTo, err)
		}
		return
	default:
		u.status.show(resultsText(u.search.query, u.search.similarTo != "", u.search.place, res, u.session.peakName))
	}
	first := make(map[string]library.Photo, len(res.Hits))
	for _, h := range res.Hits {
		first[h.ID] = h.Photo
	}
	q := u.search.query
	u.grid.byTime = u.search.similarTo == "" && (q.Text == "" || q.Sort != library.ByRelevance || u.search.place != nil)
	u.grid.setMatches(res.All, first)
	u.restoreSelection()
	u.saveView()
	u.explainEmpty(res, errors.Is(err, library.ErrEmptyLibrary))
	u.rail.setFacets(res.Facets)
	if res.Photo != nil {
		u.banner.showIdentified(u.search.similarTo, *res.Photo, len(res.All))
	}
}

// showPlaces shows where a search's matches were taken on the map, once they are known.
func (u *ui) showPlaces(dots *mapview.Dots, err error) {
	if err != nil {
		u.status.showAlone(sentence(err))
		return
	}
	u.maps.view.SetDots(dots)
}

// explainEmpty says over the grid why a search found nothing, or hides the note when it found something.
func (u *ui) explainEmpty(res library.Results, emptyLibrary bool) {
	if len(res.All) > 0 {
		u.empty.hide()
		return
	}
	r := emptyReason{query: u.search.query, similar: u.search.similarTo != "", noModel: u.session.model == nil, empty: emptyLibrary}
	if u.search.place != nil {
		r.place = u.search.place.Name
	}
	for _, n := range res.Named {
		r.named = append(r.named, u.session.peakName(n))
	}
	title, text, offerModel, offerClear := r.explain()
	var actions []*widget.Button
	if offerModel {
		b := widget.NewButtonWithIcon("Install a model…", theme.SettingsIcon(), u.openSettings)
		b.Importance = widget.HighImportance
		actions = append(actions, b)
	}
	if offerClear {
		actions = append(actions, widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), u.rail.clear))
	}
	u.empty.show(title, text, actions...)
}

// resultsText is the status line for a search's results.
func resultsText(q library.Query, similar bool, place *gazetteer.Place, res library.Results, peakName func(peaks.NameMatch) string) string {
	n := len(res.All)
	switch {
	case similar:
		return photoCount(n, "similar photo")
	case place != nil:
		return fmt.Sprintf("%s taken at %s (%s, within %g km)", photoCount(n, "photo"), place.Name, gazetteer.KindText(place.Kind), place.RadiusKm)
	case q.Text != "":
		text := fmt.Sprintf("%s for “%s”", photoCount(n, "photo"), q.Text)
		if len(res.Named) > 0 {
			text += " — the peak " + peakName(res.Named[0])
		}
		return text
	default:
		return photoCount(n, "photo")
	}
}

// photoCount writes n with noun, plural unless n is 1: "1 photo", "2 similar photos".
func photoCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// filtersChanged takes the rail's filters into the query and searches again.
func (u *ui) filtersChanged() {
	f, err := u.rail.filters()
	if err != nil {
		return // the rail shows what is wrong
	}
	q := &u.search.query
	q.Peaks, q.From, q.To, q.Near, q.Box = f.peaks, f.from, f.to, f.near, f.box
	if f.box == nil {
		u.maps.view.ClearArea()
	}
	u.search.run()
}

// areaSelected filters the photos by the box drawn on the map.
func (u *ui) areaSelected(box library.Box) {
	u.rail.setArea(&box)
	u.rail.changed()
}

// selected shows the chosen photo on the map, and remembers it.
func (u *ui) selected(i int) {
	if i >= 0 && i < len(u.grid.matches) {
		u.maps.view.Select(u.grid.matches[i].Key())
		u.saveView()
	}
}

// openViewer shows match i of the grid large, with next and previous over all the matches.
func (u *ui) openViewer(i int) {
	lib := u.session.library()
	if lib == nil {
		return
	}
	v := newViewer(viewerSource{photo: lib.Photo, image: library.LoadImage, screen: library.LoadScreenImage, thumbPath: lib.ThumbPath, horizon: u.terrain.horizon}, u.grid.ids(), i)
	v.onPage = u.grid.selectIndex
	v.onShowOnMap = u.showOnMap
	v.onClose = func() {
		u.viewer = nil
		u.grid.focus()
	}
	u.viewer = v
	showViewerIn(u.win, v)
}

// showOnMap closes the viewer and shows the photo with id on the map.
func (u *ui) showOnMap(id string) {
	if u.viewer != nil {
		u.viewer.close()
	}
	u.tabs.SelectIndex(1)
	u.maps.view.ShowPhoto(library.PhotoKey(id))
}

// openPhoto opens the viewer on the photo with key, from the map.
func (u *ui) openPhoto(key uint64) {
	for i, m := range u.grid.matches {
		if m.Key() == key {
			u.grid.grid.Select(i)
			u.openViewer(i)
			return
		}
	}
}
