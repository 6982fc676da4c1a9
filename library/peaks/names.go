package peaks

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"
)

// Names finds peaks by what people type: a name or alias, in any case, with or without spaces ("amadablam",
// "pumo ri"), misspelt by a letter or two, or begun but not finished ("ama d"). It is an in-memory Bleve
// index over the catalog's names and aliases, one document per name.
type Names struct {
	idx     bleve.Index
	catalog *Catalog
}

// Field names of the name documents.
const (
	nameWords    = "words"    // the name, split into words
	nameSquashed = "squashed" // the name lowercased with only its letters and digits
	namePeak     = "peak"     // the peak's id, stored
	nameText     = "text"     // the name as written, stored
)

// NewNames indexes the names and aliases of c.
func NewNames(c *Catalog) (*Names, error) {
	im := bleve.NewIndexMapping()
	dm := bleve.NewDocumentStaticMapping()
	field := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeInAll = analyzer, store, false
		return f
	}
	dm.AddFieldMappingsAt(nameWords, field(standard.Name, false))
	dm.AddFieldMappingsAt(nameSquashed, field(keyword.Name, false))
	dm.AddFieldMappingsAt(namePeak, field(keyword.Name, true))
	dm.AddFieldMappingsAt(nameText, field(keyword.Name, true))
	im.DefaultMapping = dm
	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		return nil, fmt.Errorf("peak name index: %w", err)
	}
	b := idx.NewBatch()
	for _, p := range c.Peaks {
		for i, name := range append([]string{p.Name}, p.Aliases...) {
			doc := map[string]any{nameWords: name, nameSquashed: Squash(name), namePeak: p.ID, nameText: name}
			if err := b.Index(fmt.Sprintf("%s/%d", p.ID, i), doc); err != nil {
				return nil, fmt.Errorf("peak name index: %s: %w", p.ID, err)
			}
		}
	}
	if err := idx.Batch(b); err != nil {
		return nil, fmt.Errorf("peak name index: %w", err)
	}
	return &Names{idx: idx, catalog: c}, nil
}

// Squash lowercases s and keeps only its letters and digits, without their accents, so "Ama Dablam",
// "amadablam", "AMA-DABLAM" and "Áma Dáblam" compare equal.
func Squash(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if r >= 0x300 && r <= 0x36f {
			continue // an accent of the Latin alphabet, split from its letter by NFD
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NameMatch is a peak a text names, and the name or alias that matched.
type NameMatch struct {
	PeakID string
	Name   string
	Score  float64
}

// Lookup returns the peaks that text names. A name or alias equal to text (as Squash sees it) wins outright,
// so "Lhotse" is Lhotse and not Lhotse Shar; otherwise whole-word, prefix and fuzzy matches count, and the
// peaks scoring at least half the best are returned, best first. Text that names no peak returns none.
func (n *Names) Lookup(text string) ([]NameMatch, error) {
	sq := Squash(text)
	if len(sq) < 3 {
		return nil, nil
	}
	exact := query.NewTermQuery(sq)
	exact.SetField(nameSquashed)
	exact.SetBoost(10)
	parts := []query.Query{exact}
	words := query.NewMatchQuery(text)
	words.SetField(nameWords)
	words.SetOperator(query.MatchQueryOperatorAnd)
	words.SetFuzziness(fuzziness(sq))
	parts = append(parts, words)
	if len(sq) >= 4 {
		prefix := query.NewPrefixQuery(sq)
		prefix.SetField(nameSquashed)
		prefix.SetBoost(2)
		parts = append(parts, prefix)
	}
	if f := fuzziness(sq); f > 0 {
		fuzzy := query.NewFuzzyQuery(sq)
		fuzzy.SetField(nameSquashed)
		fuzzy.SetFuzziness(f)
		parts = append(parts, fuzzy)
	}
	matches, err := n.search(query.NewDisjunctionQuery(parts), 50)
	if err != nil {
		return nil, err
	}
	var exactOnes []NameMatch
	for _, m := range matches {
		if Squash(m.Name) == sq {
			exactOnes = append(exactOnes, m)
		}
	}
	if len(exactOnes) > 0 {
		return exactOnes, nil
	}
	var out []NameMatch
	for _, m := range matches {
		if m.Score >= matches[0].Score/2 {
			out = append(out, m)
		}
	}
	return out, nil
}

// fuzziness is how many edits a name of this length may be off by: none for short names, where one edit
// turns a word into another peak's name.
func fuzziness(squashed string) int {
	switch n := len([]rune(squashed)); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	default:
		return 0
	}
}

// Suggest returns up to max names and aliases that begin with what has been typed (or one of whose words
// does), for completion as the user types; one per peak, best first.
func (n *Names) Suggest(typed string, max int) ([]NameMatch, error) {
	sq := Squash(typed)
	if sq == "" {
		return nil, nil
	}
	prefix := query.NewPrefixQuery(sq)
	prefix.SetField(nameSquashed)
	prefix.SetBoost(2)
	parts := []query.Query{prefix}
	if last := lastWord(typed); last != "" {
		word := query.NewPrefixQuery(last)
		word.SetField(nameWords)
		parts = append(parts, word)
	}
	matches, err := n.search(query.NewDisjunctionQuery(parts), 10*max)
	if err != nil {
		return nil, err
	}
	if len(matches) > max {
		matches = matches[:max]
	}
	return matches, nil
}

// lastWord is the last word of s, lowercased: the one being typed.
func lastWord(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// search runs q and returns its matches, one per peak (its best name), best first.
func (n *Names) search(q query.Query, size int) ([]NameMatch, error) {
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.Fields = []string{namePeak, nameText}
	res, err := n.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search peak names: %w", err)
	}
	seen := map[string]bool{}
	var out []NameMatch
	for _, h := range res.Hits {
		id, _ := h.Fields[namePeak].(string)
		name, _ := h.Fields[nameText].(string)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, NameMatch{PeakID: id, Name: name, Score: h.Score})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out, nil
}

// Close releases the index.
func (n *Names) Close() error { return n.idx.Close() }
