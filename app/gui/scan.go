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

// scanner runs scans of the open library in the background and shows their progress in its bar.
type scanner struct {
	library func() *library.Library
	bar     *scanBar

	mu     sync.Mutex         // guards cancel and done, which Cancel's button and the window's close read
	cancel context.CancelFunc // of the running scan
	done   chan struct{}      // closed when the running scan's goroutine ends

	onStored   func()                                                      // some photos were stored: show them
	onFinished func(sum library.Summary, last library.Progress, err error) // the scan ended, finished or not
}

func newScanner(lib func() *library.Library) *scanner {
	s := &scanner{library: lib}
	s.bar = newScanBar(s.stop)
	return s
}

// start scans the open library in the background, showing its progress; it returns at once, and does
// nothing while a scan runs.
func (s *scanner) start() {
	lib := s.library()
	if lib == nil || s.bar.running() {
		return
	}
	s.cancelAndWait() // releases the finished scan before it
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.mu.Lock()
	s.cancel, s.done = cancel, done
	s.mu.Unlock()
	s.bar.begin()
	go func() {
		defer close(done)
		var lastRefresh time.Time // zero: the first photos stored show at once
		var last library.Progress
		sum, err := lib.Scan(ctx, func(p library.Progress) {
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
			if s.onFinished != nil {
				s.onFinished(sum, last, err)
			}
		})
	}()
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
