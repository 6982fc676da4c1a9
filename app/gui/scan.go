package gui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/cairn-photos/cairn/library"
)

// gridRefresh is how often the grid shows the photos a running scan has stored so far.
const gridRefresh = 2 * time.Second

// scan runs a scan of the open library in the background, showing its progress; it returns at once.
func (u *ui) scan() {
	lib := u.library()
	if lib == nil || u.scanBar.running() {
		return
	}
	u.cancelScan() // releases the finished scan before it
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	u.mu.Lock()
	u.cancel, u.scanDone = cancel, done
	u.mu.Unlock()
	u.scanBar.begin()
	go func() {
		defer close(done)
		lastRefresh := time.Now()
		sum, err := lib.Scan(ctx, func(p library.Progress) {
			refresh := time.Since(lastRefresh) > gridRefresh
			if refresh {
				lastRefresh = time.Now()
			}
			fyne.Do(func() {
				u.scanBar.show(p)
				if refresh {
					u.refresh()
				}
			})
		})
		fyne.Do(func() { u.scanFinished(sum, err) })
	}()
}

// stopScan asks a running scan to stop and returns at once, so the window never waits on it; the scan
// reports its end through scanFinished.
func (u *ui) stopScan() {
	u.mu.Lock()
	cancel := u.cancel
	u.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// cancelScan stops a running scan and waits until its goroutine has ended, having stored what it read, so
// the library can be closed after it.
func (u *ui) cancelScan() {
	u.mu.Lock()
	cancel, done := u.cancel, u.scanDone
	u.cancel, u.scanDone = nil, nil
	u.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

func (u *ui) scanFinished(sum library.Summary, err error) {
	u.scanBar.end()
	text := fmt.Sprintf("last scan: %d new or changed, %d unchanged, %d removed, %d skipped in %s",
		sum.Indexed, sum.Unchanged, sum.Removed, len(sum.Skipped), sum.Elapsed.Round(time.Second))
	switch {
	case errors.Is(err, context.Canceled):
		text = "scan cancelled — " + text
	case err != nil:
		dialog.ShowError(err, u.win)
	}
	if len(sum.Skipped) > 0 {
		s := sum.Skipped[0]
		text += fmt.Sprintf(" (%s: %s", s.Path, s.Reason)
		if len(sum.Skipped) > 1 {
			text += fmt.Sprintf("; %d more: cairn scan lists them", len(sum.Skipped)-1)
		}
		text += ")"
	}
	u.scanNote = text
	u.refresh()
}
