package gui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/cairn-photos/cairn/library"
)

// albumModel is the open album as the settings see it when a model is chosen: the model its vectors were
// made with, and how to switch it to another.
type albumModel struct {
	current string // the model's name
	photos  int
	uses    func(name string) bool // name is the album's model already
	start   func(name string)      // switch the album to the model called name
}

// albumModel describes the open album for the settings; nil when none is open or it has no model yet (the
// chosen model is then simply used from the next scan).
func (u *ui) albumModel() *albumModel {
	lib := u.session.library()
	if lib == nil || lib.Manifest().ModelName == "" {
		return nil
	}
	n, _ := lib.Count(context.Background())
	return &albumModel{current: lib.Manifest().ModelName, photos: n, uses: lib.UsesModel, start: u.switchModel}
}

// switchModel loads the model called name off the UI goroutine and switches the open album to it in the
// background, the scan bar showing its progress, time left and Cancel.
func (u *ui) switchModel(name string) {
	lib := u.session.library()
	if lib == nil {
		return
	}
	if u.scans.running() {
		dialog.ShowInformation("A scan is running", "Switch the model when the scan has finished.", u.win)
		return
	}
	u.status.show("Loading the model " + name + "…")
	go func() {
		m, dir, err := library.OpenModel(u.dataRoot, name)
		fyne.Do(func() {
			switch {
			case err != nil:
				showError(err, u.win)
			case u.session.library() != lib: // another album was opened meanwhile
				m.Close()
			case !u.scans.switchModel(m, dir, func(sum library.Summary, last library.Progress, err error) {
				u.modelSwitched(m, dir, sum, last, err)
			}):
				m.Close()
				dialog.ShowInformation("A scan is running", "Switch the model when the scan has finished.", u.win)
			}
		})
	}()
}

// modelSwitched takes the outcome of a switch to m: on success the window's model is m and the old one is
// closed, otherwise m is, and the album keeps its model. The status line says which.
func (u *ui) modelSwitched(m library.Model, dir string, sum library.Summary, last library.Progress, err error) {
	u.status.setNote(switchSummary(m.Name(), sum, last, err))
	if err == nil {
		old := u.session.model
		u.session.model, u.session.modelDir = m, dir
		if old != nil && old != m {
			old.Close()
		}
	} else {
		m.Close()
		if !errors.Is(err, context.Canceled) {
			showError(fmt.Errorf("The album keeps its model: the switch to %s stopped. %s", m.Name(), sentence(err)), u.win)
		}
	}
	u.search.run()
}

// switchSummary is the status line's note about a model switch that ended; last is its last progress.
func switchSummary(name string, sum library.Summary, last library.Progress, err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Sprintf("the switch to %s stopped after %d of %d photos; the album keeps its model, and switching again goes on from there",
			name, last.Done, last.Total)
	case err != nil:
		return fmt.Sprintf("the switch to %s stopped; the album keeps its model", name)
	}
	text := fmt.Sprintf("switched to %s: embedded %s", name, countOf(sum.Indexed, "photo"))
	if n := len(sum.Skipped); n > 0 {
		text += fmt.Sprintf(", %s not (%s: %s)", countOf(n, "photo"), sum.Skipped[0].Path, sum.Skipped[0].Reason)
	}
	if r := sum.Rederivation(); r != "" {
		text += "; " + r
	}
	return text
}

// switchMessage is what the confirmation says a switch will do.
func switchMessage(a *albumModel, name string) string {
	return fmt.Sprintf("Cairn will embed the album's %s again with %s, in the background, reading each photo "+
		"from the album; the bar above the photos shows how far it is and the time left. Until every photo "+
		"is embedded, searches go on with %s and its vectors. You can cancel at any time: the album then "+
		"keeps %s, and switching again later goes on where it stopped.",
		countOf(a.photos, "photo"), name, a.current, a.current)
}
