package library

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Query is a search of the library, shared by the window and the command line.
type Query struct {
	Text string // a peak's name, a file or folder name, or a concept ("prayer flags")
	K    int    // how many hits at most; DefaultK when zero
}

// DefaultK is how many hits a search returns unless told otherwise.
const DefaultK = 50

// Hit is a photo a search found, with its fused score and why it matched.
type Hit struct {
	Photo
	Score float64  `json:"score"`
	Why   []string `json:"why"`
}

// ErrEmptyLibrary is returned by a search of a library that holds no photos.
var ErrEmptyLibrary = errors.New("the library holds no photos: scan the album first")

// rrfK is reciprocal rank fusion's constant: a hit at rank r in one list adds 1/(rrfK+r).
const rrfK = 60

// Search finds photos by peak name, by file or folder name, and, with a model, by concept; the ranked lists
// are fused by reciprocal rank fusion.
func (l *Library) Search(ctx context.Context, q Query) ([]Hit, error) {
	if q.K <= 0 {
		q.K = DefaultK
	}
	if n, err := l.meta.Count(); err != nil {
		return nil, err
	} else if n == 0 {
		return nil, ErrEmptyLibrary
	}
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return nil, errors.New("empty query")
	}
	var lists []ranked
	peakIDs := l.peaksNamed(text)
	if len(peakIDs) > 0 {
		list, err := l.byPeaks(peakIDs)
		if err != nil {
			return nil, err
		}
		lists = append(lists, list)
	}
	names, err := l.byFileName(text, q.K)
	if err != nil {
		return nil, err
	}
	lists = append(lists, names)
	if m, ok := l.opt.Embedder.(Model); ok && l.vectors != nil {
		list, err := l.byConcept(m, text, q.K)
		if err != nil {
			return nil, err
		}
		lists = append(lists, list)
	}
	return l.fuse(lists, q.K)
}

// ranked is one source's hits, best first.
type ranked struct {
	ids []string
	why string
}

// peaksNamed returns the ids of the catalog peaks whose name or an alias the query names, ignoring case,
// spaces and punctuation ("amadablam", "AMA DABLAM", "pumo ri").
func (l *Library) peaksNamed(text string) []string {
	want := squash(text)
	if len(want) < 3 {
		return nil
	}
	var ids []string
	for _, p := range l.opt.Catalog.Peaks {
		for _, name := range append([]string{p.Name, p.ID}, p.Aliases...) {
			if squash(name) == want {
				ids = append(ids, p.ID)
				break
			}
		}
	}
	return ids
}

// squash lowercases s and keeps only its letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// byPeaks ranks the photos predicted to show any of the peaks by their prediction score.
func (l *Library) byPeaks(ids []string) (ranked, error) {
	want := map[string]bool{}
	var qs []query.Query
	for _, id := range ids {
		want[id] = true
		tq := query.NewTermQuery(id)
		tq.SetField(fieldPeaks)
		qs = append(qs, tq)
	}
	type scored struct {
		id    string
		score float64
	}
	var hits []scored
	err := l.meta.Each(query.NewDisjunctionQuery(qs), fieldRecord, func(id, rec string) error {
		p, err := decodeRecord(id, rec)
		if err != nil {
			return err
		}
		best := 0.0
		for _, g := range p.PredictedPeaks {
			if want[g.ID] && g.Score > best {
				best = g.Score
			}
		}
		hits = append(hits, scored{id, best})
		return nil
	})
	if err != nil {
		return ranked{}, fmt.Errorf("photos of peaks %v: %w", ids, err)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	out := ranked{why: "shows " + l.peakNames(ids)}
	for _, h := range hits {
		out.ids = append(out.ids, h.id)
	}
	return out, nil
}

func (l *Library) peakNames(ids []string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if p, ok := l.opt.Catalog.ByID(id); ok {
			names = append(names, p.Name)
		}
	}
	return strings.Join(names, ", ")
}

// byFileName ranks photos whose file or folder names hold the query's words.
func (l *Library) byFileName(text string, k int) (ranked, error) {
	mq := query.NewMatchQuery(text)
	mq.SetField(fieldName)
	mq.SetOperator(query.MatchQueryOperatorAnd)
	req := bleve.NewSearchRequestOptions(mq, k, 0, false)
	res, err := l.meta.Search(req)
	if err != nil {
		return ranked{}, err
	}
	out := ranked{why: "file name"}
	for _, h := range res.Hits {
		out.ids = append(out.ids, h.ID)
	}
	return out, nil
}

// byConcept ranks photos by their likeness to the query's text vector: the catalog's concept ensemble
// ("a photo of {q}", …) minus the anti-concept.
func (l *Library) byConcept(m Model, text string, k int) (ranked, error) {
	cfg := l.opt.Catalog.Concept
	vec, err := m.Ensemble(cfg.Templates, text, cfg.AntiConcepts, cfg.AntiWeight)
	if err != nil {
		return ranked{}, fmt.Errorf("embed query %q: %w", text, err)
	}
	hits, err := l.vectors.Search(vec, k, nil)
	if err != nil {
		return ranked{}, fmt.Errorf("search vectors: %w", err)
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = photoIDOfKey(h.ID)
	}
	return ranked{ids: ids, why: "looks like “" + text + "”"}, nil
}

// fuse merges ranked lists by reciprocal rank fusion and loads the top k photos.
func (l *Library) fuse(lists []ranked, k int) ([]Hit, error) {
	score := map[string]float64{}
	why := map[string][]string{}
	for _, list := range lists {
		for rank, id := range list.ids {
			score[id] += 1 / float64(rrfK+rank+1)
			why[id] = append(why[id], list.why)
		}
	}
	ids := make([]string, 0, len(score))
	for id := range score {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if score[ids[i]] != score[ids[j]] {
			return score[ids[i]] > score[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > k {
		ids = ids[:k]
	}
	recs, err := l.meta.Stored(fieldRecord, ids...)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(ids))
	for _, id := range ids {
		rec, ok := recs[id]
		if !ok {
			continue // a vector whose photo was not stored yet (an interrupted scan); the next scan mends it
		}
		p, err := decodeRecord(id, rec)
		if err != nil {
			return nil, err
		}
		hits = append(hits, Hit{Photo: p, Score: score[id], Why: why[id]})
	}
	return hits, nil
}
