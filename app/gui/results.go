package gui

import (
	"errors"
	"fmt"

	"github.com/cairn-photos/cairn/library"
)

// showResults shows a search's results in the grid, the rail, the map, the status line and the banner.
func (u *ui) showResults(res library.Results, places []library.Place, err error) {
	switch {
	case errors.Is(err, library.ErrEmptyLibrary):
		u.status.showAlone("No photos yet: the album is being scanned, or holds none Cairn can read.")
	case err != nil:
		u.status.showAlone(err.Error())
		if u.search.similarTo != "" {
			u.banner.showError(err)
		}
		return
	default:
		u.status.show(resultsText(u.search.query, u.search.similarTo != "", res))
	}
	first := make(map[string]library.Photo, len(res.Hits))
	for _, h := range res.Hits {
		first[h.ID] = h.Photo
	}
	u.grid.setMatches(res.All, first)
	u.rail.setFacets(res.Facets)
	u.maps.setPlaces(places)
	if res.Photo != nil {
		u.banner.showIdentified(u.search.similarTo, *res.Photo)
	}
}

// resultsText is the status line for a search's results.
func resultsText(q library.Query, similar bool, res library.Results) string {
	n := len(res.All)
	switch {
	case similar:
		return fmt.Sprintf("%d similar photos", n)
	case q.Text != "":
		text := fmt.Sprintf("%d photos for “%s”", n, q.Text)
		if len(res.Named) > 0 {
			text += " — the peak " + res.Named[0].Name
		}
		return text
	default:
		return fmt.Sprintf("%d photos", n)
	}
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

// selected shows the chosen photo on the map.
func (u *ui) selected(i int) {
	if i >= 0 && i < len(u.grid.matches) {
		u.maps.view.Select(u.grid.matches[i].ID())
	}
}

// openViewer shows match i of the grid large, with next and previous over all the matches.
func (u *ui) openViewer(i int) {
	lib := u.session.library()
	if lib == nil {
		return
	}
	v := newViewer(viewerSource{photo: lib.Photo, image: library.LoadImage, thumbPath: lib.ThumbPath}, u.grid.ids(), i)
	v.onClose = func() { u.win.Canvas().Focus(u.grid.grid) }
	showViewerIn(u.win, v)
}

// openPhoto opens the viewer on the photo with id, from the map.
func (u *ui) openPhoto(id string) {
	for i, m := range u.grid.matches {
		if m.ID() == id {
			u.grid.grid.Select(i)
			u.openViewer(i)
			return
		}
	}
}
