package library_test

import (
	"fmt"
	"image/color"
	"os"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestOneWriterAtATime: while one process has a library open, a second `cairn scan` of the same album is
// refused with the holder's pid, and so are the readers: Bleve's store and the vector file cannot be shared
// between processes (the Bleve root is locked by its writer, and a reader would not see the writer's
// batches anyway), so `photos` and `search` say the same clear thing instead of waiting or reading stale data.
func TestOneWriterAtATime(t *testing.T) {
	album, data := t.TempDir(), t.TempDir()
	writeAlbumFile(t, album, "a.jpg", mediatest.SolidJPEG(t, color.Gray{90}, 64, 48, nil))
	if res := runCairn(t, data, "scan", album); res.code != 0 {
		t.Fatalf("first scan: exit %d: %s", res.code, res.stderr)
	}
	lib, err := library.Open(album, false, library.Options{DataRoot: data})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("library in use by pid %d", os.Getpid())
	for _, args := range [][]string{{"scan", album}, {"photos"}, {"search", "a"}} {
		res := runCairn(t, data, args...)
		if res.code == 0 || !strings.Contains(res.stderr, want) {
			t.Errorf("cairn %v while the library is open elsewhere: exit %d, stderr %q; want an error saying %q",
				args, res.code, res.stderr, want)
		}
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	if res := runCairn(t, data, "photos"); res.code != 0 || !strings.Contains(res.stdout, "a.jpg") {
		t.Errorf("photos after the other process closed: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
}
