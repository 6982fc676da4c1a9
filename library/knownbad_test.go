package library

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestKnownBadTriedAgainByNewReader: a PEF whose preview lies in its maker note, remembered as unreadable
// by a scan whose reader did not look there, is listed without being read while the reader is the same, and
// read and indexed once media.ReaderVersion says the reader changed.
func TestKnownBadTriedAgainByNewReader(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	e := mediatest.EXIF{Make: "PENTAX", Model: "PENTAX K-3 II", ShotTime: "2023:10:30 08:00:00"}
	writeFile(t, album, "IMGP0001.PEF", e.RAW(mediatest.RawPEF, mediatest.JPEG(t, mediatest.MarkerImage(640, 480), nil)))
	st, err := os.Stat(filepath.Join(album, "IMGP0001.PEF"))
	if err != nil {
		t.Fatal(err)
	}
	lib, err := Open(album, true, Options{DataRoot: root, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	opened := 0
	read := lib.readFile
	lib.readFile = func(path string) ([]byte, error) {
		opened++
		return read(path)
	}
	remember := func(stages string) {
		set := knownBadSet{Stages: stages, Files: map[string]knownBad{"IMGP0001.PEF": {Size: st.Size(),
			ModTime: st.ModTime().UnixNano(), Reason: "unsupported: RAW file without a usable embedded preview"}}}
		data, err := json.Marshal(set)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(lib.dir, knownBadFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	digests := lib.stageDigests()
	remember(readingStages(digests))
	if sum := scan(t, lib); sum.Indexed != 0 || len(sum.Skipped) != 1 || opened != 0 {
		t.Fatalf("same reader: %+v, %d files opened; want the file listed, not read", sum, opened)
	}
	remember(digests[stageRead] + " " + digests[stageDecode]) // as a reader before ReaderVersion wrote it
	if sum := scan(t, lib); sum.Indexed != 1 || len(sum.Skipped) != 0 || opened != 1 {
		t.Fatalf("new reader: %+v, %d files opened; want the PEF read and indexed", sum, opened)
	}
}
