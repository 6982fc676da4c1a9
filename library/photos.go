package library

import (
	"context"
	"fmt"
	"sort"
)

// Photos lists every photo in the library, newest first; photos without a capture time come last, by path.
func (l *Library) Photos(ctx context.Context) ([]Photo, error) {
	var out []Photo
	err := l.store.Each([]string{fieldRecord}, func(id string, fields map[string]string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, err := decodeRecord(id, fields[fieldRecord])
		if err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list photos: %w", err)
	}
	sortNewestFirst(out)
	return out, nil
}

// Photo returns one photo by id.
func (l *Library) Photo(id string) (Photo, error) {
	recs, err := l.store.Stored([]string{fieldRecord}, id)
	if err != nil {
		return Photo{}, err
	}
	rec, ok := recs[id]
	if !ok {
		return Photo{}, fmt.Errorf("photo %s: not in the library", id)
	}
	return decodeRecord(id, rec[fieldRecord])
}

// PhotosByID loads the records of the photos ids; ids not in the library are left out.
func (l *Library) PhotosByID(ids []string) (map[string]Photo, error) {
	recs, err := l.store.Stored([]string{fieldRecord}, ids...)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Photo, len(recs))
	for id, rec := range recs {
		p, err := decodeRecord(id, rec[fieldRecord])
		if err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, nil
}

// sortNewestFirst orders photos by capture wall-clock time, newest first, then by path.
func sortNewestFirst(ps []Photo) {
	sort.SliceStable(ps, func(i, j int) bool {
		ti, tj := ps[i].ShotTime, ps[j].ShotTime
		if ti.IsZero() != tj.IsZero() {
			return !ti.IsZero()
		}
		if li, lj := ti.Local(), tj.Local(); !li.Equal(lj) {
			return li.After(lj)
		}
		return ps[i].Rel < ps[j].Rel
	})
}
