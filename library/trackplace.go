package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cairn-photos/cairn/internal/atomicfile"
	"github.com/cairn-photos/cairn/library/track"
)

// Where a photo's position came from (Photo.GPSSource).
const (
	GPSFromEXIF  = "exif"
	GPSFromXMP   = "xmp"
	GPSFromTrack = "track"
)

// DefaultTrackMaxGap is the longest interval between two track points across which a photo is placed.
const DefaultTrackMaxGap = 5 * time.Minute

// trackPlacer places photos that record no position on the library's tracks, by time.
type trackPlacer struct {
	placer *track.Placer
	// clocks is each camera's clock offset (wall clock minus UTC), set by the user or estimated from the
	// camera's photos that have both a position and a time.
	clocks map[string]time.Duration
}

// cameraKey names a camera for its clock offset.
func cameraKey(make, model string) string {
	return strings.TrimSpace(strings.TrimSpace(make) + " " + strings.TrimSpace(model))
}

// newTrackPlacer indexes the tracks and works out the clock offsets of the cameras of photos: the user's
// setting when there is one, else an estimate from the camera's photos with a position of their own and a
// wall-clock time (photos that record their UTC offset need none).
func newTrackPlacer(stored []storedTrack, photos []Photo, userClocks map[string]time.Duration, maxGap time.Duration) *trackPlacer {
	var tracks []track.Track
	for _, s := range stored {
		tracks = append(tracks, s.track)
	}
	tp := &trackPlacer{placer: track.NewPlacer(tracks, track.Options{MaxGap: maxGap, EdgeSlack: time.Minute}), clocks: map[string]time.Duration{}}
	if tp.placer.Empty() {
		return tp
	}
	samples := map[string][]track.Sample{}
	for _, p := range photos {
		if p.GPS == nil || p.GPSSource == GPSFromTrack || p.ShotTime.IsZero() || p.ShotTime.HasOffset() {
			continue
		}
		wall := p.ShotTime.Local()
		key := cameraKey(p.Make, p.Model)
		samples[key] = append(samples[key], track.Sample{Wall: wall, Lat: p.GPS.Lat, Lon: p.GPS.Lon})
	}
	for cam, s := range samples {
		if est, ok := tp.placer.EstimateClockOffset(s); ok {
			tp.clocks[cam] = est.Offset
		}
	}
	for cam, off := range userClocks {
		tp.clocks[cam] = off
	}
	return tp
}

// place sets p's position from the tracks when p has none of its own and its time can be read as an
// instant; it reports whether it did.
func (tp *trackPlacer) place(p *Photo) bool {
	if tp == nil || tp.placer.Empty() || p.GPS != nil || p.ShotTime.IsZero() {
		return false
	}
	at, ok := tp.instant(p)
	if !ok {
		return false
	}
	f, ok := tp.placer.Place(at)
	if !ok {
		return false
	}
	p.GPS, p.GPSSource = &LatLon{Lat: f.Lat, Lon: f.Lon}, GPSFromTrack
	if f.HasEle && p.Altitude == nil {
		ele := f.Ele
		p.Altitude = &ele
	}
	return true
}

// instant is the UTC instant p was taken: its own offset, else its camera's clock offset.
func (tp *trackPlacer) instant(p *Photo) (time.Time, bool) {
	if t, ok := p.ShotTime.Instant(); ok {
		return t.UTC(), true
	}
	wall := p.ShotTime.Local()
	off, ok := tp.clocks[cameraKey(p.Make, p.Model)]
	if !ok {
		return time.Time{}, false
	}
	return track.Instant(wall, false, off), true
}

// clocksFile keeps the clock offsets the user set, by camera, beside the tracks.
const clocksFile = "clocks.json"

// SetCameraClock records that camera's clock (make and model, as `photos` shows them) was offset from UTC by
// off (wall clock minus UTC: +05:45 for Nepal time, plus the camera's drift), for placing its photos on
// tracks. It replaces any estimate; the next scan places the camera's photos again.
func (l *Library) SetCameraClock(camera string, off time.Duration) error {
	if l.opt.ReadOnly {
		return ErrReadOnly
	}
	clocks, err := l.cameraClocks()
	if err != nil {
		return err
	}
	clocks[strings.TrimSpace(camera)] = off
	out := map[string]string{}
	for cam, d := range clocks {
		out[cam] = d.String()
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Join(l.dir, tracksDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("set camera clock: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, clocksFile), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("set camera clock: %w", err)
	}
	return nil
}

// cameraClocks reads the clock offsets the user set.
func (l *Library) cameraClocks() (map[string]time.Duration, error) {
	out := map[string]time.Duration{}
	data, err := os.ReadFile(filepath.Join(l.dir, tracksDir, clocksFile))
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read camera clocks: %w", err)
	}
	var raw map[string]string
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("read camera clocks %s: %w", filepath.Join(l.dir, tracksDir, clocksFile), err)
	}
	for cam, s := range raw {
		if d, err := time.ParseDuration(s); err == nil {
			out[cam] = d
		}
	}
	return out, nil
}
