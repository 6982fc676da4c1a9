package tokenizer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// bpe is a byte-pair-encoding model: a vocabulary and ranked merges, applied lowest rank first.
type bpe struct {
	vocab        *vocabulary
	merges       *pairTable
	unk          int // -1 when the model has no unknown token
	fuseUnk      bool
	byteFallback bool
	byteIDs      [256]int32 // <0xXX> tokens, -1 where missing
	ignoreMerges bool
	prefix       string // continuing_subword_prefix, put before every symbol but a word's first
	suffix       string // end_of_word_suffix, put after a word's last symbol
}

// bpeOptions are the small fields of a BPE model section.
type bpeOptions struct {
	Type         string  `json:"type"`
	UnkToken     *string `json:"unk_token"`
	FuseUnk      bool    `json:"fuse_unk"`
	ByteFallback bool    `json:"byte_fallback"`
	IgnoreMerges bool    `json:"ignore_merges"`
	Prefix       *string `json:"continuing_subword_prefix"`
	Suffix       *string `json:"end_of_word_suffix"`
	Dropout      *float64
}

// newBPE builds the model from its options and tables.
func newBPE(opts json.RawMessage, vocab *vocabulary, merges *pairTable) (*bpe, error) {
	var o bpeOptions
	if err := json.Unmarshal(opts, &o); err != nil {
		return nil, err
	}
	if o.Dropout != nil && *o.Dropout > 0 {
		return nil, fmt.Errorf("BPE dropout %g is for training, not encoding", *o.Dropout)
	}
	b := &bpe{vocab: vocab, merges: merges, unk: -1, fuseUnk: o.FuseUnk, byteFallback: o.ByteFallback,
		ignoreMerges: o.IgnoreMerges}
	if o.Prefix != nil {
		b.prefix = *o.Prefix
	}
	if o.Suffix != nil {
		b.suffix = *o.Suffix
	}
	if o.UnkToken != nil {
		id, ok := vocab.get(*o.UnkToken)
		if !ok {
			return nil, fmt.Errorf("unk_token %q not in vocab", *o.UnkToken)
		}
		b.unk = id
	}
	for i := range b.byteIDs {
		b.byteIDs[i] = -1
		if id, ok := vocab.get(fmt.Sprintf("<0x%02X>", i)); ok {
			b.byteIDs[i] = int32(id)
		}
	}
	return b, nil
}

// readMerges reads the merges, written either as "a b" strings (older files) or as ["a", "b"] pairs, and
// resolves them against the vocabulary.
func readMerges(raw []byte, vocab *vocabulary, prefix string) (*pairTable, error) {
	if isNull(raw) {
		return newPairTable(0), nil
	}
	type resolved struct{ left, right, rank, id int32 }
	var (
		merges             []resolved
		left, right, whole []byte
		n                  int
	)
	s := &scanner{data: raw}
	err := s.array(func() error {
		var err error
		if s.peek() == '[' {
			parts := 0
			err = s.array(func() error {
				var err error
				switch parts {
				case 0:
					left, err = s.appendStr(left[:0])
				case 1:
					right, err = s.appendStr(right[:0])
				default:
					_, err = s.str()
				}
				parts++
				return err
			})
			if err == nil && parts != 2 {
				err = fmt.Errorf("merge %d has %d parts, want 2", n, parts)
			}
		} else {
			if whole, err = s.appendStr(whole[:0]); err != nil {
				return err
			}
			sp := bytes.IndexByte(whole, ' ')
			if sp < 0 || bytes.IndexByte(whole[sp+1:], ' ') >= 0 {
				return fmt.Errorf("merge %d: %q is not two tokens", n, whole)
			}
			left, right = append(left[:0], whole[:sp]...), append(right[:0], whole[sp+1:]...)
		}
		if err != nil {
			return err
		}
		rank := n
		n++
		a, okA := vocab.getBytes(left)
		c, okC := vocab.getBytes(right)
		left = append(left, bytes.TrimPrefix(right, []byte(prefix))...)
		joined, okJ := vocab.getBytes(left)
		if okA && okC && okJ {
			merges = append(merges, resolved{int32(a), int32(c), int32(rank), int32(joined)})
		}
		// A merge whose parts or result are not tokens can never produce a valid symbol; it is left out
		// rather than failing the whole file.
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("merges: %w", err)
	}
	table := newPairTable(len(merges))
	for _, m := range merges {
		table.put(int(m.left), int(m.right), int(m.rank), int(m.id))
	}
	return table, nil
}

// readVocab reads the {"token": id, ...} object.
func readVocab(raw []byte) (*vocabulary, error) {
	b := newVocabBuilder(len(raw) / 16)
	s := &scanner{data: raw}
	if err := s.expect('{'); err != nil {
		return nil, err
	}
	if s.peek() == '}' {
		return b.build()
	}
	for {
		var err error
		if b.blob, err = s.appendStr(b.blob); err != nil {
			return nil, err
		}
		if err := s.expect(':'); err != nil {
			return nil, err
		}
		id, err := s.integer()
		if err != nil {
			return nil, err
		}
		b.endToken(id)
		switch s.peek() {
		case ',':
			s.pos++
			continue
		case '}':
			return b.build()
		}
		return nil, s.errorf("want , or }")
	}
}

// word encodes one pre-tokenized word, appending its ids to dst.
func (b *bpe) word(dst []int, w string) []int {
	if w == "" {
		return dst
	}
	if b.ignoreMerges {
		if id, ok := b.vocab.get(w); ok {
			return append(dst, id)
		}
	}
	m := merger{}
	m.initial(b, w)
	m.mergeAll(b.merges)
	for i := 0; i >= 0 && i < len(m.syms); i = int(m.syms[i].next) {
		dst = append(dst, int(m.syms[i].id))
	}
	return dst
}

// symbol is one token of a word being merged, in a linked list so merging is O(1).
type symbol struct {
	id         int32
	prev, next int32
	gone       bool
}

// candidate is a possible merge of the symbol at pos with the one after it.
type candidate struct {
	rank, pos, id int32
}

type merger struct {
	syms []symbol
	heap []candidate
}

func (m *merger) add(id int32) {
	n := int32(len(m.syms))
	m.syms = append(m.syms, symbol{id: id, prev: n - 1, next: n + 1})
}

// initial gives each character its id; a character outside the vocabulary becomes its UTF-8 bytes as
// <0xXX> tokens when the model has byte fallback, else the unknown token (consecutive ones fused when asked).
func (m *merger) initial(b *bpe, w string) {
	pendingUnk := false
	var key []byte
	for i := 0; i < len(w); {
		_, size := utf8.DecodeRuneInString(w[i:])
		key = key[:0]
		if i > 0 {
			key = append(key, b.prefix...)
		}
		key = append(key, w[i:i+size]...)
		if i+size == len(w) {
			key = append(key, b.suffix...)
		}
		i += size
		if id, ok := b.vocab.getBytes(key); ok {
			if pendingUnk {
				m.add(int32(b.unk))
				pendingUnk = false
			}
			m.add(int32(id))
			continue
		}
		if b.byteFallback && b.allBytes(key) {
			if pendingUnk {
				m.add(int32(b.unk))
				pendingUnk = false
			}
			for _, c := range key {
				m.add(b.byteIDs[c])
			}
			continue
		}
		if b.unk < 0 {
			continue
		}
		if pendingUnk && !b.fuseUnk {
			m.add(int32(b.unk))
		}
		pendingUnk = true
	}
	if pendingUnk {
		m.add(int32(b.unk))
	}
	if n := len(m.syms); n > 0 {
		m.syms[n-1].next = -1
	}
}

func (b *bpe) allBytes(s []byte) bool {
	for _, c := range s {
		if b.byteIDs[c] < 0 {
			return false
		}
	}
	return true
}

// mergeAll applies the lowest-ranked merge first (the leftmost among equals) until none applies, as Hugging
// Face's tokenizers do with a priority queue.
func (m *merger) mergeAll(merges *pairTable) {
	for i := 0; i+1 < len(m.syms); i++ {
		if rank, id, ok := merges.get(m.syms[i].id, m.syms[i+1].id); ok {
			m.push(candidate{rank, int32(i), id})
		}
	}
	for len(m.heap) > 0 {
		c := m.pop()
		s := &m.syms[c.pos]
		if s.gone || s.next < 0 {
			continue
		}
		next := &m.syms[s.next]
		if _, id, ok := merges.get(s.id, next.id); !ok || id != c.id {
			continue // the pair changed since this candidate was queued
		}
		s.id = c.id
		next.gone = true
		s.next = next.next
		if s.next >= 0 {
			m.syms[s.next].prev = c.pos
		}
		if s.prev >= 0 {
			if rank, id, ok := merges.get(m.syms[s.prev].id, s.id); ok {
				m.push(candidate{rank, s.prev, id})
			}
		}
		if s.next >= 0 {
			if rank, id, ok := merges.get(s.id, m.syms[s.next].id); ok {
				m.push(candidate{rank, c.pos, id})
			}
		}
	}
}

func (a candidate) less(b candidate) bool {
	return a.rank < b.rank || (a.rank == b.rank && a.pos < b.pos)
}

func (m *merger) push(c candidate) {
	h := append(m.heap, c)
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !h[i].less(h[parent]) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
	m.heap = h
}

func (m *merger) pop() candidate {
	h := m.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, min := 2*i+1, 2*i+2, i
		if l < len(h) && h[l].less(h[min]) {
			min = l
		}
		if r < len(h) && h[r].less(h[min]) {
			min = r
		}
		if min == i {
			break
		}
		h[i], h[min] = h[min], h[i]
		i = min
	}
	m.heap = h
	return top
}
