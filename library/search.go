package library

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cairn-photos/cairn/index"
	"github.com/cairn-photos/cairn/index/vectors"
	"github.com/cairn-photos/cairn/library/gazetteer"
	"github.com/cairn-photos/cairn/library/peaks"
)

// Results are what a search found.
type Results struct {
	Hits   []Hit             // the first K matches, with their photos
	All    []Match           // every match, best first or in the asked order (shared: read it, never write)
	Facets []PeakCount       // photos per predicted peak among all the matches, most first
	Named  []peaks.NameMatch // the peaks the query's text named
	Photo  *Identified       // for a search by photo: the photo as read and the peaks it shows
	Place  *gazetteer.Place  // the place the query's text named; the matches are then the photos taken there
}

// Match is one photo a search found, without its record. It keeps the photo's vector key rather than its id
// string: a browse of 100,000 photos then allocates no strings.
type Match struct {
	key   uint64
	Score float64  // fused reciprocal-rank score; 0 when browsing
	Why   []string // the lists that brought it, in words
}

// ID is the photo's id.
func (m Match) ID() string { return photoIDOfKey(m.key) }

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
//
// A text that names a place of the gazetteer rather than a peak (a village, a pass, a base camp) asks for
// the photos taken there: those within the place's radius, newest first; Results.Place says which place.
func (l *Library) Search(ctx context.Context, q Query) (Results, error) {
	var at *gazetteer.Place
	if lm, ok := l.Landmark(q.Text); ok && lm.Place != nil {
		q.Text, q.Near, at = "", AtPlace(*lm.Place), lm.Place
	}
	s, err := l.newSearch(q)
	if err != nil {
		return Results{}, err
	}
	defer s.release()
	s.res.Place = at
	text := strings.TrimSpace(q.Text)
	if text == "" {
		res, err := s.browse(ctx)
		if at != nil {
			for i := range res.Hits {
				res.Hits[i].Why = []string{"taken at " + at.Name}
			}
		}
		return res, err
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
// It holds the table's read lock from newSearch until the caller releases it, so row indexes stay put.
type search struct {
	l      *Library
	q      Query
	t      *photoTable
	f      rowFilter
	lists  []ranked
	filter *vectors.Filter    // the vectors the filters allow; nil when there are no filters
	why    map[int32][]string // for fused rows: the lists that brought them
	res    Results
}

// ranked is one source's hits, best first, as row indexes.
type ranked struct {
	why  string
	rows []int32
}

// scored is a row with the score that ranks it. It is small on purpose: a browse holds one per photo.
type scored struct {
	row   int32
	score float64
}

// newSearch checks q and starts a search, holding the table's read lock and the model (modelMu) when it
// returns without error; release lets them go.
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
	l.modelMu.RLock()
	t.mu.RLock()
	s := &search{l: l, q: q, t: t, f: q.rowFilter(t)}
	if len(t.rows) == 0 {
		s.release()
		return nil, ErrEmptyLibrary
	}
	return s, nil
}

// release lets go of what newSearch holds: the table's rows and the library's model.
func (s *search) release() {
	s.t.mu.RUnlock()
	s.l.modelMu.RUnlock()
}

func (s *search) add(r ranked) {
	if len(r.rows) > 0 {
		s.lists = append(s.lists, r)
	}
}

// byPredictedPeaks ranks the allowed photos predicted to show any of the peaks by their prediction score.
func (s *search) byPredictedPeaks(ids []string) ranked {
	want := make([]bool, len(s.t.peakIDs))
	for _, id := range ids {
		if i, ok := s.t.peakAt[id]; ok {
			want[i] = true
		}
	}
	byPeak := s.t.peakRows()
	var seen map[int32]bool // a row showing two of the peaks is in both their lists
	if len(ids) > 1 {
		seen = map[int32]bool{}
	}
	var hits []scored
	for k, w := range want {
		if !w {
			continue
		}
		for _, i := range byPeak[k] {
			r := &s.t.rows[i]
			if seen[i] || !s.f.allows(r) {
				continue
			}
			if seen != nil {
				seen[i] = true
			}
			var best float32
			for _, p := range s.t.peaksOf(r) {
				if want[p.Peak] && p.Score > best {
					best = p.Score
				}
			}
			if best > 0 {
				hits = append(hits, scored{row: i, score: float64(best)})
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].row < hits[j].row
	})
	out := ranked{why: "predicted to show " + s.l.peakNamesOf(ids), rows: make([]int32, len(hits))}
	for i, h := range hits {
		out.rows[i] = h.row
	}
	return out
}

// byPrototypes ranks photos by their likeness to each named peak's prototype vector, when there is a model
// with a text tower that works; without one the other lists still find the peak's photos.
func (s *search) byPrototypes(ids []string) error {
	if s.l.vecs() == nil {
		return nil
	}
	protos, err := s.l.identifier.prototypes()
	if err != nil {
		return nil
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
	if !ok || s.l.vecs() == nil {
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
	vecs := s.l.vecs()
	hits, err := vecs.Search(vec, s.q.NumCandidates, s.vectorFilter(vecs, false))
	if errors.Is(err, vectors.ErrStaleFilter) { // a scan wrote vectors since the filter was made
		s.filter = nil
		hits, err = vecs.Search(vec, s.q.NumCandidates, s.vectorFilter(vecs, true))
	}
	if err != nil {
		return ranked{}, fmt.Errorf("search vectors: %w", err)
	}
	out := ranked{why: why, rows: make([]int32, 0, len(hits))}
	for _, h := range hits {
		if i, ok := s.t.at.find(s.t.rows, h.ID); ok { // a vector whose document an interrupted scan did not store is skipped
			out.rows = append(out.rows, int32(i))
		}
	}
	return out, nil
}

// vectorFilter is the set of vectors the filters allow, made once per search: a bit per allowed row through
// the table's map of rows to vectors, or, byKey, a set of keys, which no write to the vectors makes stale.
func (s *search) vectorFilter(vecs index.Vectors, byKey bool) *vectors.Filter {
	if !s.q.filters() {
		return nil
	}
	if s.filter == nil && byKey {
		var keys []uint64
		s.eachAllowed(func(i int32) { keys = append(keys, s.t.rows[i].Key) })
		s.filter = vectors.NewFilter(keys)
	}
	if s.filter == nil {
		f := s.t.keyMap(vecs).Filter()
		s.eachAllowed(func(i int32) { f.AllowRow(int(i)) })
		s.filter = f
	}
	return s.filter
}

// fuse merges the ranked lists by reciprocal rank fusion.
func (s *search) fuse() []scored {
	at := map[int32]int{}
	var out []scored
	s.why = map[int32][]string{}
	for _, list := range s.lists {
		for rank, row := range list.rows {
			i, ok := at[row]
			if !ok {
				i = len(out)
				at[row] = i
				out = append(out, scored{row: row})
			}
			out[i].score += 1 / float64(rrfK+rank+1)
			s.why[row] = append(s.why[row], list.why)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return s.t.rows[out[i].row].Key < s.t.rows[out[j].row].Key
	})
	return out
}

// finish orders the fused matches as asked, counts their facets and loads the first K photos.
func (s *search) finish(ctx context.Context, all []scored) (Results, error) {
	if err := ctx.Err(); err != nil {
		return Results{}, err
	}
	s.sortByTime(all)
	s.res.All = make([]Match, len(all))
	counts := make([]int, len(s.t.peakIDs))
	for i, m := range all {
		r := &s.t.rows[m.row]
		s.res.All[i] = Match{key: r.Key, Score: m.score, Why: s.why[m.row]}
		for _, p := range s.t.peaksOf(r) {
			counts[p.Peak]++
		}
	}
	return s.complete(ctx, counts)
}

// complete adds the facets of the matches' peak counts and loads the first K photos.
func (s *search) complete(ctx context.Context, counts []int) (Results, error) {
	if err := ctx.Err(); err != nil {
		return Results{}, err
	}
	s.res.Facets = s.facets(counts)
	n := min(len(s.res.All), s.q.K)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = s.res.All[i].ID()
	}
	photos, err := s.l.PhotosByID(ids)
	if err != nil {
		return Results{}, err
	}
	for _, m := range s.res.All[:n] {
		p, ok := photos[m.ID()]
		if !ok {
			continue // removed since the table was read
		}
		s.res.Hits = append(s.res.Hits, Hit{Photo: p, Score: m.Score, Why: m.Why})
	}
	return s.res, nil
}

// sortByTime reorders fused matches by capture time when a time order was asked for.
func (s *search) sortByTime(all []scored) {
	if s.q.Sort == ByRelevance {
		return
	}
	less := s.t.newer
	if s.q.Sort == Oldest {
		less = s.t.older
	}
	sort.SliceStable(all, func(i, j int) bool { return less(&s.t.rows[all[i].row], &s.t.rows[all[j].row]) })
}

// facets turns counts by the table's peak index into peak counts, most first.
func (s *search) facets(counts []int) []PeakCount {
	var out []PeakCount
	for i, n := range counts {
		if n > 0 {
			id := s.t.peakIDs[i]
			out = append(out, PeakCount{ID: id, Name: s.l.peakNamesOf([]string{id}), Count: n})
		}
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
