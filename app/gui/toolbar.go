package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// minSearchWidth is the room the search entry keeps in the toolbar: on a narrower window the buttons lose
// their words and keep their icons.
const minSearchWidth = 240

// toolbar is the top row: the album and rescan on the left, the search entry in the middle, identify, the
// sort and the settings on the right. Where the window is too narrow for the buttons' words and a usable
// search entry (1024×600 at scale 1.5 or 2), the buttons show their icons only.
type toolbar struct {
	box     *fyne.Container
	row     *fyne.Container
	labels  map[*widget.Button]string // the buttons that have words, with them
	compact bool                      // the buttons show their icons only
}

// toolbarActions are what the toolbar's buttons do.
type toolbarActions struct {
	chooseAlbum, rescan, identify, settings, filters func()
}

func newToolbar(bar *searchBar, do toolbarActions) *toolbar {
	open := widget.NewButtonWithIcon("Album…", theme.FolderOpenIcon(), do.chooseAlbum)
	rescan := widget.NewButtonWithIcon("Rescan", theme.ViewRefreshIcon(), do.rescan)
	identify := widget.NewButtonWithIcon("Identify a photo…", theme.SearchReplaceIcon(), do.identify)
	settings := widget.NewButtonWithIcon("", theme.SettingsIcon(), do.settings)
	filters := widget.NewButtonWithIcon("", theme.MenuIcon(), do.filters) // shows or hides the rail
	left := container.NewHBox(filters, open, rescan)
	right := container.NewHBox(identify, bar.sort, settings)
	t := &toolbar{row: container.NewBorder(nil, nil, left, right, bar.entry),
		labels: map[*widget.Button]string{open: open.Text, rescan: rescan.Text, identify: identify.Text}}
	t.box = container.New(t, t.row)
	return t
}

func (t *toolbar) object() fyne.CanvasObject { return t.box }

// Layout drops the buttons' words when the row with them would leave the search entry less than
// minSearchWidth, and puts them back when there is room again.
func (t *toolbar) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	t.setCompact(t.wideWidth()+minSearchWidth > size.Width)
	t.row.Move(fyne.Position{})
	t.row.Resize(size)
}

// MinSize is the row's without the buttons' words: the toolbar never keeps the window from narrowing.
func (t *toolbar) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := t.row.MinSize()
	if !t.compact {
		m.Width -= t.wordsWidth()
	}
	return m
}

// wideWidth is the row's minimum width with the buttons' words.
func (t *toolbar) wideWidth() float32 {
	w := t.row.MinSize().Width
	if t.compact {
		w += t.wordsWidth()
	}
	return w
}

// wordsWidth is what the buttons' words add to the row's width: each word and the gap after the icon.
func (t *toolbar) wordsWidth() float32 {
	var w float32
	for _, text := range t.labels {
		w += fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + theme.Padding()
	}
	return w
}

func (t *toolbar) setCompact(on bool) {
	if t.compact == on {
		return
	}
	t.compact = on
	for b, text := range t.labels {
		if on {
			text = ""
		}
		b.SetText(text)
	}
}
