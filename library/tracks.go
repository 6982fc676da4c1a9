package library

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cairn-photos/cairn/internal/atomicfile"
	"github.com/cairn-photos/cairn/library/track"
)

// GPS tracks a user adds are copied into the library folder (tracksDir), never into the album, and placed
// photos by time in the place stage. The files are kept as they came, so what was added can be looked at.
const tracksDir = "tracks"

// TrackInfo describes a stored track.
type TrackInfo struct {
	Name     string    `json:"name"` // the file name in the library's tracks folder, without .gpx
	Title    string    `json:"title,omitempty"`
	Points   int       `json:"points"`
	Segments int       `json:"segments"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
}

func trackInfo(name string, t track.Track) TrackInfo {
	return TrackInfo{Name: name, Title: t.Name, Points: t.Points(), Segments: len(t.Segments), Start: t.Start(), End: t.End()}
}

// ErrNoTrack: no stored track has that name.
var ErrNoTrack = errors.New("no such track")

// AddTracks checks each GPX file and copies it into the library; a file already there (same bytes) is not
// added twice, and a name in use by another track gets a numbered one. Photos are placed on the new tracks by
// the next scan, from what the library keeps: no photo is read again. A file that is not a usable track is
// an error naming it, and nothing from the call is kept.
func (l *Library) AddTracks(paths []string) ([]TrackInfo, error) {
	if l.opt.ReadOnly {
		return nil, ErrReadOnly
	}
	type parsed struct {
		name string
		data []byte
		t    track.Track
	}
	var todo []parsed
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("add track %s: %w", p, err)
		}
		t, err := track.ParseGPX(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("add track %s: %w", p, err)
		}
		todo = append(todo, parsed{trackName(p), data, t})
	}
	dir := filepath.Join(l.dir, tracksDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("add tracks: %w", err)
	}
	var added []TrackInfo
	for _, p := range todo {
		name, exists, err := freeTrackName(dir, p.name, p.data)
		if err != nil {
			return added, err
		}
		if !exists {
			if err := atomicfile.Write(filepath.Join(dir, name+".gpx"), p.data, 0o644); err != nil {
				return added, fmt.Errorf("add track %s: %w", name, err)
			}
		}
		added = append(added, trackInfo(name, p.t))
	}
	return added, nil
}

// trackName is a file's name without folder and .gpx, kept to characters every file system accepts.
func trackName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	name := strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, base)
	if name == "" || name == "." || name == ".." {
		name = "track"
	}
	return name
}

// freeTrackName returns name, or name-2, name-3, … when another track holds it; exists is true when a track
// with these very bytes is stored under the returned name.
func freeTrackName(dir, name string, data []byte) (string, bool, error) {
	for i := 1; ; i++ {
		cand := name
		if i > 1 {
			cand = fmt.Sprintf("%s-%d", name, i)
		}
		have, err := os.ReadFile(filepath.Join(dir, cand+".gpx"))
		switch {
		case errors.Is(err, os.ErrNotExist):
			return cand, false, nil
		case err != nil:
			return "", false, fmt.Errorf("add track %s: %w", cand, err)
		case bytes.Equal(have, data):
			return cand, true, nil
		}
	}
}

// Tracks lists the stored tracks by name. A stored file that no longer parses is listed with no points.
func (l *Library) Tracks() ([]TrackInfo, error) {
	stored, err := l.loadTracks()
	if err != nil {
		return nil, err
	}
	out := make([]TrackInfo, len(stored))
	for i, s := range stored {
		out[i] = trackInfo(s.name, s.track)
	}
	return out, nil
}

// RemoveTrack deletes a stored track; the next scan places the photos again without it.
func (l *Library) RemoveTrack(name string) error {
	if l.opt.ReadOnly {
		return ErrReadOnly
	}
	path := filepath.Join(l.dir, tracksDir, trackName(name)+".gpx")
	if err := os.Remove(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove track %q: %w", name, ErrNoTrack)
		}
		return fmt.Errorf("remove track %q: %w", name, err)
	}
	return nil
}

// storedTrack is a track file of the library, parsed.
type storedTrack struct {
	name   string
	digest string // of the file's bytes
	track  track.Track
}

// loadTracks reads every stored track, in name order.
func (l *Library) loadTracks() ([]storedTrack, error) {
	dir := filepath.Join(l.dir, tracksDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read tracks: %w", err)
	}
	var out []storedTrack
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".gpx") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read track %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(data)
		t, _ := track.ParseGPX(bytes.NewReader(data)) // checked when added; a damaged one places nothing
		out = append(out, storedTrack{name: strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())), digest: hex.EncodeToString(sum[:8]), track: t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// tracksDigest names the set of stored tracks, for the place stage's inputs: adding or removing one changes it.
func tracksDigest(stored []storedTrack) string {
	h := sha256.New()
	for _, s := range stored {
		fmt.Fprintf(h, "%s %s\n", s.name, s.digest)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// TrackPath is one segment of a stored track as a line to draw on a map.
type TrackPath struct {
	Track  string   // the track's name
	Points []LatLon // in time order
	// Times are the points' times on the clock of Place.Time, the photos' own wall clock as if it were UTC,
	// so a map can colour both by date on one scale. A track records UTC only, so its wall clock is taken
	// as the mean solar time at its first point (a quarter hour per 3.75° of longitude): the zone's time
	// to within an hour in most of the world, and Nepal's +05:45 at the Khumbu.
	Times []time.Time
}

// solarOffset is the mean solar time's offset from UTC at longitude lon, to the quarter hour.
func solarOffset(lon float64) time.Duration {
	return time.Duration(math.Round(lon/3.75)) * 15 * time.Minute
}

// TrackPaths returns every segment of the stored tracks, for the map.
func (l *Library) TrackPaths() ([]TrackPath, error) {
	stored, err := l.loadTracks()
	if err != nil {
		return nil, err
	}
	var out []TrackPath
	for _, s := range stored {
		for _, seg := range s.track.Segments {
			if len(seg) == 0 {
				continue
			}
			off := solarOffset(seg[0].Lon)
			p := TrackPath{Track: s.name, Points: make([]LatLon, len(seg)), Times: make([]time.Time, len(seg))}
			for i, pt := range seg {
				p.Points[i] = LatLon{Lat: pt.Lat, Lon: pt.Lon}
				p.Times[i] = pt.Time.Add(off).UTC()
			}
			out = append(out, p)
		}
	}
	return out, nil
}
