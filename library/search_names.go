package library

import (
	"fmt"

	"github.com/cairn-photos/cairn/library/peaks"
)

// PeakNames is the index of the catalog's peak names and aliases, built on first use.
func (l *Library) PeakNames() (*peaks.Names, error) {
	l.namesMu.Lock()
	defer l.namesMu.Unlock()
	if l.names == nil {
		n, err := peaks.NewNames(l.opt.Catalog)
		if err != nil {
			return nil, err
		}
		l.names = n
	}
	return l.names, nil
}

// byFileName ranks the allowed photos whose file or folder names hold every word of the text. The store
// returns every match before the filters apply, so a filter never leaves the list short.
func (s *search) byFileName(text string) (ranked, error) {
	ids, err := s.l.store.MatchName(text)
	if err != nil {
		return ranked{}, fmt.Errorf("search file names: %w", err)
	}
	out := ranked{why: "file name"}
	for _, id := range ids {
		if i, ok := s.t.at.find(s.t.rows, vectorKey(id)); ok && s.allows(int32(i)) {
			out.rows = append(out.rows, int32(i))
		}
	}
	return out, nil
}
