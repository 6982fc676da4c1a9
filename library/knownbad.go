package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cairn-photos/cairn/internal/atomicfile"
	"github.com/cairn-photos/cairn/library/media"
)

// Files a scan could not read for what they hold (an unsupported format, damage, a parser that crashed) are
// remembered with their size and time, and with the digests of the stages that read them: while all of
// those stay the same, the next scan lists them again with the same reason without reading them. A new
// version of the reader (a stage's, or media.ReaderVersion), or a changed file, reads them again.
const knownBadFile = "unreadable.json"

// errReaderCrashed: a decoder or parser panicked on the file; the panic was contained.
var errReaderCrashed = errors.New("reader crashed")

// knownBad is one remembered file.
type knownBad struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime_ns"`
	Reason  string `json:"reason"`
}

// knownBadSet is the file's content: the reading stages' digests and the files by album-relative name.
type knownBadSet struct {
	Stages string              `json:"stages"`
	Files  map[string]knownBad `json:"files"`
}

// isContentError tells a failure that reading the same bytes again would repeat from a passing one.
func isContentError(err error) bool {
	return errors.Is(err, media.ErrUnsupported) || errors.Is(err, media.ErrCorrupt) ||
		errors.Is(err, media.ErrTooLarge) || errors.Is(err, errReaderCrashed)
}

// readingStages is the digest of the stages that read a file, from a set of stage digests, and of the
// version of the reader's refusals.
func readingStages(digests map[string]string) string {
	return fmt.Sprintf("%s %s media %d", digests[stageRead], digests[stageDecode], media.ReaderVersion)
}

// loadKnownBad returns the remembered files, empty when they were read by other stages than now.
func (l *Library) loadKnownBad(digests map[string]string) map[string]knownBad {
	data, err := os.ReadFile(filepath.Join(l.dir, knownBadFile))
	if err != nil {
		return nil
	}
	var set knownBadSet
	if json.Unmarshal(data, &set) != nil || set.Stages != readingStages(digests) {
		return nil
	}
	return set.Files
}

// saveKnownBad remembers the files of skipped that failed for their content.
func (l *Library) saveKnownBad(skipped []Skip, digests map[string]string) error {
	set := knownBadSet{Stages: readingStages(digests), Files: map[string]knownBad{}}
	for _, s := range skipped {
		if s.content {
			set.Files[s.Path] = knownBad{Size: s.size, ModTime: s.modTime, Reason: s.Reason}
		}
	}
	path := filepath.Join(l.dir, knownBadFile)
	if len(set.Files) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("forget unreadable files: %w", err)
		}
		return nil
	}
	data, err := json.Marshal(set)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return fmt.Errorf("remember unreadable files: %w", err)
	}
	return nil
}
