package gui

import (
	"encoding/json"
	"slices"

	"fyne.io/fyne/v2"

	"github.com/cairn-photos/cairn/library"
)

// Preferences the window keeps between runs.
const (
	prefView         = "view"         // the savedView of the last album, as JSON
	prefWindowWidth  = "windowWidth"  // the window's size when it closed, in Fyne units
	prefWindowHeight = "windowHeight" //
)

// savedView is what the window showed of an album, restored when the album opens again: the search, the
// filters, the tab, the selected photo and how far the grid was scrolled.
type savedView struct {
	Album    string    `json:"album"`
	Text     string    `json:"text,omitempty"`
	Sort     int       `json:"sort,omitempty"`
	Rail     railState `json:"rail"`
	Tab      int       `json:"tab,omitempty"`
	Selected string    `json:"selected,omitempty"` // photo id
	Scroll   float32   `json:"scroll,omitempty"`   // the grid's offset
}

// railState is what was typed and ticked in the rail, as typed: it is parsed again when restored.
type railState struct {
	Peaks  []string     `json:"peaks,omitempty"`
	From   string       `json:"from,omitempty"`
	To     string       `json:"to,omitempty"`
	NearKM string       `json:"nearKm,omitempty"`
	Near   string       `json:"near,omitempty"`
	Box    *library.Box `json:"box,omitempty"`
}

// loadView reads the saved view of album, or false when the last one saved was of another album.
func loadView(prefs fyne.Preferences, album string) (savedView, bool) {
	var v savedView
	if err := json.Unmarshal([]byte(prefs.String(prefView)), &v); err != nil || v.Album != album {
		return savedView{}, false
	}
	return v, true
}

func storeView(prefs fyne.Preferences, v savedView) {
	data, err := json.Marshal(v)
	if err != nil || prefs.String(prefView) == string(data) {
		return // unchanged: no write to the preferences file
	}
	prefs.SetString(prefView, string(data))
}

// saveView remembers what the window shows now.
func (u *ui) saveView() {
	lib := u.session.library()
	if lib == nil || u.rail == nil || u.tabs == nil {
		return
	}
	v := savedView{
		Album:  lib.Album(),
		Text:   u.search.query.Text,
		Sort:   int(u.search.query.Sort),
		Rail:   u.rail.state(),
		Tab:    u.tabs.SelectedIndex(),
		Scroll: u.grid.grid.GetScrollOffset(),
	}
	if i := u.grid.selected; i >= 0 && i < len(u.grid.matches) {
		v.Selected = u.grid.matches[i].ID()
	}
	storeView(u.app.Preferences(), v)
}

// restoreView puts back the search, the filters and the tab saved for the album, before its first search;
// the selection and the scroll position wait for that search's results (restoreSelection).
func (u *ui) restoreView(album string) {
	v, ok := loadView(u.app.Preferences(), album)
	if !ok {
		return
	}
	u.bar.setText(v.Text)
	u.search.query.Text = v.Text
	if v.Sort >= 0 && v.Sort < len(sortLabels) {
		u.bar.setSort(library.Sort(v.Sort))
		u.search.query.Sort = library.Sort(v.Sort)
	}
	u.rail.restore(v.Rail)
	if f, err := u.rail.filters(); err == nil {
		q := &u.search.query
		q.Peaks, q.From, q.To, q.Near, q.Box = f.peaks, f.from, f.to, f.near, f.box
	}
	if v.Tab >= 0 && v.Tab < len(u.tabs.Items) {
		u.tabs.SelectIndex(v.Tab)
	}
	u.pending = &v
}

// restoreSelection selects the photo saved as selected, when the results hold it, and scrolls the grid to
// where it was; it runs once, with the first results after the album opened.
func (u *ui) restoreSelection() {
	v := u.pending
	u.pending = nil
	if v == nil {
		return
	}
	if i := slices.IndexFunc(u.grid.matches, func(m library.Match) bool { return m.ID() == v.Selected }); i >= 0 {
		u.grid.selectIndex(i)
	}
	u.grid.grid.ScrollToOffset(v.Scroll)
}
