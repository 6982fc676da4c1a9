package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/peaks"
)

// searchDelay is how long typing pauses before the search runs by itself.
const searchDelay = 300 * time.Millisecond

// maxSuggestions is how many peak names are offered under the search entry.
const maxSuggestions = 6

// searchBar is the search entry with peak-name suggestions as you type, and the sort selector. It runs the
// search when typing pauses, on Return, or when a suggestion is taken.
type searchBar struct {
	entry       *widget.Entry
	suggestions *fyne.Container
	sort        *widget.Select
	suggest     func(typed string) []peaks.NameMatch
	onSearch    func(text string)
	onSort      func(library.Sort)
	timer       *time.Timer
}

var sortLabels = []string{"Relevance", "Newest", "Oldest"}

func newSearchBar(suggest func(string) []peaks.NameMatch, onSearch func(string), onSort func(library.Sort)) *searchBar {
	b := &searchBar{suggest: suggest, onSearch: onSearch, onSort: onSort}
	b.entry = widget.NewEntry()
	b.entry.SetPlaceHolder("Search: a peak (Ama Dablam, Sagarmatha), a place, a file, or what the photo shows")
	b.entry.ActionItem = widget.NewIcon(theme.SearchIcon())
	b.entry.OnChanged = b.changed
	b.entry.OnSubmitted = func(text string) { b.stopTimer(); b.onSearch(text) }
	b.suggestions = container.NewHBox()
	b.sort = widget.NewSelect(sortLabels, func(s string) {
		for i, l := range sortLabels {
			if l == s && b.onSort != nil {
				b.onSort(library.Sort(i))
			}
		}
	})
	b.sort.SetSelectedIndex(0)
	return b
}

func (b *searchBar) changed(text string) {
	b.showSuggestions(text)
	b.stopTimer()
	b.timer = time.AfterFunc(searchDelay, func() { fyne.Do(func() { b.onSearch(b.entry.Text) }) })
}

func (b *searchBar) stopTimer() {
	if b.timer != nil {
		b.timer.Stop()
	}
}

// showSuggestions offers the peak names that begin with what has been typed, unless it is one already.
func (b *searchBar) showSuggestions(text string) {
	b.suggestions.RemoveAll()
	var matches []peaks.NameMatch
	if text != "" && b.suggest != nil {
		matches = b.suggest(text)
	}
	for _, m := range matches {
		if peaks.Squash(m.Name) == peaks.Squash(text) {
			continue
		}
		name := m.Name
		btn := widget.NewButtonWithIcon(name, theme.SearchIcon(), func() { b.take(name) })
		btn.Importance = widget.LowImportance
		b.suggestions.Add(btn)
	}
	b.suggestions.Refresh()
}

// take puts a suggested name in the entry and searches for it at once.
func (b *searchBar) take(name string) {
	b.entry.OnChanged = nil
	b.entry.SetText(name)
	b.entry.OnChanged = b.changed
	b.suggestions.RemoveAll()
	b.stopTimer()
	b.onSearch(name)
}
