package library

import (
	"context"
	"fmt"
	"path/filepath"
)

// Similar finds the photos most like the photo file at path, which need not be in the album. The photo is
// identified first (by its looks and, when it records GPS and a heading, by geometry); photos are then found
// by that peak's predictions and prototype and by the photo's own vector, and the lists fused. The query's
// filters, sort and sizes apply; its text is ignored.
func (l *Library) Similar(ctx context.Context, path string, q Query) (Results, error) {
	s, err := l.newSearch(q)
	if err != nil {
		return Results{}, err
	}
	defer s.release()
	id, err := l.identifier.Identify(path) // not l.Identify: the search holds modelMu already
	if err != nil {
		return Results{}, fmt.Errorf("similar: %w", err)
	}
	s.res.Photo = &id
	if len(id.Peaks) > 0 {
		top := []string{id.Peaks[0].ID}
		s.add(s.byPredictedPeaks(top))
		if err := s.byPrototypes(top); err != nil {
			return Results{}, err
		}
	}
	if id.Vector != nil && l.vecs() != nil {
		list, err := s.nearest(id.Vector, "looks like "+filepath.Base(path))
		if err != nil {
			return Results{}, err
		}
		s.add(list)
	}
	return s.finish(ctx, s.fuse())
}
