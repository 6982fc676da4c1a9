package library

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// PeakCounts counts the photos in which each peak is predicted (peak id → photos).
func (l *Library) PeakCounts(ctx context.Context) (map[string]int, error) {
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	req.AddFacet(fieldPeaks, bleve.NewFacetRequest(fieldPeaks, len(l.opt.Catalog.Peaks)+1))
	res, err := l.meta.Search(req)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	if f, ok := res.Facets[fieldPeaks]; ok && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			counts[t.Term] = t.Count
		}
	}
	return counts, nil
}
