package tokenizer

import (
	"encoding/json"
	"fmt"
	"strings"
)

// bpe is a byte-pair-encoding model: a vocabulary and ranked merges, applied lowest rank first.
type bpe struct {
	vocab        map[string]int
	merges       map[[2]int]merge
	unk          int // -1 when the model has no unknown token
	fuseUnk      bool
	byteFallback bool
	ignoreMerges bool
	prefix       string // continuing_subword_prefix, put before every symbol but a word's first
	suffix       string // end_of_word_suffix, put after a word's last symbol
}

type merge struct {
	rank int
	id   int
}

func parseBPE(raw json.RawMessage) (*bpe, error) {
	var m struct {
		Type         string          `json:"type"`
		Vocab        map[string]int  `json:"vocab"`
		Merges       json.RawMessage `json:"merges"`
		UnkToken     *string         `json:"unk_token"`
		FuseUnk      bool            `json:"fuse_unk"`
		ByteFallback bool            `json:"byte_fallback"`
		IgnoreMerges bool            `json:"ignore_merges"`
		Prefix       *string         `json:"continuing_subword_prefix"`
		Suffix       *string         `json:"end_of_word_suffix"`
	}
	// Sizing the map up front (≈ one token per 64 bytes of a real file) saves rehashing 256k entries.
	m.Vocab = make(map[string]int, len(raw)/64)
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	if m.Type != "BPE" {
		return nil, fmt.Errorf("unsupported model %q (only BPE)", m.Type)
	}
	b := &bpe{vocab: m.Vocab, merges: make(map[[2]int]merge, len(m.Merges)), unk: -1,
		fuseUnk: m.FuseUnk, byteFallback: m.ByteFallback, ignoreMerges: m.IgnoreMerges}
	if m.Prefix != nil {
		b.prefix = *m.Prefix
	}
	if m.Suffix != nil {
		b.suffix = *m.Suffix
	}
	if m.UnkToken != nil {
		id, ok := b.vocab[*m.UnkToken]
		if !ok {
			return nil, fmt.Errorf("unk_token %q not in vocab", *m.UnkToken)
		}
		b.unk = id
	}
	merges, err := parseMerges(m.Merges)
	if err != nil {
		return nil, err
	}
	for rank, pair := range merges {
		left, right := pair[0], pair[1]
		a, okA := b.vocab[left]
		c, okC := b.vocab[right]
		joined, okJ := b.vocab[left+strings.TrimPrefix(right, b.prefix)]
		if !okA || !okC || !okJ {
			// Some exports (Gemma's) list merges whose parts or result are not tokens; such a merge can
			// never produce a valid symbol, so it is left out rather than failing the whole file.
			continue
		}
		if _, dup := b.merges[[2]int{a, c}]; !dup {
			b.merges[[2]int{a, c}] = merge{rank: rank, id: joined}
		}
	}
	return b, nil
}

// parseMerges reads the merges, written either as "a b" strings (older files) or as ["a", "b"] pairs,
// in one decoding pass (a large vocabulary has hundreds of thousands).
func parseMerges(raw json.RawMessage) ([][2]string, error) {
	if isNull(raw) {
		return nil, nil
	}
	var pairs [][2]string
	if err := json.Unmarshal(raw, &pairs); err == nil {
		return pairs, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, fmt.Errorf("merges are neither \"a b\" strings nor [a, b] pairs: %w", err)
	}
	pairs = make([][2]string, len(lines))
	for i, line := range lines {
		left, right, ok := strings.Cut(line, " ")
		if !ok {
			return nil, fmt.Errorf("merge %d: %q is not two tokens", i, line)
		}
		pairs[i] = [2]string{left, right}
	}
	return pairs, nil
}

// word encodes one pre-tokenized word.
func (b *bpe) word(w string) []int {
	if w == "" {
		return nil
	}
	if b.ignoreMerges {
		if id, ok := b.vocab[w]; ok {
			return []int{id}
		}
	}
	symbols := b.initialSymbols(w)
	for {
		best, at := merge{rank: -1}, -1
		for i := 0; i+1 < len(symbols); i++ {
			m, ok := b.merges[[2]int{symbols[i], symbols[i+1]}]
			if ok && (best.rank < 0 || m.rank < best.rank) {
				best, at = m, i
			}
		}
		if at < 0 {
			return symbols
		}
		symbols[at] = best.id
		symbols = append(symbols[:at+1], symbols[at+2:]...)
	}
}

// initialSymbols gives each character its id; a character outside the vocabulary becomes its UTF-8 bytes
// as <0xXX> tokens when the model has byte fallback, else the unknown token (consecutive ones fused).
func (b *bpe) initialSymbols(w string) []int {
	runes := []rune(w)
	var ids []int
	lastUnk := false
	for i, r := range runes {
		s := string(r)
		if i > 0 {
			s = b.prefix + s
		}
		if i == len(runes)-1 {
			s += b.suffix
		}
		if id, ok := b.vocab[s]; ok {
			ids = append(ids, id)
			lastUnk = false
			continue
		}
		if b.byteFallback {
			if bytes, ok := b.byteTokens(string(r)); ok {
				ids = append(ids, bytes...)
				lastUnk = false
				continue
			}
		}
		if b.unk < 0 || (b.fuseUnk && lastUnk) {
			continue
		}
		ids = append(ids, b.unk)
		lastUnk = true
	}
	return ids
}

func (b *bpe) byteTokens(s string) ([]int, bool) {
	ids := make([]int, 0, len(s))
	for i := 0; i < len(s); i++ {
		id, ok := b.vocab[fmt.Sprintf("<0x%02X>", s[i])]
		if !ok {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}
