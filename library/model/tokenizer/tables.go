package tokenizer

import (
	"fmt"
	"math/bits"
)

// vocabulary maps tokens to ids with an open-addressing hash table over one string of all tokens. Unlike a
// Go map it is a few flat slices, which the binary cache (cache.go) stores and reloads as they are.
type vocabulary struct {
	blob    string   // every token, back to back
	offsets []uint32 // entry i is blob[offsets[i]:offsets[i+1]]
	ids     []int32  // entry i's id
	slots   []int32  // entry index + 1 at the slot its hash probes to; 0 is empty
}

// vocabBuilder collects entries before the table is sized.
type vocabBuilder struct {
	blob    []byte
	offsets []uint32
	ids     []int32
}

func newVocabBuilder(sizeHint int) *vocabBuilder {
	return &vocabBuilder{offsets: make([]uint32, 1, sizeHint+1), ids: make([]int32, 0, sizeHint)}
}

// endToken closes the token whose bytes were appended to blob since the last call.
func (b *vocabBuilder) endToken(id int) {
	b.offsets = append(b.offsets, uint32(len(b.blob)))
	b.ids = append(b.ids, int32(id))
}

func (b *vocabBuilder) add(token string, id int) {
	b.blob = append(b.blob, token...)
	b.endToken(id)
}

// build makes the table. A token listed twice keeps its last id, as a JSON object decoded into a map does.
func (b *vocabBuilder) build() (*vocabulary, error) {
	if len(b.blob) >= 1<<32 {
		return nil, fmt.Errorf("vocabulary larger than 4 GB")
	}
	v := &vocabulary{blob: string(b.blob), offsets: b.offsets, ids: b.ids}
	v.slots = make([]int32, tableSize(len(b.ids)))
	for i := range v.ids {
		tok := v.token(i)
		slot, found := v.find(tok)
		if found {
			v.ids[v.slots[slot]-1] = v.ids[i]
			continue
		}
		v.slots[slot] = int32(i + 1)
	}
	return v, nil
}

// tableSize is a power of two at least 4n/3: a load of at most ¾ keeps linear probes short.
func tableSize(n int) int {
	return 1 << bits.Len(uint(n+n/3))
}

func (v *vocabulary) token(i int) string { return v.blob[v.offsets[i]:v.offsets[i+1]] }

func (v *vocabulary) len() int { return len(v.ids) }

// find returns the slot holding s, or the empty slot where it would go.
func (v *vocabulary) find(s string) (int, bool) {
	mask := len(v.slots) - 1
	for slot := int(fnv(s)) & mask; ; slot = (slot + 1) & mask {
		e := v.slots[slot]
		if e == 0 {
			return slot, false
		}
		if v.token(int(e-1)) == s {
			return slot, true
		}
	}
}

// get returns the id of token s.
func (v *vocabulary) get(s string) (int, bool) {
	if len(v.slots) == 0 {
		return 0, false
	}
	slot, ok := v.find(s)
	if !ok {
		return 0, false
	}
	return int(v.ids[v.slots[slot]-1]), true
}

// getBytes is get for a token held in a byte slice, without allocating.
func (v *vocabulary) getBytes(b []byte) (int, bool) {
	if len(v.slots) == 0 {
		return 0, false
	}
	mask := len(v.slots) - 1
	for slot := int(fnvBytes(b)) & mask; ; slot = (slot + 1) & mask {
		e := v.slots[slot]
		if e == 0 {
			return 0, false
		}
		if v.token(int(e-1)) == string(b) {
			return int(v.ids[e-1]), true
		}
	}
}

func fnvBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// fnv is FNV-1a: stable across processes, so the cached table stays valid.
func fnv(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// pairTable maps a pair of token ids to the merge that joins them: its rank and the joined token's id.
// Key and value sit side by side so that a probe touches one cache line.
type pairTable struct {
	slots []pairSlot
	shift uint // 64 − log2(len(slots))
}

type pairSlot struct {
	key uint64 // left<<32 | right; emptyKey when free
	val uint64 // rank<<32 | id
}

const emptyKey = ^uint64(0)

func newPairTable(n int) *pairTable {
	size := tableSize(n)
	t := &pairTable{slots: make([]pairSlot, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	for i := range t.slots {
		t.slots[i].key = emptyKey
	}
	return t
}

func pairKey(left, right int) uint64 { return uint64(uint32(left))<<32 | uint64(uint32(right)) }

func (t *pairTable) slot(key uint64) int {
	mask := uint64(len(t.slots) - 1)
	// Fibonacci hashing: the product's high bits mix every bit of the key.
	for slot := (key * 0x9E3779B97F4A7C15) >> t.shift; ; slot = (slot + 1) & mask {
		if k := t.slots[slot].key; k == key || k == emptyKey {
			return int(slot)
		}
	}
}

// put sets the merge of (left, right); a later merge of the same pair replaces an earlier one, as in
// Hugging Face's tokenizers, which collect the merges into a map.
func (t *pairTable) put(left, right, rank, id int) {
	key := pairKey(left, right)
	t.slots[t.slot(key)] = pairSlot{key, uint64(uint32(rank))<<32 | uint64(uint32(id))}
}

// get returns the rank of the merge of (left, right) and the id it makes.
func (t *pairTable) get(left, right int32) (rank, id int32, ok bool) {
	if len(t.slots) == 0 {
		return 0, 0, false
	}
	s := &t.slots[t.slot(pairKey(int(left), int(right)))]
	if s.key == emptyKey {
		return 0, 0, false
	}
	return int32(s.val >> 32), int32(uint32(s.val)), true
}
