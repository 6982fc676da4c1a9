package gui

import (
	"errors"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/peaks"
)

// session is the album open in the window: its library and the model it embeds with. The library is read
// by the search, scan and viewer goroutines too, so it sits under a mutex; the model is touched on the Fyne
// goroutine only.
type session struct {
	dataRoot string

	mu  sync.Mutex
	lib *library.Library

	model    library.Model
	modelDir string
	// modelStale is set when the settings changed: the next open loads the chosen model again.
	modelStale bool
	opening    int // counts albums asked for, so a slow open that was overtaken is closed, not shown
}

// library is the open library, or nil while none is.
func (s *session) library() *library.Library {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lib
}

// swap makes lib the open library and returns the one it replaces, for the caller to close.
func (s *session) swap(lib *library.Library) *library.Library {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.lib
	s.lib = lib
	return old
}

// open opens (or creates) the library of album off the UI goroutine, loading the model first when none is
// loaded, and hands the outcome to done on the UI goroutine; an open overtaken by a newer one is closed and
// never handed over. It returns at once.
func (s *session) open(album, modelName string, workers int, done func(lib *library.Library, err, modelErr error)) {
	if old := s.swap(nil); old != nil {
		old.Close()
	}
	if s.modelStale && s.model != nil {
		s.model.Close() // no library uses it now
		s.model, s.modelDir = nil, ""
	}
	s.modelStale = false
	s.opening++
	n := s.opening
	m, dir := s.model, s.modelDir
	go func() {
		var modelErr error
		// The library's own model, whatever the settings prefer (library.ModelFor); the one loaded for
		// the album before is kept when it is that one.
		if want := library.ModelFor(s.dataRoot, album, modelName); m == nil || (want != "" && want != dir) {
			m, dir, modelErr = library.OpenModelFor(s.dataRoot, album, modelName)
		}
		opt := library.Options{DataRoot: s.dataRoot, ModelDir: dir, Workers: workers}
		if m != nil {
			opt.Embedder = m // only when there is one: a nil Model in the interface would look like a model
		}
		lib, err := library.Open(album, true, opt)
		fyne.Do(func() {
			if s.model != nil && s.model != m {
				s.model.Close() // the album before used another model; its library is closed
			}
			s.model, s.modelDir = m, dir
			if n != s.opening { // another album was asked for meanwhile
				if lib != nil {
					lib.Close()
				}
				return
			}
			if err == nil {
				s.swap(lib)
			}
			done(lib, err, modelErr)
		})
	}()
}

// close closes the library and the model.
func (s *session) close() {
	if lib := s.swap(nil); lib != nil {
		lib.Close()
	}
	if s.model != nil {
		s.model.Close()
		s.model = nil
	}
}

func (s *session) thumbPath(id string) string {
	if lib := s.library(); lib != nil {
		return lib.ThumbPath(id)
	}
	return ""
}

func (s *session) photosByID(ids []string) map[string]library.Photo {
	lib := s.library()
	if lib == nil {
		return nil
	}
	photos, err := lib.PhotosByID(ids)
	if err != nil {
		return nil
	}
	return photos
}

// suggestions offers the peak names, then the place names, that begin like typed.
func (s *session) suggestions(typed string) []suggestion {
	lib := s.library()
	if lib == nil {
		return nil
	}
	var out []suggestion
	for _, n := range lib.SuggestNames(typed, maxSuggestions) {
		out = append(out, suggestion{name: n.Name, place: n.Place})
	}
	return out
}

// nearPlace is the filter "within km of place", place read as the library reads it.
func (s *session) nearPlace(place, km string) (*library.Circle, error) {
	lib := s.library()
	if lib == nil {
		return nil, errors.New("no album is open")
	}
	return lib.NearPlace(place, km)
}

// landmarksLike names the peaks and places text could mean.
func (s *session) landmarksLike(text string) []string {
	lib := s.library()
	if lib == nil {
		return nil
	}
	var out []string
	for _, lm := range lib.LandmarksLike(text) {
		out = append(out, lm.Name)
	}
	return out
}

// isLandmark tells whether name is a peak's or a place's name as the library writes it.
func (s *session) isLandmark(name string) bool {
	lib := s.library()
	if lib == nil {
		return false
	}
	lm, ok := lib.Landmark(name)
	return ok && lm.Name == name
}

// peakName is the catalog's name of the peak with id, the one the rail and the viewer show, rather than the
// alias a search matched ("Mount Everest" for "Sagarmatha").
func (s *session) peakName(m peaks.NameMatch) string {
	if lib := s.library(); lib != nil {
		if p, ok := lib.Catalog().ByID(m.PeakID); ok {
			return p.Name
		}
	}
	return m.Name
}
