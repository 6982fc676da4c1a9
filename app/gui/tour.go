package gui

import (
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// tour drives the real window through its main views and saves what it shows into dir as PNGs: the grid, a
// search, the viewer, an identification of the photo file drop, the map, the shaded relief at trek scale and
// the viewer with peak labels and the rendered horizon. `make screenshots` runs it
// under Xvfb for the README; it also shows at a glance that every view still works.
func (u *ui) tour(dir, drop string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	settle := func(d time.Duration) { time.Sleep(d) }
	wait := func(what string, cond func() bool) error {
		for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); settle(200 * time.Millisecond) {
			ok := false
			fyne.DoAndWait(func() { ok = cond() })
			if ok {
				return nil
			}
		}
		return fmt.Errorf("tour: timed out waiting for %s", what)
	}
	shot := func(name string) error {
		settle(1500 * time.Millisecond) // thumbnails load and the canvas repaints
		return screenshot(u.win, filepath.Join(dir, name))
	}
	idle := func() bool { return !u.scans.running() && len(u.grid.matches) > 0 }
	steps := []func() error{
		func() error { return wait("the photos", idle) },
		func() error { return shot("grid.png") },
		func() error {
			fyne.DoAndWait(func() { u.bar.entry.SetText("ama dabl") })
			settle(100 * time.Millisecond)
			fyne.DoAndWait(func() { u.bar.take("Ama Dablam") })
			return wait("the search", func() bool { return u.search.query.Text == "Ama Dablam" && len(u.search.results.Hits) > 0 })
		},
		func() error { return shot("search.png") },
		func() error {
			fyne.DoAndWait(func() { u.grid.grid.Select(0); u.openViewer(0) })
			settle(3 * time.Second) // the full-size image decodes
			return shot("viewer.png")
		},
		func() error {
			fyne.DoAndWait(func() { u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
			if drop == "" {
				return nil
			}
			fyne.DoAndWait(func() { u.banner.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(drop)}) })
			return wait("the identification", func() bool { return u.search.results.Photo != nil })
		},
		func() error { return shot("identify.png") },
		func() error {
			fyne.DoAndWait(func() {
				u.banner.clear()
				u.bar.entry.SetText("")
				u.search.setText("")
			})
			if err := wait("all photos", func() bool {
				return u.search.query.Text == "" && len(u.search.results.All) > 1 && u.search.results.Photo == nil
			}); err != nil {
				return err
			}
			fyne.DoAndWait(func() {
				u.tabs.SelectIndex(1)
				u.grid.grid.Select(0)
			})
			settle(3 * time.Second) // the first map frame is drawn on the UI thread: slow on a loaded machine
			return shot("map.png")
		},
		func() error {
			i := u.labelledMatch()
			if i < 0 {
				return nil // no photo with a corrected view: nothing to show labels on
			}
			fyne.DoAndWait(func() {
				u.maps.view.ShowPhoto(u.grid.matches[i].Key())
				u.maps.view.ZoomOut() // the valley and the peaks around it
			})
			settle(6 * time.Second) // the relief's tiles are shaded in the background
			if err := shot("hillshade.png"); err != nil {
				return err
			}
			fyne.DoAndWait(func() {
				u.tabs.SelectIndex(0)
				u.grid.grid.Select(i)
				u.openViewer(i)
				u.viewer.skyline.SetChecked(true)
			})
			if err := wait("the full-size photo", func() bool {
				return u.viewer != nil && u.viewer.status.Text == "" && u.viewer.img.Image != nil
			}); err != nil {
				return err
			}
			return shot("labels.png")
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// labelledMatch is the grid's photo whose view the skyline corrected with the most peaks placed in its frame,
// -1 for none: the photo that shows labels and horizon best.
func (u *ui) labelledMatch() int {
	ids := u.grid.ids()
	recs := u.session.photosByID(ids)
	best, most := -1, 1
	for i, id := range ids {
		p, ok := recs[id]
		if !ok || p.View == nil || p.View.Source != "skyline" {
			continue
		}
		if n := len(peakLabels(p)); n > most {
			best, most = i, n
		}
	}
	return best
}

// screenshot saves what the screen shows with ImageMagick's import, which reads the X server's framebuffer:
// under Xvfb the GL canvas's own Capture reads an undefined back buffer. Without import it falls back to it.
func screenshot(w fyne.Window, path string) error {
	if _, err := exec.LookPath("import"); err == nil {
		if out, err := exec.Command("import", "-window", "root", path).CombinedOutput(); err != nil {
			return fmt.Errorf("screenshot %s: %v: %s", path, err, out)
		}
		return nil
	}
	var err error
	fyne.DoAndWait(func() {
		var f *os.File
		if f, err = os.Create(path); err != nil {
			return
		}
		defer f.Close()
		err = png.Encode(f, w.Canvas().Capture())
	})
	return err
}
