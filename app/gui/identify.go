package gui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// banner identifies a photo file dropped on the window or chosen, and tells above the photos like it which
// peak it shows and why.
type banner struct {
	win    fyne.Window
	search *searcher
	shown  func() // the photos tab is brought to the front for the photos like it
	// onView, when set, shows the identified photo with its labels and horizon ("Show the photo").
	onView func(library.Identified)

	identified *library.Identified // the last photo identified, for onView
	view       *widget.Button

	text *widget.RichText
	box  *fyne.Container
}

func newBanner(win fyne.Window, search *searcher, shown func()) *banner {
	b := &banner{win: win, search: search, shown: shown, text: widget.NewRichText()}
	b.text.Wrapping = fyne.TextWrapWord
	done := widget.NewButtonWithIcon("Back to all photos", theme.NavigateBackIcon(), b.clear)
	b.view = widget.NewButtonWithIcon("Show the photo", theme.VisibilityIcon(), func() {
		if b.onView != nil && b.identified != nil {
			b.onView(*b.identified)
		}
	})
	b.view.Hide()
	b.box = container.NewBorder(nil, widget.NewSeparator(), widget.NewIcon(theme.SearchReplaceIcon()), container.NewHBox(b.view, done), b.text)
	b.box.Hide()
	return b
}

func (b *banner) object() fyne.CanvasObject { return b.box }

// dropped identifies the first photo file dropped on the window.
func (b *banner) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			b.identify(uri.Path())
			return
		}
	}
}

// choose asks for a photo file to identify.
func (b *banner) choose() {
	chooseFile(b.win, library.PhotoExtensions(), b.identify)
}

// identify names the peak in the photo file at path, which need not be in the album, and fills the grid with
// the album's photos like it (within the current filters).
func (b *banner) identify(path string) {
	if b.search.library() == nil {
		dialog.ShowInformation("Identify a photo", "Open an album first: Cairn compares the photo with it.", b.win)
		return
	}
	b.showBusy(path)
	if b.shown != nil {
		b.shown()
	}
	b.search.setSimilar(path)
}

// clear goes back from photos like a dropped one to the search before it.
func (b *banner) clear() {
	b.hide()
	b.search.setSimilar("")
}

func (b *banner) hide() { b.box.Hide() }

func (b *banner) showBusy(path string) {
	b.identified = nil
	b.view.Hide()
	b.say(plain("Identifying "), strong(filepath.Base(path)), plain(" …"))
}

func (b *banner) showError(path string, err error) {
	b.identified = nil
	b.view.Hide()
	b.say(plain("Could not identify "), strong(filepath.Base(path)), plain(": "+sentence(err)))
}

// showIdentified says which peak the photo shows, and why, and what the n photos below it are.
func (b *banner) showIdentified(path string, id library.Identified, n int) {
	b.identified = &id
	b.view.Hidden = b.onView == nil
	name := strong(filepath.Base(path))
	if len(id.Peaks) == 0 {
		below := " Below: photos that look like it."
		if n == 0 {
			below = " No photo in the album looks like it."
		}
		b.say(name, plain(": no peak identified — "+id.WhyNoPeak()+"."+below))
		return
	}
	p := id.Peaks[0]
	var why []string
	if p.Explanation != "" {
		why = append(why, p.Explanation)
	}
	if len(id.Peaks) > 1 {
		why = append(why, fmt.Sprintf("Also possible: %s (%.0f%%)", id.Peaks[1].Name, 100*id.Peaks[1].Score))
	}
	if n == 0 {
		why = append(why, "The album holds no photo of it or like it.")
	} else {
		why = append(why, "Below: the album's photos of it and like it.")
	}
	b.say(name, plain(" shows "), strong(p.Name), plain(fmt.Sprintf(" (%.0f%%). %s", 100*p.Score, strings.Join(why, ". "))))
}

// say shows the segments, wrapped. They are built, not parsed from Markdown, so a file name's
// underscores and stars show as they are.
func (b *banner) say(segs ...widget.RichTextSegment) {
	b.text.Segments = segs
	b.text.Refresh()
	b.box.Show()
}

func plain(s string) *widget.TextSegment {
	return &widget.TextSegment{Text: s, Style: widget.RichTextStyleInline}
}

func strong(s string) *widget.TextSegment {
	return &widget.TextSegment{Text: s, Style: widget.RichTextStyleStrong}
}
