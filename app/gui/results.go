package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/cairn-photos/cairn/library"
)

// prefetch is how many records a search reads with its results, enough for the first screens of the grid.
const prefetch = 120

// searchFor runs a search for text with the current filters.
func (u *ui) searchFor(text string) {
	u.query.Text = strings.TrimSpace(text)
	u.similarTo = ""
	u.banner.hide()
	u.refresh()
}

func (u *ui) sortBy(s library.Sort) {
	if u.query.Sort != s {
		u.query.Sort = s
		u.refresh()
	}
}

// filtersChanged takes the rail's filters into the query and searches again.
func (u *ui) filtersChanged() {
	f, err := u.rail.filters()
	if err != nil {
		return // the rail shows what is wrong
	}
	u.query.Peaks, u.query.From, u.query.To, u.query.Near, u.query.Box = f.peaks, f.from, f.to, f.near, f.box
	if f.box == nil {
		u.mapView.ClearArea()
	}
	u.refresh()
}

// refresh runs the current query off the UI goroutine and shows its results in the grid, the rail and the
// map; results of a search that a newer one overtook are dropped.
func (u *ui) refresh() {
	lib := u.library()
	if lib == nil {
		return
	}
	u.searches++
	n, q, similar := u.searches, u.query, u.similarTo
	q.K = prefetch
	go func() {
		var res library.Results
		var err error
		if similar != "" {
			res, err = lib.Similar(context.Background(), similar, q)
		} else {
			res, err = lib.Search(context.Background(), q)
		}
		var places []library.Place
		if err == nil {
			places, err = lib.Places(res.All)
		}
		fyne.Do(func() {
			if n == u.searches {
				u.showResults(res, places, err)
			}
		})
	}()
}

func (u *ui) showResults(res library.Results, places []library.Place, err error) {
	switch {
	case errors.Is(err, library.ErrEmptyLibrary):
		res, places = library.Results{}, nil
		u.status.SetText("No photos yet: the album is being scanned, or holds none Cairn can read.")
	case err != nil:
		u.status.SetText(err.Error())
		if u.similarTo != "" {
			u.banner.showError(err)
		}
		return
	default:
		text := resultsText(u.query, u.similarTo != "", res)
		if u.scanNote != "" {
			text += " · " + u.scanNote
		}
		u.status.SetText(text)
	}
	u.results = res
	first := make(map[string]library.Photo, len(res.Hits))
	for _, h := range res.Hits {
		first[h.ID] = h.Photo
	}
	u.grid.setMatches(res.All, first)
	u.rail.setFacets(res.Facets)
	u.mapView.SetPhotos(mapPhotos(places))
	if res.Photo != nil {
		u.banner.showIdentified(u.similarTo, *res.Photo)
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

// selected shows the chosen photo on the map.
func (u *ui) selected(i int) {
	if i >= 0 && i < len(u.grid.matches) {
		u.mapView.Select(u.grid.matches[i].ID())
	}
}

// openViewer shows match i of the grid large, with next and previous over all the matches.
func (u *ui) openViewer(i int) {
	lib := u.library()
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
