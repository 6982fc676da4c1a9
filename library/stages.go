package library

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// A scan takes each photo through named stages, each deriving its output from declared inputs:
//
//	read      the album file: its format (sniffed) and metadata               opens the file
//	decode    the pixels: thumbnail, model input, pixel products (pixels.go)   opens the file
//	place     where it was taken: the file's own position (tracks, sidecars later)
//	embed     the model's vector of decode's model input                       needs decode's pixels
//	identify  the peaks it shows, from the record, vector, pixel products and catalog (identify_stage.go)
//
// The manifest keeps a digest of each stage's inputs, chained through the stages it derives from. A rescan
// compares them with the current ones and runs, per photo, only the stages whose inputs changed: a changed
// catalog re-runs identify on what the stores kept, never opening the album file.
const (
	stageRead     = "read"
	stageDecode   = "decode"
	stagePlace    = "place"
	stageEmbed    = "embed"
	stageIdentify = "identify"
)

// stage is one step of the pipeline as change detection sees it.
type stage struct {
	name string
	// version changes when the stage computes something else from the same inputs, so that every photo
	// goes through it again.
	version int
	// from lists the stages whose output this one derives from: when theirs changes, so does its own.
	from []string
	// needsFile is true for stages that cannot run from what the stores keep: they open the album file
	// (read, decode) or need the decoded pixels, which are not stored (embed).
	needsFile bool
}

// stages is the pipeline in running order.
var stages = []stage{
	// read 2: XMP (embedded and sidecars), capture-time fallbacks, RAW metadata; place 2: GPS tracks;
	// identify 3: the record keeps the hidden peaks too.
	{name: stageRead, version: 2, needsFile: true},
	{name: stageDecode, version: 1, from: []string{stageRead}, needsFile: true},
	{name: stagePlace, version: 2, from: []string{stageRead}},
	{name: stageEmbed, version: 1, from: []string{stageDecode}, needsFile: true},
	{name: stageIdentify, version: 3, from: []string{stageRead, stageDecode, stagePlace, stageEmbed}},
}

// stageVerbs says what running a stage again did, for the scan's summary.
var stageVerbs = map[string]string{
	stageRead: "re-read", stageDecode: "re-decoded", stagePlace: "re-placed", stageEmbed: "re-embedded",
	stageIdentify: "re-identified",
}

// storedStages names the stale stages that run from the stores, in running order.
func storedStages(stale map[string]bool) []string {
	var out []string
	for _, s := range stages {
		if stale[s.name] && !s.needsFile {
			out = append(out, s.name)
		}
	}
	return out
}

// stageInputs lists, per stage, what it derives from besides earlier stages, as "name value" lines. A new
// input (the terrain's coverage, the GPS tracks, the sidecars) is one more line here.
func (l *Library) stageInputs() map[string][]string {
	model := "none"
	if e := l.opt.Embedder; e != nil {
		model = fmt.Sprintf("%s dim=%d preprocessing=%s", e.Name(), e.Dim(), e.Preprocessing())
	}
	return map[string][]string{
		stageDecode:   append([]string{fmt.Sprintf("thumbnail %d", ThumbSize)}, pixelProductInputs()...),
		stagePlace:    l.placeInputs(),
		stageEmbed:    {"model " + model},
		stageIdentify: {"catalog " + l.opt.Catalog.Digest(), "model " + model, "terrain " + l.opt.Terrain.Digest()},
	}
}

// stageDigests is the digest of every stage's inputs as things are now: stage name → digest.
func (l *Library) stageDigests() map[string]string {
	inputs := l.stageInputs()
	out := make(map[string]string, len(stages))
	for _, s := range stages {
		h := sha256.New()
		fmt.Fprintf(h, "%s v%d\n", s.name, s.version)
		lines := append([]string(nil), inputs[s.name]...)
		sort.Strings(lines)
		fmt.Fprintln(h, strings.Join(lines, "\n"))
		for _, from := range s.from {
			fmt.Fprintf(h, "from %s %s\n", from, out[from])
		}
		out[s.name] = hex.EncodeToString(h.Sum(nil)[:8])
	}
	return out
}

// staleStages names the stages whose inputs differ between what the library was derived with (done) and
// now (want).
func staleStages(done, want map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, s := range stages {
		if done[s.name] != want[s.name] {
			out[s.name] = true
		}
	}
	return out
}

// needsFile tells whether any of the stale stages must open the album file.
func needsFile(stale map[string]bool) bool {
	for _, s := range stages {
		if stale[s.name] && s.needsFile {
			return true
		}
	}
	return false
}
