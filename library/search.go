package library

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cairn-photos/cairn/index/vectors"
	"github.com/cairn-photos/cairn/library/peaks"
)

// Results are what a search found.
type Results struct {
	Hits   []Hit             // the first K matches, with their photos
	All    []Match           // every match, best first or in the asked order: the window pages through these
	Facets []PeakCount       // photos per predicted peak among all the matches, most first
	Named  []peaks.NameMatch // the peaks the query's text named
	Photo  *Identified       // for a search by photo: the photo as read and the peaks it shows
}

// Match is one photo a search found, without its record.
type Match struct {
	ID    string
	Score float64  // fused reciprocal-rank score; 0 when browsing
	Why   []string // the lists that brought it, in words
}

// Hit is a photo a search found, with its fused score and why it matched.
type Hit struct {
	Photo
	Score float64  `json:"score"`
	Why   []string `json:"why"`
}

// PeakCount is how many matches a peak is predicted in.
type PeakCount struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// ErrEmptyLibrary is returned by a search of a library that holds no photos.
var ErrEmptyLibrary = errors.New("the library holds no photos: scan the album first")

// rrfK is reciprocal rank fusion's constant: a hit at rank r (from 1) in one list adds 1/(rrfK+r).
const rrfK = 60

// Search finds photos by peak name, by file or folder name and, with a model, by concept and by the named
// peaks' prototypes; the lists are fused by reciprocal rank fusion. A query without text lists every photo
// the filters allow, newest first unless asked otherwise.
func (l *Library) Search(ctx context.Context, q Query) (Results, error) {
	s, err := l.newSearch(q)
	if err != nil {
		return Results{}, err
	}
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return s.finish(ctx, s.browse())
	}
	names, err := l.PeakNames()
	if err != nil {
		return Results{}, err
	}
	named, err := names.Lookup(text)
	if err != nil {
		return Results{}, err
	}
	s.res.Named = named
	if len(named) > 0 {
		ids := make([]string, len(named))
		for i, m := range named {
			ids[i] = m.PeakID
		}
		s.add(s.byPredictedPeaks(ids))
		if err := s.byPrototypes(ids); err != nil {
			return Results{}, err
		}
	}
	list, err := s.byFileName(text)
	if err != nil {
		return Results{}, err
	}
	s.add(list)
	if err := s.byConcept(text); err != nil {
		return Results{}, err
	}
	return s.finish(ctx, s.fuse())
}

// search is one search under way: the query, the table it filters and the ranked lists gathered so far.
type search struct {
	l      *Library
	q      Query
	t      *photoTable
	f      rowFilter
	lists  []ranked
	filter *vectors.Filter // the vectors the filters allow; nil when there are no filters
	res    Results
}

// ranked is one source's hits, best first.
type ranked struct {
	why  string
	keys []uint64
}

func (l *Library) newSearch(q Query) (*search, error) {
	if err := l.check(q); err != nil {
		return nil, err
	}
	if q.K == 0 {
		q.K = DefaultK
	}
	if q.NumCandidates == 0 {
		q.NumCandidates = max(DefaultNumCandidates, q.K)
	}
	t, err := l.table()
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	n := len(t.rows)
	t.mu.RUnlock()
	if n == 0 {
		return nil, ErrEmptyLibrary
	}
	return &search{l: l, q: q, t: t, f: q.rowFilter()}, nil
}

func (s *search) add(r ranked) {
	if len(r.keys) > 0 {
		s.lists = append(s.lists, r)
	}
}

// browse lists every allowed photo in time order.
func (s *search) browse() []Match {
	s.t.mu.RLock()
	defer s.t.mu.RUnlock()
	order := s.t.newestFirst()
	if s.q.Sort == Oldest {
		order = s.t.oldestFirst(order)
	}
	out := make([]Match, 0, len(order))
	for _, i := range order {
		r := &s.t.rows[i]
		if s.f.allows(r) {
			out = append(out, Match{ID: photoIDOfKey(r.Key)})
		}
	}
	return out
}

// byPredictedPeaks ranks the allowed photos predicted to show any of the peaks by their prediction score.
func (s *search) byPredictedPeaks(ids []string) ranked {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	type scored struct {
		key   uint64
		score float64
	}
	var hits []scored
	s.t.mu.RLock()
	for i := range s.t.rows {
		r := &s.t.rows[i]
		best := 0.0
		for _, p := range r.Peaks {
			if want[p.ID] && p.Score > best {
				best = p.Score
			}
		}
		if best > 0 && s.f.allows(r) {
			hits = append(hits, scored{r.Key, best})
		}
	}
	s.t.mu.RUnlock()
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].key < hits[j].key
	})
	out := ranked{why: "predicted to show " + s.l.peakNamesOf(ids)}
	for _, h := range hits {
		out.keys = append(out.keys, h.key)
	}
	return out
}

// byPrototypes ranks photos by their likeness to each named peak's prototype vector, when there is a model.
func (s *search) byPrototypes(ids []string) error {
	if s.l.vectors == nil {
		return nil
	}
	protos, err := s.l.identifier.prototypes()
	if errors.Is(err, errNoTextModel) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, id := range ids {
		vec, ok := protos[id]
		if !ok {
			continue
		}
		list, err := s.nearest(vec, "looks like "+s.l.peakNamesOf([]string{id}))
		if err != nil {
			return err
		}
		s.add(list)
	}
	return nil
}

// byConcept ranks photos by their likeness to the query's text vector: the catalog's concept ensemble
// ("a photo of {q}", …) minus the anti-concept.
func (s *search) byConcept(text string) error {
	m, ok := s.l.opt.Embedder.(Model)
	if !ok || s.l.vectors == nil {
		return nil
	}
	cfg := s.l.opt.Catalog.Concept
	vec, err := m.Ensemble(cfg.Templates, text, cfg.AntiConcepts, cfg.AntiWeight)
	if err != nil {
		return fmt.Errorf("embed query %q: %w", text, err)
	}
	list, err := s.nearest(vec, "looks like “"+text+"”")
	if err != nil {
		return err
	}
	s.add(list)
	return nil
}

// nearest ranks the allowed photos by their vectors' likeness to vec.
func (s *search) nearest(vec []float32, why string) (ranked, error) {
	hits, err := s.l.vectors.Search(vec, s.q.NumCandidates, s.vectorFilter())
	if err != nil {
		return ranked{}, fmt.Errorf("search vectors: %w", err)
	}
	out := ranked{why: why, keys: make([]uint64, len(hits))}
	for i, h := range hits {
		out.keys[i] = h.ID
	}
	return out, nil
}

// vectorFilter is the set of vectors the filters allow, made once per search.
func (s *search) vectorFilter() *vectors.Filter {
	if !s.q.filters() {
		return nil
	}
	if s.filter == nil {
		s.t.mu.RLock()
		var keys []uint64
		for i := range s.t.rows {
			if s.f.allows(&s.t.rows[i]) {
				keys = append(keys, s.t.rows[i].Key)
			}
		}
		s.t.mu.RUnlock()
		s.filter = vectors.NewFilter(keys)
	}
	return s.filter
}

// fuse merges the ranked lists by reciprocal rank fusion.
func (s *search) fuse() []Match {
	at := map[uint64]int{}
	var out []Match
	for _, list := range s.lists {
		for rank, key := range list.keys {
			i, ok := at[key]
			if !ok {
				i = len(out)
				at[key] = i
				out = append(out, Match{ID: photoIDOfKey(key)})
			}
			out[i].Score += 1 / float64(rrfK+rank+1)
			out[i].Why = append(out[i].Why, list.why)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// finish orders the matches as asked, counts the facets and loads the first K photos.
func (s *search) finish(ctx context.Context, all []Match) (Results, error) {
	if err := ctx.Err(); err != nil {
		return Results{}, err
	}
	if strings.TrimSpace(s.q.Text) != "" || s.res.Photo != nil {
		s.sortByTime(all) // browsing is in time order already
	}
	s.res.All = all
	s.res.Facets = s.facets(all)
	n := min(len(all), s.q.K)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = all[i].ID
	}
	photos, err := s.l.photosByID(ids)
	if err != nil {
		return Results{}, err
	}
	for _, m := range all[:n] {
		p, ok := photos[m.ID]
		if !ok {
			continue // removed since the table was read
		}
		s.res.Hits = append(s.res.Hits, Hit{Photo: p, Score: m.Score, Why: m.Why})
	}
	return s.res, nil
}

// sortByTime reorders fused matches by capture time when a time order was asked for.
func (s *search) sortByTime(all []Match) {
	if s.q.Sort == ByRelevance {
		return
	}
	s.t.mu.RLock()
	defer s.t.mu.RUnlock()
	rows := make([]tableRow, len(all))
	for i, m := range all {
		rows[i], _ = s.t.rowLocked(vectorKey(m.ID))
	}
	less := newer
	if s.q.Sort == Oldest {
		less = older
	}
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return less(rows[idx[a]], rows[idx[b]]) })
	sorted := make([]Match, len(all))
	for i, k := range idx {
		sorted[i] = all[k]
	}
	copy(all, sorted)
}

// facets counts the matches per predicted peak.
func (s *search) facets(all []Match) []PeakCount {
	counts := map[string]int{}
	s.t.mu.RLock()
	for _, m := range all {
		if r, ok := s.t.rowLocked(vectorKey(m.ID)); ok {
			for _, p := range r.Peaks {
				counts[p.ID]++
			}
		}
	}
	s.t.mu.RUnlock()
	out := make([]PeakCount, 0, len(counts))
	for id, n := range counts {
		out = append(out, PeakCount{ID: id, Name: s.l.peakNamesOf([]string{id}), Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// peakNamesOf joins the catalog names of the peaks ids.
func (l *Library) peakNamesOf(ids []string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if p, ok := l.opt.Catalog.ByID(id); ok {
			names = append(names, p.Name)
		} else {
			names = append(names, id)
		}
	}
	return strings.Join(names, ", ")
}
