package library

import (
	"context"
	"fmt"
)

// rederive runs the stale stages that need no file (place, identify) again on the stored photos ids, from
// their records, derived facts and vectors, and stores them; it returns how many it did, and how many of them
// have their position from the tracks. No album file is opened.
func (l *Library) rederive(ctx context.Context, ids []string, stale map[string]bool, tp *trackPlacer, progress func(Progress)) (n, onTracks int, err error) {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	p := Progress{Phase: "identifying", Total: len(ids)}
	progress(p)
	var batch []storedPhoto
	flush := func() error {
		err := l.writePhotos(batch, nil)
		p.Done += len(batch)
		progress(p)
		batch = batch[:0]
		return err
	}
	err = l.eachStored(ctx, func(sp storedPhoto) error {
		if !want[sp.ID] {
			return nil
		}
		if stale[stagePlace] {
			place(&sp, tp)
			if sp.GPSSource == GPSFromTrack {
				onTracks++
			}
		}
		var vec []float32
		if v := l.vecs(); v != nil {
			vec, _ = v.Get(vectorKey(sp.ID))
		}
		out, err := l.identifier.identifyStage(identifyInput{photo: sp.Photo, vector: vec, pixels: sp.Derived.Pixels}, predictionsN)
		if err != nil {
			return fmt.Errorf("%s: %w", sp.Rel, err)
		}
		out.apply(&sp.Photo)
		batch = append(batch, sp)
		if len(batch) >= batchSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return p.Done, onTracks, fmt.Errorf("identify peaks again from the stored photos: %w", err)
	}
	return p.Done, onTracks, nil
}
