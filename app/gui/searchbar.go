package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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

// suggestion is a name the search bar offers as the user types: a peak's, or a place's.
type suggestion struct {
	name  string
	place bool
}

// searchBar is the search entry with peak and place names suggested as you type, and the sort selector. It runs the
// search when typing pauses, on Return, or when a suggestion is taken.
type searchBar struct {
	entry       *searchEntry
	suggestions *fyne.Container
	strip       *fyne.Container // the suggestions on a backdrop, laid over the photos under the entry
	sort        *widget.Select
	suggest     func(typed string) []suggestion
	onSearch    func(text string)
	onSort      func(library.Sort)
	onLeave     func() // Escape or Down in the entry
	timer       *time.Timer
}

var sortLabels = []string{"Relevance", "Newest", "Oldest"}

func newSearchBar(suggest func(string) []suggestion, onSearch func(string), onSort func(library.Sort)) *searchBar {
	b := &searchBar{suggest: suggest, onSearch: onSearch, onSort: onSort}
	b.entry = &searchEntry{}
	b.entry.onLeave = b.leave
	b.entry.ExtendBaseWidget(b.entry)
	b.entry.SetPlaceHolder("Search: a peak (Ama Dablam, Sagarmatha), a place, a file, or what the photo shows")
	b.entry.ActionItem = widget.NewIcon(theme.SearchIcon())
	b.entry.OnChanged = b.changed
	b.entry.OnSubmitted = func(text string) { b.stopTimer(); b.onSearch(text) }
	b.suggestions = container.NewHBox()
	backdrop := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	b.strip = container.NewStack(backdrop, container.NewHScroll(b.suggestions))
	b.strip.Hide()
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

// showSuggestions offers the peak and place names that begin with what has been typed, unless it is one
// already.
func (b *searchBar) showSuggestions(text string) {
	b.suggestions.RemoveAll()
	var matches []suggestion
	if text != "" && b.suggest != nil {
		matches = b.suggest(text)
	}
	for _, m := range matches {
		if peaks.Squash(m.name) == peaks.Squash(text) {
			continue
		}
		name, icon := m.name, theme.SearchIcon()
		if m.place {
			icon = theme.HomeIcon()
		}
		btn := widget.NewButtonWithIcon(name, icon, func() { b.take(name) })
		btn.Importance = widget.LowImportance
		b.suggestions.Add(btn)
	}
	b.suggestions.Refresh()
	b.strip.Hidden = len(b.suggestions.Objects) == 0
	b.strip.Refresh()
}

// overlay is the suggestion strip, to lay over the top of the content under the search entry: it never
// pushes the photos down, and scrolls sideways rather than widening the window.
func (b *searchBar) overlay() fyne.CanvasObject { return container.NewVBox(b.strip) }

// take puts a suggested name in the entry and searches for it at once.
func (b *searchBar) take(name string) {
	b.setText(name)
	b.suggestions.RemoveAll()
	b.strip.Hide()
	b.stopTimer()
	b.onSearch(name)
}

// searchEntry is the search field. Escape hands the keyboard back (to the grid), clearing the suggestions;
// Down does the same, so the arrows go on in the photos.
type searchEntry struct {
	widget.Entry
	onLeave func()
}

func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	if (ev.Name == fyne.KeyEscape || ev.Name == fyne.KeyDown) && e.onLeave != nil {
		e.onLeave()
		return
	}
	e.Entry.TypedKey(ev)
}

// focus gives the entry the keyboard with its text selected, so typing replaces it (Ctrl+F).
func (b *searchBar) focus() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b.entry)
	if c == nil {
		return
	}
	c.Focus(b.entry)
	b.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// leave hides the suggestions and calls onLeave, which gives the keyboard to the photos.
func (b *searchBar) leave() {
	b.suggestions.RemoveAll()
	b.strip.Hide()
	if b.onLeave != nil {
		b.onLeave()
	}
}

// clear empties the entry and searches for every photo.
func (b *searchBar) clear() {
	b.take("")
}

// setText puts text in the entry without searching or suggesting.
func (b *searchBar) setText(text string) {
	b.entry.OnChanged = nil
	b.entry.SetText(text)
	b.entry.OnChanged = b.changed
}

// setSort shows the order s without searching.
func (b *searchBar) setSort(s library.Sort) {
	onSort := b.onSort
	b.onSort = nil
	b.sort.SetSelectedIndex(int(s))
	b.onSort = onSort
}
