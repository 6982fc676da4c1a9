package gui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/cairn-photos/cairn/app/gui/mapview"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/gazetteer"
)

// prefetch is how many records a search reads with its results, enough for the first screens of the grid.
const prefetch = 120

// searcher holds what the window shows — the query's text, sort and filters, or a photo file to find photos
// like — and runs it off the UI goroutine. Results of a search that a newer one overtook are dropped. Its
// fields are touched on the Fyne goroutine only.
type searcher struct {
	library   func() *library.Library
	query     library.Query // the text, sort and filters now shown
	similarTo string        // a photo file identified or dropped: the grid shows photos like it
	searches  int           // counts searches started, so a slow one's results never replace a newer one's
	finished  int           // counts searches that have handed back all they will, shown or overtaken
	results   library.Results
	place     *gazetteer.Place // the place the results are of: the text named it

	// onResults shows a search's results, or its error; onPlaces then shows where its matches were taken. They
	// come apart so that the grid never waits for the map: at a million matches their places and dots take
	// longer than the search.
	onResults func(res library.Results, err error)
	onPlaces  func(dots *mapview.Dots, err error)
}

// setText searches for text (with the current filters) instead of photos like a file.
func (s *searcher) setText(text string) {
	s.query.Text = strings.TrimSpace(text)
	s.similarTo = ""
	s.run()
}

// setSort changes the order of the results; the same order again searches nothing.
func (s *searcher) setSort(order library.Sort) {
	if s.query.Sort != order {
		s.query.Sort = order
		s.run()
	}
}

// setSimilar finds the photos like the photo file at path ("" goes back to the search before).
func (s *searcher) setSimilar(path string) {
	s.similarTo = path
	s.run()
}

// reset forgets the query, for a newly opened album.
func (s *searcher) reset() {
	s.query, s.similarTo = library.Query{}, ""
}

// run runs the current query off the UI goroutine and hands its results to onResults.
func (s *searcher) run() {
	lib := s.library()
	if lib == nil {
		return
	}
	s.searches++
	n, q, similar := s.searches, s.query, s.similarTo
	q.K = prefetch
	go func() {
		find := func(q library.Query) (library.Results, error) {
			if similar != "" {
				return lib.Similar(context.Background(), similar, q)
			}
			return lib.Search(context.Background(), q)
		}
		res, err := find(q)
		if err == nil && len(q.Peaks) > 0 {
			// The rail counts each peak's photos as if no peak were ticked, so ticking one changes no count.
			all := q
			all.Peaks, all.K = nil, 1
			var unticked library.Results
			if unticked, err = find(all); err == nil {
				res.Facets = unticked.Facets
			}
		}
		failed := err != nil && !errors.Is(err, library.ErrEmptyLibrary)
		shown := res // the UI goroutine's copy: this goroutine goes on to read res for the map meanwhile
		if errors.Is(err, library.ErrEmptyLibrary) {
			shown = library.Results{}
		}
		fyne.Do(func() {
			if n == s.searches {
				s.place = shown.Place
				if !failed {
					s.results = shown
				}
				s.onResults(shown, err)
			}
			if failed {
				s.finished++
			}
		})
		if failed {
			return
		}
		dots, dotsErr := mapDots(lib, res.All)
		fyne.Do(func() {
			if n == s.searches {
				s.onPlaces(dots, dotsErr)
			}
			s.finished++
		})
	}()
}
