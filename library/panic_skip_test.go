package library

import (
	"image/color"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestReaderPanicIsASkipReason: a reader that panics on one file (as a third-party parser may) makes that
// file a skip with a sentence for a reason, no stack trace; the scan goes on, and the file, unchanged, is
// listed on the next scan without being read again.
func TestReaderPanicIsASkipReason(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	writeJPEG(t, album, "good.jpg", color.White, 64, 48)
	writeJPEG(t, album, "evil.jpg", color.Black, 64, 48)
	lib, err := Open(album, true, Options{DataRoot: root, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var mu sync.Mutex // the scan's workers read at once
	opened := map[string]int{}
	read := lib.readFile
	lib.readFile = func(path string) ([]byte, error) {
		mu.Lock()
		opened[filepath.Base(path)]++
		mu.Unlock()
		if filepath.Base(path) == "evil.jpg" {
			var m map[string]int
			m["boom"]++ // a nil map write: a runtime panic, as a parser bug would raise
		}
		return read(path)
	}
	for i := 0; i < 2; i++ {
		sum := scan(t, lib)
		if len(sum.Skipped) != 1 || sum.Skipped[0].Path != "evil.jpg" {
			t.Fatalf("scan %d: %+v", i, sum)
		}
		reason := sum.Skipped[0].Reason
		if !strings.Contains(reason, "reader crashed") || strings.Contains(reason, "goroutine") || strings.Contains(reason, ".go:") {
			t.Errorf("scan %d: reason %q, want a sentence saying the reader crashed", i, reason)
		}
	}
	if opened["evil.jpg"] != 1 || opened["good.jpg"] != 1 {
		t.Errorf("files opened %v, want each once", opened)
	}
	if len(photosByRel(t, lib)) != 1 {
		t.Error("the good photo was not indexed")
	}
}
