package gui

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// openTestSettings shows the settings form for dataRoot in a test window and counts onChange calls.
func openTestSettings(t *testing.T, dataRoot string) (fyne.App, fyne.Window, *settings, *int) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(800, 900))
	changes := 0
	s := newSettings(w, a.Preferences(), dataRoot, func() { changes++ })
	w.SetContent(s.object())
	return a, w, s, &changes
}

func TestSettingsListsAndChoosesModels(t *testing.T) {
	root := t.TempDir()
	if err := tinymodel.Write(filepath.Join(model.ModelsDir(root), "tiny-color")); err != nil {
		t.Fatal(err)
	}
	a, w, s, changes := openTestSettings(t, root)
	text := labelTexts(s.object())
	for _, want := range []string{"tiny-color", "installed, 0 MB", model.DefaultName, "not installed", root} {
		if !strings.Contains(text, want) {
			t.Errorf("settings do not show %q; they show:\n%s", want, text)
		}
	}
	if !slices.Equal(s.modelChoice.Options, []string{"tiny-color"}) {
		t.Errorf("choice between %v, want only the installed tiny-color", s.modelChoice.Options)
	}
	s.modelChoice.SetSelected("tiny-color")
	if got := a.Preferences().String(prefModel); got != "tiny-color" || *changes != 1 {
		t.Errorf("model preference %q after %d changes, want tiny-color after 1", got, *changes)
	}
	s.workers.SetSelected("1")
	if got := a.Preferences().Int(prefWorkers); got != 1 || *changes != 2 {
		t.Errorf("workers preference %d after %d changes, want 1 after 2", got, *changes)
	}
	s.setDataRoot(" /srv/cairn ")
	if got := a.Preferences().String(prefDataRoot); got != "/srv/cairn" {
		t.Errorf("data root preference %q", got)
	}
	saveScreenshot(t, w, "settings.png")
}

// TestSettingsFetchesModel serves a model the way Hugging Face lays it out and fetches it with the form's
// Fetch button: the progress bar shows and hides again, and the model becomes installed and chosen.
func TestSettingsFetchesModel(t *testing.T) {
	upstream := filepath.Join(t.TempDir(), "upstream")
	if err := tinymodel.Write(upstream); err != nil {
		t.Fatal(err)
	}
	prefix := "/" + model.DefaultName + "/resolve/main/"
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(prefix, http.FileServer(http.Dir(upstream))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	root := t.TempDir()
	_, _, s, changes := openTestSettings(t, root)
	s.baseURL = srv.URL
	wait := waitForFetch(t, s)
	s.fetch(model.DefaultName)
	wait()
	if !strings.HasPrefix(s.fetchStatus.Text, "Fetched") || s.fetchBar.Visible() {
		t.Errorf("after the fetch: status %q, progress bar visible %v", s.fetchStatus.Text, s.fetchBar.Visible())
	}
	if !slices.Equal(s.modelChoice.Options, []string{model.DefaultName}) || s.modelChoice.Selected != model.DefaultName {
		t.Errorf("choice %v selected %q, want the fetched model", s.modelChoice.Options, s.modelChoice.Selected)
	}
	if *changes != 1 {
		t.Errorf("%d changes reported, want 1 for the first model installed", *changes)
	}
}

// TestSettingsCancelsFetch: a download from a server that never answers stops at Cancel and says so.
func TestSettingsCancelsFetch(t *testing.T) {
	stall := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stall:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(stall)

	_, _, s, _ := openTestSettings(t, t.TempDir())
	s.baseURL = srv.URL
	wait := waitForFetch(t, s)
	s.fetch(model.DefaultName)
	if !s.fetchBar.Visible() || !s.fetchCancel.Visible() {
		t.Error("no progress bar and Cancel while fetching")
	}
	test.Tap(s.fetchCancel)
	wait()
	if !strings.HasPrefix(s.fetchStatus.Text, "Stopped fetching") {
		t.Errorf("after Cancel the status says %q", s.fetchStatus.Text)
	}
	if _, err := os.Stat(filepath.Join(model.ModelsDir(s.dataRoot), model.DefaultName, "config.json")); err == nil {
		t.Error("a cancelled fetch left a model file")
	}
}

// waitForFetch returns a function that waits until s's download has ended, without touching the widgets while
// it runs (the test driver runs fyne.Do on the calling goroutine).
func waitForFetch(t *testing.T, s *settings) func() {
	ended := make(chan struct{}, 1)
	s.fetchEnded = func() { ended <- struct{}{} }
	return func() {
		t.Helper()
		select {
		case <-ended:
		case <-time.After(testWait):
			t.Fatal("timed out waiting for the model download to end")
		}
	}
}

const goodCatalog = `region: {name: Mont Blanc massif, south: 45.7, west: 6.7, north: 46.0, east: 7.1}
peaks:
  - {id: mont_blanc, name: Mont Blanc, lat: 45.8326, lon: 6.8652, elevation_m: 4806}
  - {id: grandes_jorasses, name: Grandes Jorasses, lat: 45.8689, lon: 6.9873, elevation_m: 4208}
`

// badCatalog misses an elevation on line 4.
const badCatalog = `region: {name: Mont Blanc massif, south: 45.7, west: 6.7, north: 46.0, east: 7.1}
peaks:
  - {id: mont_blanc, name: Mont Blanc, lat: 45.8326, lon: 6.8652, elevation_m: 4806}
  - {id: grandes_jorasses, name: Grandes Jorasses, lat: 45.8689, lon: 6.9873}
`

func TestSettingsAddsCatalog(t *testing.T) {
	src := t.TempDir()
	bad, good := filepath.Join(src, "alps-bad.yaml"), filepath.Join(src, "alps.yml")
	for path, text := range map[string]string{bad: badCatalog, good: goodCatalog} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := t.TempDir()
	_, w, s, changes := openTestSettings(t, root)
	if text := labelTexts(s.object()); !strings.Contains(text, "Khumbu (bundled)") {
		t.Errorf("the bundled catalog is not listed:\n%s", text)
	}

	s.addCatalog(bad)
	overlay := w.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no error shown for a bad catalog")
	}
	if text := labelTexts(overlay); !strings.Contains(text, bad+":4") || !strings.Contains(text, "elevation_m: missing") {
		t.Errorf("error dialog does not name %s:4 and the field:\n%s", bad, text)
	}
	if files, _ := filepath.Glob(filepath.Join(root, library.CatalogsDir, "*")); len(files) != 0 || *changes != 0 {
		t.Errorf("a bad catalog was installed: %v, %d changes", files, *changes)
	}
	w.Canvas().Overlays().Remove(overlay)

	s.addCatalog(good)
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("error adding a good catalog:\n%s", labelTexts(top))
	}
	installed := filepath.Join(root, library.CatalogsDir, "alps.yaml")
	if data, err := os.ReadFile(installed); err != nil || string(data) != goodCatalog {
		t.Fatalf("catalog not copied to %s: %v", installed, err)
	}
	if text := labelTexts(s.object()); !strings.Contains(text, "Mont Blanc massif (alps.yaml)") || !strings.Contains(text, "2 peaks") {
		t.Errorf("the new catalog is not listed with its peaks:\n%s", text)
	}
	cat, err := library.LoadCatalog(root)
	if err != nil {
		t.Fatalf("the library does not load the new catalog: %v", err)
	}
	if _, ok := cat.ByID("mont_blanc"); !ok {
		t.Error("the library's catalog has no Mont Blanc")
	}
	if *changes != 1 {
		t.Errorf("%d changes reported, want 1", *changes)
	}

	// The same name again is refused rather than replacing the installed catalog.
	s.addCatalog(good)
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "already installed") {
		t.Error("adding the same catalog twice was not refused")
	}
}

func TestShowSettingsOpensDialog(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1000, 760))
	w.SetContent(widget.NewLabel("the grid"))
	showSettings(w, a, t.TempDir(), nil)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no settings dialog")
	}
	text := labelTexts(top)
	for _, want := range []string{"Settings", "Data folder", "Image–text model", "Peak catalogs", "Workers", "follows the system"} {
		if !strings.Contains(text, want) {
			t.Errorf("settings dialog does not show %q:\n%s", want, text)
		}
	}
	saveScreenshot(t, w, "settings-dialog.png")
}
