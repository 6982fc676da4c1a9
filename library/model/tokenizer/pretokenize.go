package tokenizer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// preTokenizer splits normalised text into words; BPE never merges across words.
type preTokenizer interface {
	split(words []string) []string
}

type preTokenizers []preTokenizer

func (ps preTokenizers) split(words []string) []string {
	for _, p := range ps {
		words = p.split(words)
	}
	return words
}

// piece is a stretch of a word and whether the split pattern matched it.
type piece struct {
	text  string
	match bool
}

// splitter is the Split pre-tokenizer: it cuts each word at the matches of a pattern and, by behaviour,
// drops the matches or joins them to a neighbour.
type splitter struct {
	re       *regexp.Regexp
	literal  string
	behavior string
	invert   bool
}

func (s splitter) split(words []string) []string {
	var out []string
	for _, w := range words {
		out = append(out, s.splitWord(w)...)
	}
	return out
}

func (s splitter) splitWord(w string) []string {
	var locs [][]int
	if s.re != nil {
		locs = s.re.FindAllStringIndex(w, -1)
	} else if s.literal != "" {
		for i := 0; i < len(w); {
			j := strings.Index(w[i:], s.literal)
			if j < 0 {
				break
			}
			locs = append(locs, []int{i + j, i + j + len(s.literal)})
			i += j + len(s.literal)
		}
	}
	var pieces []piece
	last := 0
	for _, l := range locs {
		if l[0] > last {
			pieces = append(pieces, piece{w[last:l[0]], s.invert})
		}
		if l[1] > l[0] {
			pieces = append(pieces, piece{w[l[0]:l[1]], !s.invert})
		}
		last = l[1]
	}
	if last < len(w) {
		pieces = append(pieces, piece{w[last:], s.invert})
	}
	return applyBehavior(pieces, s.behavior)
}

func applyBehavior(pieces []piece, behavior string) []string {
	var out []string
	switch behavior {
	case "Removed":
		for _, p := range pieces {
			if !p.match {
				out = append(out, p.text)
			}
		}
	case "Isolated":
		for _, p := range pieces {
			out = append(out, p.text)
		}
	case "MergedWithPrevious":
		// A match joins the piece before it unless that piece was itself a match (as in tokenizers).
		for i, p := range pieces {
			if p.match && i > 0 && !pieces[i-1].match {
				out[len(out)-1] += p.text
			} else {
				out = append(out, p.text)
			}
		}
	case "MergedWithNext":
		// A match joins the piece after it unless that piece is itself a match.
		for i := len(pieces) - 1; i >= 0; i-- {
			p := pieces[i]
			if p.match && i+1 < len(pieces) && !pieces[i+1].match {
				out[len(out)-1] = p.text + out[len(out)-1]
			} else {
				out = append(out, p.text)
			}
		}
		slices.Reverse(out)
	case "Contiguous":
		for i, p := range pieces {
			if i > 0 && p.match == pieces[i-1].match {
				out[len(out)-1] += p.text
			} else {
				out = append(out, p.text)
			}
		}
	}
	return out
}

// gpt2Split is GPT-2's pattern without its `\s+(?!\S)` lookahead, which RE2 lacks; byteLevel.splitWord
// gives a run of spaces' last space back to the word that follows, which is what the lookahead does.
var gpt2Split = regexp.MustCompile(`'s|'t|'re|'ve|'m|'ll|'d| ?\pL+| ?\pN+| ?[^\s\pL\pN]+|\s+`)

// byteLevel maps every byte to a printable rune (GPT-2's bytes_to_unicode), optionally after GPT-2's split.
type byteLevel struct {
	addPrefixSpace bool
	useRegex       bool
	table          [256]rune
}

func (b byteLevel) split(words []string) []string {
	var out []string
	for _, w := range words {
		if b.addPrefixSpace && !strings.HasPrefix(w, " ") {
			w = " " + w
		}
		parts := []string{w}
		if b.useRegex {
			parts = splitGPT2(w)
		}
		for _, p := range parts {
			var sb strings.Builder
			for i := 0; i < len(p); i++ {
				sb.WriteRune(b.table[p[i]])
			}
			out = append(out, sb.String())
		}
	}
	return out
}

func splitGPT2(w string) []string {
	matches := gpt2Split.FindAllString(w, -1)
	var out []string
	for i, m := range matches {
		next := i+1 < len(matches)
		if next && len(m) > 1 && strings.TrimSpace(m) == "" && !isSpaceStart(matches[i+1]) {
			// Leave the last space to the next word (" word").
			_, size := lastRune(m)
			out = append(out, m[:len(m)-size])
			matches[i+1] = m[len(m)-size:] + matches[i+1]
			continue
		}
		out = append(out, m)
	}
	return out
}

func isSpaceStart(s string) bool {
	for _, r := range s {
		return unicode.IsSpace(r)
	}
	return false
}

func lastRune(s string) (rune, int) {
	rs := []rune(s)
	r := rs[len(rs)-1]
	return r, len(string(r))
}

// bytesToUnicode is GPT-2's table: printable Latin-1 bytes map to themselves, the rest to 256 and up.
func bytesToUnicode() [256]rune {
	var t [256]rune
	n := 0
	for b := 0; b < 256; b++ {
		if (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF) {
			t[b] = rune(b)
		} else {
			t[b] = rune(256 + n)
			n++
		}
	}
	return t
}

// metaspace replaces spaces with ▁, prepends one, and splits before each ▁ (SentencePiece's view of words).
type metaspace struct {
	replacement string
	prepend     string // "always", "first" or "never"
	splitWords  bool
}

func (m metaspace) split(words []string) []string {
	var out []string
	for i, w := range words {
		w = strings.ReplaceAll(w, " ", m.replacement)
		if (m.prepend == "always" || (m.prepend == "first" && i == 0)) && !strings.HasPrefix(w, m.replacement) {
			w = m.replacement + w
		}
		if !m.splitWords {
			out = append(out, w)
			continue
		}
		out = append(out, splitter{literal: m.replacement, behavior: "MergedWithNext"}.splitWord(w)...)
	}
	return out
}

// whitespace is the Whitespace (`\w+|[^\w\s]+`) and WhitespaceSplit pre-tokenizers.
type whitespace struct{ re *regexp.Regexp }

func (ws whitespace) split(words []string) []string {
	var out []string
	for _, w := range words {
		if ws.re == nil {
			out = append(out, strings.Fields(w)...)
			continue
		}
		out = append(out, ws.re.FindAllString(w, -1)...)
	}
	return out
}

func parsePreTokenizer(raw json.RawMessage) (preTokenizer, error) {
	if isNull(raw) {
		return preTokenizers(nil), nil
	}
	var p struct {
		Type           string            `json:"type"`
		PreTokenizers  []json.RawMessage `json:"pretokenizers"`
		Pattern        pattern           `json:"pattern"`
		Behavior       string            `json:"behavior"`
		Invert         bool              `json:"invert"`
		AddPrefixSpace *bool             `json:"add_prefix_space"`
		UseRegex       *bool             `json:"use_regex"`
		Replacement    string            `json:"replacement"`
		PrependScheme  string            `json:"prepend_scheme"`
		Split          *bool             `json:"split"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, err
	}
	switch p.Type {
	case "Sequence":
		var seq preTokenizers
		for _, sub := range p.PreTokenizers {
			s, err := parsePreTokenizer(sub)
			if err != nil {
				return nil, err
			}
			seq = append(seq, s)
		}
		return seq, nil
	case "Split":
		re, lit, err := p.Pattern.compile()
		if err != nil {
			return nil, err
		}
		switch p.Behavior {
		case "Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous":
		default:
			return nil, fmt.Errorf("unsupported split behavior %q", p.Behavior)
		}
		return splitter{re: re, literal: lit, behavior: p.Behavior, invert: p.Invert}, nil
	case "ByteLevel":
		return byteLevel{
			addPrefixSpace: p.AddPrefixSpace != nil && *p.AddPrefixSpace,
			useRegex:       p.UseRegex == nil || *p.UseRegex,
			table:          bytesToUnicode(),
		}, nil
	case "Metaspace":
		m := metaspace{replacement: p.Replacement, prepend: p.PrependScheme, splitWords: p.Split == nil || *p.Split}
		if m.replacement == "" {
			m.replacement = "▁"
		}
		if m.prepend == "" {
			m.prepend = "always"
			if p.AddPrefixSpace != nil && !*p.AddPrefixSpace {
				m.prepend = "never"
			}
		}
		return m, nil
	case "Whitespace":
		return whitespace{re: regexp.MustCompile(`\w+|[^\w\s]+`)}, nil
	case "WhitespaceSplit":
		return whitespace{}, nil
	}
	return nil, fmt.Errorf("unsupported pre-tokenizer %q", p.Type)
}
