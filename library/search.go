package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"
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
	lists  []string          // what brought the matches, in words: bit i of Match.why is lists[i]
}

// Match is one photo a search found, without its record. It keeps the photo's vector key rather than its id
// string, and which lists brought it as bits rather than words (Results.Why): a browse of a million photos
// then allocates no strings, and a search allocates nothing per match but the match.
type Match struct {
	key   uint64
	Score float64 // fused reciprocal-rank score; 0 when browsing
	why   uint64  // the lists that brought it, by their place in Results.lists
}

// ID is the photo's id.
func (m Match) ID() string { return photoIDOfKey(m.key) }

// Why says in words what brought m, one of res's matches: the lists that ranked it ("predicted to show Ama
// Dablam", "file name", …), or, for the photos taken at a place the text named, that place.
func (res *Results) Why(m Match) []string {
	if m.why == 0 {
		if res.Place != nil {
			return []string{"taken at " + res.Place.Name}
		}
		return nil
	}
	out := make([]string, 0, bits.OnesCount64(m.why))
	for w := m.why; w != 0; w &= w - 1 {
		out = append(out, res.lists[bits.TrailingZeros64(w)])
	}
	return out
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
		return s.browse(ctx)
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
	l       *Library
	q       Query
	t       *photoTable
	f       rowFilter
	lists   []ranked
	allowed rowSet          // the rows the filters allow, made when first asked for; nil without filters
	filter  *vectors.Filter // the vectors the filters allow; nil when there are no filters
	res     Results
}

// ranked is one source's hits, best first, as row indexes: read only, for they may be the table's own
// ranking of a peak's photos.
type ranked struct {
	why  string
	rows []int32
}

// scored is a row with the score that ranks it and, once fused, its key and the lists that brought it.
type scored struct {
	row   int32
	score float64
	key   uint64
	why   uint64
}

// maxLists is how many ranked lists a search fuses at most: a bit of Match.why each. A search has one per
// peak its text names (the name index returns at most 50) and three more.
const maxLists = 64

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
	if len(r.rows) > 0 && len(s.lists) < maxLists {
		s.lists = append(s.lists, r)
	}
}

// allows reports whether the filters allow row i.
func (s *search) allows(i int32) bool {
	return !s.q.filters() || s.allowedRows().has(i)
}

// allowedRows is the set of rows the filters allow, made the first time it is asked for; the caller
// checks that there are filters.
func (s *search) allowedRows() rowSet {
	if s.allowed == nil {
		s.allowed = newRowSet(len(s.t.rows))
		s.eachAllowed(func(r int32) { s.allowed.add(r) })
	}
	return s.allowed
}

// byPredictedPeaks ranks the allowed photos predicted to show any of the peaks by their prediction score,
// the best of the peaks' scores for a photo predicted to show several.
func (s *search) byPredictedPeaks(ids []string) ranked {
	out := ranked{why: "predicted to show " + s.l.peakNamesOf(ids)}
	var rankings []*peakRanking
	for _, id := range ids {
		if k, ok := s.t.peakAt[id]; ok {
			rankings = append(rankings, s.t.peakRanking(k))
		}
	}
	if len(rankings) == 1 { // the peak's ranking is the list: shared as it is when nothing filters it
		pr := rankings[0]
		shown, _ := slices.BinarySearchFunc(pr.scores, 0, func(score float32, _ int) int {
			return cmp.Compare(0, score)
		})
		if !s.q.filters() {
			out.rows = pr.rows[:shown:shown]
			return out
		}
		for _, r := range pr.rows[:shown] {
			if s.allows(r) {
				out.rows = append(out.rows, r)
			}
		}
		return out
	}
	var hits []scored
	for _, pr := range rankings {
		for j, r := range pr.rows {
			if pr.scores[j] > 0 && s.allows(r) {
				hits = append(hits, scored{row: r, score: float64(pr.scores[j])})
			}
		}
	}
	slices.SortFunc(hits, byScore) // merges the peaks' rankings, each row then kept once at its best
	seen := newRowSet(len(s.t.rows))
	hits = slices.DeleteFunc(hits, func(h scored) bool { return !seen.add(h.row) })
	out.rows = make([]int32, len(hits))
	for i, h := range hits {
		out.rows[i] = h.row
	}
	return out
}

// byScore orders scored rows best first, then by row.
func byScore(a, b scored) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	return cmp.Compare(a.row, b.row)
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
// The rows are visited in order, so the map is read in order too.
func (s *search) vectorFilter(vecs index.Vectors, byKey bool) *vectors.Filter {
	if !s.q.filters() {
		return nil
	}
	allowed := s.allowedRows()
	if s.filter == nil && byKey {
		var keys []uint64
		allowed.each(0, len(s.t.rows), func(i int) { keys = append(keys, s.t.rows[i].Key) })
		s.filter = vectors.NewFilter(keys)
	}
	if s.filter == nil {
		f := s.t.keyMap(vecs).Filter()
		allowed.each(0, len(s.t.rows), f.AllowRow)
		s.filter = f
	}
	return s.filter
}

// fused is the matches of a search by ranked lists, best first, with the number of them predicted to show
// each peak (by the table's peak index).
type fused struct {
	all    []scored
	counts []int
}

// fuse merges the ranked lists by reciprocal rank fusion, noting which lists brought each row and counting
// the rows' peaks while their row is at hand. The rows that the longest list alone brought keep its order,
// which fusion does not change, and only the others are sorted and merged in, so a name that a peak's
// 17,000 photos match sorts a few hundred.
func (s *search) fuse() fused {
	counts := make([]int, len(s.t.peakIDs))
	if len(s.lists) == 0 {
		return fused{counts: counts}
	}
	n, longest := 0, 0
	for l, list := range s.lists {
		s.res.lists = append(s.res.lists, list.why)
		n += len(list.rows)
		if len(list.rows) > len(s.lists[longest].rows) {
			longest = l
		}
	}
	out := make([]scored, 0, n)
	at := s.t.takeSlots() // at[row]-1 is the row's place in out
	var from, to int      // the rows the longest list brought first are out[from:to], in its order
	for l, list := range s.lists {
		if l == longest {
			from = len(out)
		}
		for rank, row := range list.rows {
			i := at[row] - 1
			if i < 0 {
				i = int32(len(out))
				at[row] = i + 1
				r := &s.t.rows[row]
				out = append(out, scored{row: row, key: r.Key})
				for _, p := range s.t.peaksOf(r) {
					counts[p.Peak]++
				}
			}
			out[i].score += 1 / float64(rrfK+rank+1)
			out[i].why |= 1 << l
		}
		if l == longest {
			to = len(out)
		}
	}
	for _, m := range out {
		at[m.row] = 0
	}
	s.t.giveSlots(at)
	// The rows the longest list alone brought move to the front, in its order; the rest are sorted apart.
	rest := append([]scored(nil), out[:from]...)
	alone, k := uint64(1)<<longest, 0
	for _, m := range out[from:to] {
		if m.why == alone {
			out[k] = m
			k++
		} else {
			rest = append(rest, m)
		}
	}
	rest = append(rest, out[to:]...)
	if !slices.IsSortedFunc(out[:k], byFused) { // a list that names a row twice
		rest, k = append(rest, out[:k]...), 0
	}
	slices.SortFunc(rest, byFused)
	mergeBack(out, k, rest)
	return fused{all: out, counts: counts}
}

// byFused orders fused rows best first, then by key.
func byFused(a, b scored) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	return cmp.Compare(a.key, b.key)
}

// mergeBack merges rest into dst, whose first k are ordered byFused like rest, and which has room for
// both; it fills dst from the back, so it never overwrites a row it has still to read.
func mergeBack(dst []scored, k int, rest []scored) {
	i, j := k-1, len(rest)-1
	for w := len(dst) - 1; j >= 0; w-- {
		if i >= 0 && byFused(dst[i], rest[j]) > 0 {
			dst[w], i = dst[i], i-1
		} else {
			dst[w], j = rest[j], j-1
		}
	}
}

// finish orders the fused matches as asked, adds their facets and loads the first K photos.
func (s *search) finish(ctx context.Context, f fused) (Results, error) {
	if err := ctx.Err(); err != nil {
		return Results{}, err
	}
	s.setMatches(f)
	return s.complete(ctx, f.counts)
}

// setMatches orders the fused rows as asked and makes them the results' matches.
func (s *search) setMatches(f fused) {
	s.sortByTime(f.all)
	s.res.All = make([]Match, len(f.all))
	for i, m := range f.all {
		s.res.All[i] = Match{key: m.key, Score: m.score, why: m.why}
	}
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
		s.res.Hits = append(s.res.Hits, Hit{Photo: p, Score: m.Score, Why: s.res.Why(m)})
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
	slices.SortStableFunc(all, func(a, b scored) int {
		switch ra, rb := &s.t.rows[a.row], &s.t.rows[b.row]; {
		case less(ra, rb):
			return -1
		case less(rb, ra):
			return 1
		}
		return 0
	})
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
