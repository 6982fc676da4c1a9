package tokenizer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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

// splitGPT2 splits as GPT-2's pattern does in Oniguruma,
// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// written out by hand because RE2 has no look-ahead: a run of spaces before a word leaves its last space to
// that word.
func splitGPT2(w string) []string {
	var out []string
	for i := 0; i < len(w); {
		n := gpt2Match(w[i:])
		out = append(out, w[i:i+n])
		i += n
	}
	return out
}

// gpt2Match returns the length of the pattern's match at the start of s (at least one character).
func gpt2Match(s string) int {
	for _, c := range []string{"'s", "'t", "'re", "'ve", "'m", "'ll", "'d"} {
		if strings.HasPrefix(s, c) {
			return len(c)
		}
	}
	for _, class := range []func(rune) bool{unicode.IsLetter, unicode.IsNumber, isOther} {
		start := 0
		if s[0] == ' ' {
			start = 1
		}
		if n := runLength(s[start:], class); n > 0 {
			return start + n
		}
	}
	run := runLength(s, unicode.IsSpace)
	if run < len(s) {
		// \s+(?!\S): give the last space of the run to what follows, unless the run is one space.
		if _, last := utf8.DecodeLastRuneInString(s[:run]); run > last {
			return run - last
		}
	}
	if run > 0 {
		return run
	}
	_, size := utf8.DecodeRuneInString(s)
	return size
}

func isOther(r rune) bool { return !unicode.IsSpace(r) && !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// runLength is the length in bytes of the run of characters in class at the start of s.
func runLength(s string, class func(rune) bool) int {
	for i, r := range s {
		if !class(r) {
			return i
		}
	}
	return len(s)
}

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
		re, err := compileOniguruma(`\w+|[^\w\s]+`)
		if err != nil {
			return nil, err
		}
		return whitespace{re: re}, nil
	case "WhitespaceSplit":
		return whitespace{}, nil
	}
	return nil, fmt.Errorf("unsupported pre-tokenizer %q", p.Type)
}
