package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// emptyNote stands over the grid when a search finds nothing and says why, with what to do about it: a
// search without results must never look like one still running or like a library that is empty.
type emptyNote struct {
	title   *widget.Label
	text    *widget.Label
	actions *fyne.Container
	box     *fyne.Container
}

func newEmptyNote() *emptyNote {
	e := &emptyNote{
		title:   widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		text:    widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{}),
		actions: container.NewHBox(),
	}
	e.title.Wrapping = fyne.TextWrapWord
	e.text.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(e.title, e.text, container.NewCenter(e.actions))
	// At most 560 units wide, centred near the top, where the eye is after typing.
	e.box = container.NewVBox(container.New(maxWidth(560), body))
	e.box.Hide()
	return e
}

func (e *emptyNote) object() fyne.CanvasObject { return e.box }

// show says title and text, with buttons for what to do.
func (e *emptyNote) show(title, text string, actions ...*widget.Button) {
	e.title.SetText(title)
	e.text.SetText(text)
	e.text.Hidden = text == ""
	e.actions.RemoveAll()
	for _, a := range actions {
		e.actions.Add(a)
	}
	e.box.Show()
	e.box.Refresh()
}

func (e *emptyNote) hide() { e.box.Hide() }

// emptyReason is what the window knows when a search found nothing.
type emptyReason struct {
	query   library.Query
	similar bool
	named   []string // the peaks the text named
	place   string   // the place the text named
	noModel bool     // no image–text model: the text was matched against names only
	empty   bool     // the library holds no photos at all
}

// explain is the note's title and text for r, and whether it should offer the model settings and clearing
// the filters.
func (r emptyReason) explain() (title, text string, offerModel, offerClear bool) {
	filtered := hasFilters(r.query)
	switch {
	case r.empty:
		return "No photos yet", "The album is being scanned, or holds no photos Cairn can read.", false, false
	case r.similar:
		title = "No photo in the album looks like it"
	case r.place != "":
		title = fmt.Sprintf("No photo was taken at %s", r.place)
	case r.query.Text != "" && len(r.named) > 0:
		title = fmt.Sprintf("No photo shows %s", r.named[0])
		if !filtered {
			text = "Cairn names a peak in a photo from its GPS position and compass heading, or with an image–text model from its look."
			offerModel = r.noModel
		}
	case r.query.Text != "" && r.noModel:
		title = fmt.Sprintf("No peak, place or file is called “%s”", r.query.Text)
		text = "Searching for what photos show — “prayer flags”, “yaks”, “sunrise” — needs an image–text model, and none is installed. The settings fetch one."
		offerModel = true
	case r.query.Text != "":
		title = fmt.Sprintf("No photo matches “%s”", r.query.Text)
	default:
		title = "No photo matches the filters"
	}
	if filtered {
		if text != "" {
			text += " "
		}
		text += "The filters on the left leave none."
		offerClear = true
	}
	return title, text, offerModel, offerClear
}

// hasFilters tells whether q narrows the photos by more than its text.
func hasFilters(q library.Query) bool {
	return len(q.Peaks) > 0 || !q.From.IsZero() || !q.To.IsZero() || q.Near != nil || q.Box != nil
}

// maxWidth lays out one object at most this wide, centred in the width it is given.
type maxWidth float32

func (m maxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(min(s.Width, float32(m)), s.Height)
}

func (m maxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, float32(m))
	objs[0].Move(fyne.NewPos((size.Width-w)/2, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
}
