package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// placeInputs are what the place stage derives from besides the file: the stored tracks, the camera clocks
// the user set and the gap setting. Adding or removing a track changes them, and the next scan places every
// photo again from what the library keeps.
func (l *Library) placeInputs() []string {
	h := sha256.New()
	dir := filepath.Join(l.dir, tracksDir)
	entries, _ := os.ReadDir(dir)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		if data, err := os.ReadFile(filepath.Join(dir, n)); err == nil && (strings.EqualFold(filepath.Ext(n), ".gpx") || n == clocksFile) {
			sum := sha256.Sum256(data)
			fmt.Fprintf(h, "%s %x\n", n, sum[:8])
		}
	}
	return []string{"tracks " + hex.EncodeToString(h.Sum(nil)[:8]), "track max gap " + l.trackMaxGap().String()}
}

func (l *Library) trackMaxGap() time.Duration {
	if l.opt.TrackMaxGap > 0 {
		return l.opt.TrackMaxGap
	}
	return DefaultTrackMaxGap
}

// newScanPlacer prepares the place stage's tracks for a scan: nil when the library has none. Camera clocks
// are estimated from the stored photos.
func (l *Library) newScanPlacer(ctx context.Context) (*trackPlacer, error) {
	stored, err := l.loadTracks()
	if err != nil || len(stored) == 0 {
		return nil, err
	}
	clocks, err := l.cameraClocks()
	if err != nil {
		return nil, err
	}
	var withGPS []Photo // the photos that can tell a camera's clock
	err = l.eachStored(ctx, func(sp storedPhoto) error {
		if sp.GPS != nil && sp.GPSSource != GPSFromTrack && !sp.ShotTime.IsZero() {
			withGPS = append(withGPS, sp.Photo)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read photos for the camera clocks: %w", err)
	}
	return newTrackPlacer(stored, withGPS, clocks, l.trackMaxGap()), nil
}

// replaceOnTracks places again, from the stores, the photos without a position of their own whose place on
// the tracks changed now that the photos just read are known, and identifies them again. It returns how many
// of them had no position before.
func (l *Library) replaceOnTracks(ctx context.Context, progress func(Progress)) (placed int, err error) {
	tp, err := l.newScanPlacer(ctx)
	if err != nil || tp == nil {
		return 0, err
	}
	var ids []string
	err = l.eachStored(ctx, func(sp storedPhoto) error {
		if sp.Derived.File != nil && sp.Derived.File.GPS != nil {
			return nil
		}
		before := sp.GPS
		again := sp
		place(&again, tp)
		if !sameLatLon(before, again.GPS) {
			ids = append(ids, sp.ID)
			if before == nil && again.GPS != nil {
				placed++
			}
		}
		return nil
	})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	_, _, err = l.rederive(ctx, ids, map[string]bool{stagePlace: true, stageIdentify: true}, tp, progress)
	return placed, err
}

func sameLatLon(a, b *LatLon) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}
