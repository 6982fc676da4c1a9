package tokenizer

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// addedToken is an entry of added_tokens. Hugging Face finds these in the text before anything else, so a
// literal "<pad>" in a query is the pad token, special or not.
type addedToken struct {
	ID         int    `json:"id"`
	Content    string `json:"content"`
	SingleWord bool   `json:"single_word"`
	LStrip     bool   `json:"lstrip"`
	RStrip     bool   `json:"rstrip"`
	Normalized bool   `json:"normalized"`
	Special    bool   `json:"special"`
}

// segment is a stretch of text, or an added token when id >= 0.
type segment struct {
	text string
	id   int
}

// addedSplitter finds added tokens in text, leftmost first and the longest among those starting at the
// same place (the aho-corasick LeftmostLongest match that tokenizers uses).
type addedSplitter struct {
	tokens  []addedToken     // with Content as matched (normalized when the token is)
	byFirst map[byte][]int32 // indices into tokens by first byte, longest first
}

func newAddedSplitter(tokens []addedToken) *addedSplitter {
	a := &addedSplitter{byFirst: map[byte][]int32{}}
	for _, t := range tokens {
		if t.Content == "" {
			continue
		}
		a.tokens = append(a.tokens, t)
		i := int32(len(a.tokens) - 1)
		a.byFirst[t.Content[0]] = append(a.byFirst[t.Content[0]], i)
	}
	for _, list := range a.byFirst {
		sort.SliceStable(list, func(i, j int) bool {
			return len(a.tokens[list[i]].Content) > len(a.tokens[list[j]].Content)
		})
	}
	return a
}

// split cuts s into text and added tokens.
func (a *addedSplitter) split(s string) []segment {
	if len(a.tokens) == 0 {
		return []segment{{text: s, id: -1}}
	}
	var out []segment
	last := 0 // start of the text not yet emitted
	for i := 0; i < len(s); i++ {
		for _, ti := range a.byFirst[s[i]] {
			t := &a.tokens[ti]
			end := i + len(t.Content)
			if !strings.HasPrefix(s[i:], t.Content) || (t.SingleWord && !singleWord(s, i, end)) {
				continue
			}
			start := i
			if t.LStrip {
				start = last + len(strings.TrimRightFunc(s[last:i], unicode.IsSpace))
			}
			if t.RStrip {
				end += len(s[end:]) - len(strings.TrimLeftFunc(s[end:], unicode.IsSpace))
			}
			if start > last {
				out = append(out, segment{text: s[last:start], id: -1})
			}
			out = append(out, segment{id: t.ID})
			last = end
			i = end - 1
			break
		}
	}
	if last < len(s) {
		out = append(out, segment{text: s[last:], id: -1})
	}
	return out
}

// singleWord says whether s[start:end] is not part of a longer word.
func singleWord(s string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	after, _ := utf8.DecodeRuneInString(s[end:])
	return !(start > 0 && isWordChar(before)) && !(end < len(s) && isWordChar(after))
}

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
