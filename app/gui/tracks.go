package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/app/gui/mapview"
	"github.com/cairn-photos/cairn/library"
)

// trackList is the dialog of the library's GPS tracks: it lists them, adds GPX files and removes tracks.
// Tracks are copied into the library, never into the album; after a change the window scans, which places
// the photos again from what the library keeps, without reading one.
type trackList struct {
	win     fyne.Window
	library func() *library.Library
	changed func() // a track was added or removed: the window draws the tracks and scans
	rows    *fyne.Container
	note    *widget.Label
	adding  bool
	// done, when set, is called on the UI goroutine after an add or a remove has ended and the list shows
	// it, so a test can wait for it.
	done func()
}

// newTrackList builds the list of the open library's tracks.
func newTrackList(win fyne.Window, lib func() *library.Library, changed func()) *trackList {
	t := &trackList{win: win, library: lib, changed: changed, rows: container.NewVBox(), note: wrappedLabel("")}
	t.note.Hide()
	t.refresh()
	return t
}

// showTracks opens the track list as a dialog over win.
func showTracks(win fyne.Window, lib func() *library.Library, changed func()) *trackList {
	t := newTrackList(win, lib, changed)
	d := dialog.NewCustom("GPS tracks", "Close", container.NewVScroll(container.NewPadded(t.object())), win)
	d.Resize(dialogSize(win, fyne.NewSize(640, 420)))
	d.Show()
	return t
}

func (t *trackList) object() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("Add GPX track…", theme.ContentAddIcon(), func() {
		chooseFile(t.win, []string{".gpx"}, t.add)
	})
	help := widget.NewRichText(quietText("Photos that record no position are placed on a track by their time. " +
		"Tracks are kept in the library, never in your album; adding or removing one places the photos again " +
		"without reading them."))
	help.Wrapping = fyne.TextWrapWord
	return container.NewVBox(help, t.rows, container.NewHBox(add), t.note)
}

// refresh lists the library's tracks again.
func (t *trackList) refresh() {
	t.rows.RemoveAll()
	lib := t.library()
	if lib == nil {
		t.rows.Add(wrappedLabel("Open an album first."))
		return
	}
	tracks, err := lib.Tracks()
	if err != nil {
		t.rows.Add(wrappedLabel(sentence(err)))
	}
	if err == nil && len(tracks) == 0 {
		t.rows.Add(wrappedLabel("No tracks yet."))
	}
	for _, tr := range tracks {
		name := tr.Name
		remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { t.remove(name) })
		t.rows.Add(container.NewBorder(nil, nil, nil, container.NewCenter(remove), noteText(tr.Name, trackText(tr), tr.Title)))
	}
	t.rows.Refresh()
}

// trackText describes a track in a line: its points and when it was recorded.
func trackText(tr library.TrackInfo) string {
	text := countOf(tr.Points, "point")
	if tr.Segments > 1 {
		text += " in " + countOf(tr.Segments, "segment")
	}
	if !tr.Start.IsZero() {
		text += fmt.Sprintf(", %s – %s UTC", tr.Start.Format("2 Jan 2006 15:04"), tr.End.Format("2 Jan 15:04"))
	}
	return text
}

// add copies the GPX file at path into the library off the UI goroutine (a long log takes a moment to
// check), then lists it and tells the window.
func (t *trackList) add(path string) {
	lib := t.library()
	if lib == nil || t.adding {
		return
	}
	t.adding = true
	t.say("Adding " + path + "…")
	go func() {
		added, err := lib.AddTracks([]string{path})
		fyne.Do(func() {
			t.adding = false
			if err != nil {
				t.say("")
				showError(err, t.win)
			} else {
				t.say(fmt.Sprintf("Added %s (%s). The scan places the photos taken along it.", added[0].Name, countOf(added[0].Points, "point")))
				t.changed()
			}
			t.refresh()
			t.ended()
		})
	}()
}

// remove deletes the track name from the library and tells the window.
func (t *trackList) remove(name string) {
	lib := t.library()
	if lib == nil {
		return
	}
	if err := lib.RemoveTrack(name); err != nil {
		showError(err, t.win)
	} else {
		t.say("Removed " + name + ". The scan takes its photos off it.")
		t.changed()
	}
	t.refresh()
	t.ended()
}

func (t *trackList) say(text string) {
	t.note.SetText(text)
	t.note.Hidden = text == ""
	t.note.Refresh()
}

func (t *trackList) ended() {
	if t.done != nil {
		t.done()
	}
}

// mapTracks turns the library's track segments into the map's lines, with their times on the photos'
// clock so both share the date colours.
func mapTracks(paths []library.TrackPath) []mapview.Track {
	out := make([]mapview.Track, len(paths))
	for i, p := range paths {
		out[i] = mapview.Track{Name: p.Track, Points: make([]mapview.TrackPoint, len(p.Points))}
		for j, pt := range p.Points {
			out[i].Points[j] = mapview.TrackPoint{Lat: pt.Lat, Lon: pt.Lon, Time: p.Times[j]}
		}
	}
	return out
}
