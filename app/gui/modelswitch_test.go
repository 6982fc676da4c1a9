package gui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// TestSettingsSwitchModel: with an album embedded by one model, choosing another in the settings switches
// nothing until a confirmation that says what will happen; "Keep" leaves everything as it was, "Switch"
// embeds every photo again in the background with the scan bar's progress and Cancel, after which the album
// uses the new model and the status line says so.
func TestSettingsSwitchModel(t *testing.T) {
	win := openWindowWith(t, func(root string, prefs fyne.Preferences) {
		for _, name := range []string{"tiny-a", "tiny-b"} {
			if err := tinymodel.Write(filepath.Join(model.ModelsDir(root), name)); err != nil {
				t.Fatal(err)
			}
		}
		prefs.SetString(prefModel, "tiny-a")
	})
	u := win.u
	lib := u.session.library()
	if m := lib.Manifest(); m.ModelName != "tiny-a" {
		t.Fatalf("the album is embedded with %q, want tiny-a", m.ModelName)
	}
	s := u.showSettings()
	if s.modelChoice.Selected != "tiny-a" {
		t.Errorf("the settings show %q chosen, want the album's tiny-a", s.modelChoice.Selected)
	}

	// Choosing tiny-b asks first, and says what a switch does.
	s.modelChoice.SetSelected("tiny-b")
	confirm := win.w.Canvas().Overlays().Top()
	text := labelTexts(confirm)
	for _, want := range []string{"Switch the album to tiny-b?", "4 photos again with tiny-b", "in the background",
		"searches go on with tiny-a", "cancel at any time", "keeps tiny-a"} {
		if !strings.Contains(text, want) {
			t.Errorf("the confirmation does not say %q:\n%s", want, text)
		}
	}
	test.Tap(button(t, confirm, "Keep tiny-a"))
	win.settle("the confirmation to close")
	if u.scans.running() || lib.Manifest().ModelName != "tiny-a" || s.modelChoice.Selected != "tiny-a" {
		t.Fatalf("after Keep: running %v, model %s, chosen %q", u.scans.running(), lib.Manifest().ModelName, s.modelChoice.Selected)
	}

	// Switch: the bar shows the switch with its Cancel, searches go on, and then the album uses tiny-b.
	s.modelChoice.SetSelected("tiny-b")
	test.Tap(button(t, win.w.Canvas().Overlays().Top(), "Switch to tiny-b"))
	sawBar := false
	win.waitFor("the switch to end", func() bool {
		if u.scans.running() {
			sawBar = sawBar || strings.HasPrefix(u.scans.bar.label.Text, "Embedding with tiny-b: ") && u.scans.bar.cancel.Visible()
			return false
		}
		return strings.HasPrefix(u.status.note, "switched") || strings.HasPrefix(u.status.note, "the switch")
	})
	if !sawBar {
		t.Error("the scan bar never showed the switch")
	}
	if m := lib.Manifest(); m.ModelName != "tiny-b" {
		t.Errorf("after the switch the album uses %s", m.ModelName)
	}
	if want := "switched to tiny-b: embedded 4 photos"; !strings.HasPrefix(u.status.note, want) {
		t.Errorf("status note %q, want it to begin %q", u.status.note, want)
	}
	if u.session.model == nil || u.session.model.Name() != "tiny-b" {
		t.Errorf("the window's model is %v after the switch", u.session.model)
	}
	if got := u.showSettings().modelChoice.Selected; got != "tiny-b" {
		t.Errorf("the settings show %q chosen after the switch", got)
	}
	if _, err := lib.Search(context.Background(), library.Query{Text: "red", K: 1}); err != nil {
		t.Errorf("a concept search after the switch: %v", err)
	}
}

// A switch cancelled from the bar says how far it got and that the album keeps its model.
func TestSwitchSummary(t *testing.T) {
	last := library.Progress{Phase: "embedding", Done: 120, Total: 400}
	if got := switchSummary("tiny-b", library.Summary{}, last, context.Canceled); got !=
		"the switch to tiny-b stopped after 120 of 400 photos; the album keeps its model, and switching again goes on from there" {
		t.Errorf("cancelled: %q", got)
	}
	if got := switchSummary("tiny-b", library.Summary{}, last, errors.New("disk full")); !strings.Contains(got, "keeps its model") {
		t.Errorf("failed: %q", got)
	}
	sum := library.Summary{Indexed: 398, Skipped: []library.Skip{{Path: "a.jpg", Reason: "gone"}, {Path: "b.jpg", Reason: "gone"}}}
	if got := switchSummary("tiny-b", sum, last, nil); got != "switched to tiny-b: embedded 398 photos, 2 photos not (a.jpg: gone)" {
		t.Errorf("done: %q", got)
	}
}
