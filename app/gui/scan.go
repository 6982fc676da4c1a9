package gui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/cairn-photos/cairn/library"
)

// gridRefresh is how often the grid shows the photos a running scan has stored so far; the first ones show
// as soon as they are stored.
const gridRefresh = time.Second

// scanner runs scans of the open library, and model switches, in the background and shows their progress
// in its bar, one at a time.
type scanner struct {
	library func() *library.Library
	bar     *scanBar

	mu     sync.Mutex         // guards cancel and done, which Cancel's button and the window's close read
	cancel context.CancelFunc // of the running scan
	done   chan struct{}      // closed when the running scan's goroutine ends

	again bool // the inputs changed while a scan ran: scan again when it ends (touched on the UI goroutine)

	onStored   func()                                                      // some photos were stored: show them
	onFinished func(sum library.Summary, last library.Progress, err error) // the scan ended, finished or not
}

func newScanner(lib func() *library.Library) *scanner {
	s := &scanner{library: lib}
	s.bar = newScanBar(s.stop)
	return s
}

// start scans the open library in the background, showing its progress; it returns at once, and does
// nothing while a scan or a switch runs.
func (s *scanner) start() {
	s.run("", func(ctx context.Context, lib *library.Library, progress func(library.Progress)) (library.Summary, error) {
		return lib.Scan(ctx, progress)
	}, func(sum library.Summary, last library.Progress, err error) {
		if s.onFinished != nil {
			s.onFinished(sum, last, err)
		}
	})
}

// switchModel makes m, loaded from dir, the open library's model in the background: every photo is
// embedded again while searches go on with the old vectors (library.SwitchModel). The bar shows its
// progress and time left, and its Cancel stops it, the library keeping its model. done is called on the
// UI goroutine when it ends; it reports false, and does nothing, while a scan or a switch runs.
func (s *scanner) switchModel(m library.Model, dir string, done func(sum library.Summary, last library.Progress, err error)) bool {
	return s.run("Embedding with "+m.Name()+": ", func(ctx context.Context, lib *library.Library, progress func(library.Progress)) (library.Summary, error) {
		return lib.SwitchModel(ctx, m, dir, progress)
	}, done)
}

// run runs job on the open library in the background, showing its progress in the bar (each line after
// prefix), and hands its outcome to finished on the UI goroutine. It reports whether it started.
func (s *scanner) run(prefix string, job func(ctx context.Context, lib *library.Library, progress func(library.Progress)) (library.Summary, error),
	finished func(sum library.Summary, last library.Progress, err error)) bool {
	lib := s.library()
	if lib == nil || s.bar.running() {
		return false
	}
	s.cancelAndWait() // releases the finished scan before it
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.mu.Lock()
	s.cancel, s.done = cancel, done
	s.mu.Unlock()
	s.bar.begin(prefix)
	go func() {
		defer close(done)
		var lastRefresh time.Time // zero: the first photos stored show at once
		var last library.Progress
		sum, err := job(ctx, lib, func(p library.Progress) {
			last = p
			refresh := p.Done > 0 && time.Since(lastRefresh) > gridRefresh
			if refresh {
				lastRefresh = time.Now()
			}
			fyne.Do(func() {
				s.bar.show(p)
				if refresh && s.onStored != nil {
					s.onStored()
				}
			})
		})
		fyne.Do(func() {
			s.bar.end()
			finished(sum, last, err)
		})
	}()
	return true
}

// running tells whether a scan runs.
func (s *scanner) running() bool { return s.bar.running() }

// stop asks a running scan to stop and returns at once, so the window never waits on it; the scan reports
// its end through onFinished.
func (s *scanner) stop() {
	s.mu.Lock()
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// cancelAndWait stops a running scan and waits until its goroutine has ended, having stored what it read,
// so the library can be closed after it.
func (s *scanner) cancelAndWait() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel, s.done = nil, nil
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

// scanSummary is the status line's note about a scan that ended; last is the last progress it reported. A
// cancelled scan says how far it got, from that progress.
func scanSummary(sum library.Summary, last library.Progress, err error) string {
	text := fmt.Sprintf("last scan: %d new or changed, %d unchanged, %d removed, %d skipped in %s",
		sum.Indexed, sum.Unchanged, sum.Removed, len(sum.Skipped), sum.Elapsed.Round(time.Second))
	if r := sum.Rederivation(); r != "" {
		text += "; " + r
	}
	if r := sum.TrackPlacement(); r != "" {
		text += "; " + r
	}
	if errors.Is(err, context.Canceled) {
		text = fmt.Sprintf("scan cancelled after %d of %d photos; the next scan goes on from there", last.Done, last.Total)
		if last.Total == 0 {
			text = "scan cancelled while listing the photos"
		}
	}
	if len(sum.Skipped) > 0 {
		s := sum.Skipped[0]
		text += fmt.Sprintf(" (%s: %s", s.Path, s.Reason)
		if len(sum.Skipped) > 1 {
			text += fmt.Sprintf("; %d more: cairn scan lists them", len(sum.Skipped)-1)
		}
		text += ")"
	}
	return text
}
