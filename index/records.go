package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Field names of the record documents in the Bleve index. They are the on-disk format of existing
// libraries: renaming one means rebuilding every library's index.
const (
	fieldName  = "name"  // path words: file and folder search
	fieldPeaks = "peaks" // peak ids, exact
)

// Libraries made before Local indexed only what its methods ask of Bleve also index these fields of every
// record (the photo table filters and sorts by them now); their mapping stays in those libraries' index,
// and new records simply lack the fields.
//
//	"folder" (keyword), "shot_time" (date), "local_time" (keyword), "location" (geo point),
//	"peak_names" (words)

const (
	pathAnalyzer   = "cairn_path"
	pathSeparators = "cairn_path_separators"
)

// recordMapping is the Bleve mapping of record documents.
func recordMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	// File names join words with dots, dashes and underscores ("IMG_2335.HEIC", "ama-dablam.jpg"), which the
	// unicode tokenizer keeps together; they are spaces here, in documents and queries alike.
	err := im.AddCustomCharFilter(pathSeparators, map[string]any{
		"type":    regexp.Name,
		"regexp":  `[._\-/\\]+`,
		"replace": " ",
	})
	if err == nil {
		err = im.AddCustomAnalyzer(pathAnalyzer, map[string]any{
			"type":          custom.Name,
			"char_filters":  []string{pathSeparators},
			"tokenizer":     unicode.Name,
			"token_filters": []string{lowercase.Name},
		})
	}
	if err != nil {
		panic(fmt.Sprintf("record mapping: %v", err)) // constant input: a failure is a programming error
	}
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldName, text(pathAnalyzer))
	dm.AddFieldMappingsAt(fieldPeaks, text(keyword.Name))
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.DocValues = false
	stored.IncludeTermVectors = false
	dm.AddFieldMappingsAt(PartRecord, stored)
	dm.AddFieldMappingsAt(PartDerived, stored)
	im.DefaultMapping = dm
	im.DefaultAnalyzer = "standard"
	return im
}

// recordDocument is the Bleve document of d: the fields MatchName and PeakCounts query, and the stored
// parts. Indexing the other facts of a Doc too (a date and a geo point are a dozen terms each) took 92 %
// of a generated library's indexing time, for nothing: the library filters and sorts by them in its table.
func recordDocument(d Doc) map[string]any {
	doc := map[string]any{
		fieldName:  d.Name,
		PartRecord: d.Record,
	}
	if d.Derived != "" {
		doc[PartDerived] = d.Derived
	}
	if len(d.Peaks) > 0 {
		doc[fieldPeaks] = d.Peaks
	}
	return doc
}

// matchPage is how many matches one request fetches.
const matchPage = 1000

// matchAll lists the ids of the documents whose field holds every word of text, best first.
func (m *bleveMeta) matchAll(field, text string) ([]string, error) {
	mq := query.NewMatchQuery(text)
	mq.SetField(field)
	mq.SetOperator(query.MatchQueryOperatorAnd)
	size := matchPage
	for {
		res, err := m.search(bleve.NewSearchRequestOptions(mq, size, 0, false))
		if err != nil {
			return nil, err
		}
		if int(res.Total) > size {
			size = int(res.Total) // more than a page: ask once more for all of them
			continue
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		return ids, nil
	}
}

// maxTerms bounds the distinct terms termCounts counts: far more peaks than any catalog names.
const maxTerms = 100_000

// termCounts counts the documents per term of an exact field.
func (m *bleveMeta) termCounts(field string) (map[string]int, error) {
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	req.AddFacet(field, bleve.NewFacetRequest(field, maxTerms))
	res, err := m.search(req)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	if f, ok := res.Facets[field]; ok && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			counts[t.Term] = t.Count
		}
	}
	return counts, nil
}
