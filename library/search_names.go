package library

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

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

// fileNamePage is how many file-name matches one request fetches.
const fileNamePage = 1000

// byFileName ranks the allowed photos whose file or folder names hold every word of the text. It fetches
// every match before filtering, so a filter never leaves the list short.
func (s *search) byFileName(text string) (ranked, error) {
	mq := query.NewMatchQuery(text)
	mq.SetField(fieldName)
	mq.SetOperator(query.MatchQueryOperatorAnd)
	out := ranked{why: "file name"}
	size := fileNamePage
	for {
		res, err := s.l.meta.Search(bleve.NewSearchRequestOptions(mq, size, 0, false))
		if err != nil {
			return ranked{}, fmt.Errorf("search file names: %w", err)
		}
		if int(res.Total) > size {
			size = int(res.Total) // more than a page: ask once more for all of them
			continue
		}
		for _, h := range res.Hits {
			if i, ok := s.t.at[vectorKey(h.ID)]; ok && s.f.allows(&s.t.rows[i]) {
				out.rows = append(out.rows, int32(i))
			}
		}
		return out, nil
	}
}
