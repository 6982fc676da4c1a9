package library

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Progress reports a scan as it goes.
type Progress struct {
	Phase     string // "listing", "reading" or "done"
	Done      int    // photos handled so far (indexed, unchanged or skipped)
	Total     int    // photos to handle; known once listing ends
	Indexed   int
	Unchanged int
	Skipped   int
	Rate      float64       // photos read per second
	ETA       time.Duration // zero when unknown
	Current   string        // album-relative path of the latest photo
}

// Skip is a file the scan could not read, with the reason.
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// For a file whose content could not be read (not a passing failure such as a file that vanished): its
	// size and time, so that the next scan lists it again without reading it while it is unchanged.
	size, modTime int64
	content       bool
}

// Summary is the outcome of a scan.
type Summary struct {
	Indexed   int // photos read from their files, new or changed
	Unchanged int // photos nothing was done with
	Removed   int
	// Rederived counts the unchanged photos that went again through RederivedStages (after the catalog
	// changed, say) from what the stores kept, without reading their files.
	Rederived       int
	RederivedStages []string
	// OnTracks counts the photos the scan placed on the library's GPS tracks, by their time.
	OnTracks int
	Skipped  []Skip
	// Others counts the files of the album that are not photos, by lower-case extension without the dot
	// ("" for none): videos, sidecars, notes.
	Others  map[string]int
	Elapsed time.Duration
}

// OtherFiles says which files of the album are not photos, as "not photos: 12 mp4, 3 xmp, 1 without
// extension"; empty when there are none.
func (s Summary) OtherFiles() string {
	if len(s.Others) == 0 {
		return ""
	}
	exts := make([]string, 0, len(s.Others))
	for ext := range s.Others {
		exts = append(exts, ext)
	}
	sort.Slice(exts, func(i, j int) bool {
		if s.Others[exts[i]] != s.Others[exts[j]] {
			return s.Others[exts[i]] > s.Others[exts[j]]
		}
		return exts[i] < exts[j]
	})
	parts := make([]string, len(exts))
	for i, ext := range exts {
		if ext == "" {
			ext = "without extension"
		}
		parts[i] = fmt.Sprintf("%d %s", s.Others[exts[i]], ext)
	}
	return "not photos: " + strings.Join(parts, ", ")
}

// TrackPlacement says how many photos the scan placed from the GPS tracks, as "placed 12 photos from the
// tracks"; empty when it placed none.
func (s Summary) TrackPlacement() string {
	switch s.OnTracks {
	case 0:
		return ""
	case 1:
		return "placed 1 photo from the tracks"
	}
	return fmt.Sprintf("placed %d photos from the tracks", s.OnTracks)
}

// Rederivation says what ran without reading files, as "re-identified 812 photos without reading them";
// empty when nothing did.
func (s Summary) Rederivation() string {
	if s.Rederived == 0 {
		return ""
	}
	var did []string
	for _, st := range s.RederivedStages {
		did = append(did, stageVerbs[st])
	}
	photos := "photos"
	if s.Rederived == 1 {
		photos = "photo"
	}
	return fmt.Sprintf("%s %d %s without reading them", strings.Join(did, " and "), s.Rederived, photos)
}

// rateMeter turns counts into a rate and an ETA.
type rateMeter struct {
	start time.Time
}

func (m rateMeter) update(p *Progress, read int) {
	elapsed := time.Since(m.start).Seconds()
	if elapsed <= 0 || read == 0 {
		return
	}
	p.Rate = float64(read) / elapsed
	if left := p.Total - p.Done; left > 0 {
		p.ETA = time.Duration(float64(left) / p.Rate * float64(time.Second))
	} else {
		p.ETA = 0
	}
}

// String is the progress in one line: "1234/10000 photos · 41.2/s · ETA 3:35".
func (p Progress) String() string {
	switch p.Phase {
	case "listing":
		return "Listing photos…"
	case "identifying":
		return fmt.Sprintf("Naming peaks again, without reading the photos: %d/%d", p.Done, p.Total)
	}
	text := fmt.Sprintf("%d/%d photos", p.Done, p.Total)
	if p.Rate > 0 {
		text += fmt.Sprintf(" · %.1f/s", p.Rate)
	}
	if p.ETA > 0 {
		text += " · ETA " + FormatDuration(p.ETA)
	}
	return text
}

// FormatDuration writes d as m:ss or h:mm:ss.
func FormatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
