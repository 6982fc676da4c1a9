package vectors

import (
	"errors"
	"math/bits"
)

// Filter is the set of ids a search may return: either a set of keys (NewFilter), or a set of rows of a
// KeyMap, which is a bitset of slots made with no lookup per allowed id.
type Filter struct {
	ids  map[uint64]struct{} // by key; nil for a filter of rows
	rows *KeyMap
	set  bitset // the allowed slots of a filter of rows
	n    int
}

// NewFilter allows exactly ids.
func NewFilter(ids []uint64) *Filter {
	f := &Filter{ids: make(map[uint64]struct{}, len(ids))}
	for _, id := range ids {
		f.ids[id] = struct{}{}
	}
	return f
}

// Len is the number of allowed ids (of a filter of rows: of allowed rows that have a vector).
func (f *Filter) Len() int {
	if f.rows != nil {
		return f.n
	}
	return len(f.ids)
}

// Allows reports whether id may be returned. For a filter of rows it looks the id up in the index, which
// must not be locked by the caller.
func (f *Filter) Allows(id uint64) bool {
	if f.rows != nil {
		f.rows.ix.mu.RLock()
		defer f.rows.ix.mu.RUnlock()
		s, ok := f.rows.ix.ids[id]
		return ok && f.set.has(s)
	}
	_, ok := f.ids[id]
	return ok
}

// ErrStaleFilter is returned by a search whose filter of rows was made from a KeyMap of an earlier state of
// the index: its slots may have moved. Make the KeyMap again and retry.
var ErrStaleFilter = errors.New("vectors: the filter's key map is older than the index")

// KeyMap is the slots of a caller's list of keys (its rows, by number) at one state of the index, so that
// a filter by row number costs a bit per allowed row and no lookup. Any change of the index (a put, a
// delete, a compaction) makes it stale, and Search then refuses its filters (ErrStaleFilter) rather than
// answer from slots that may have moved.
type KeyMap struct {
	ix     *Index
	epoch  uint64
	slots  []int32 // by row; -1 where the key has no vector
	nslots int
}

// KeyMap maps keys, the caller's rows in order, to their slots as the index is now.
func (ix *Index) KeyMap(keys []uint64) *KeyMap {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	m := &KeyMap{ix: ix, epoch: ix.epoch.Load(), slots: make([]int32, len(keys)), nslots: ix.st.slots()}
	for i, k := range keys {
		m.slots[i] = -1
		if s, ok := ix.ids[k]; ok {
			m.slots[i] = int32(s)
		}
	}
	return m
}

// Current reports whether the index has not changed since m was made.
func (m *KeyMap) Current() bool { return m.epoch == m.ix.epoch.Load() }

// Filter returns a filter that allows no row yet; AllowRow adds rows.
func (m *KeyMap) Filter() *Filter {
	return &Filter{rows: m, set: make(bitset, (m.nslots+63)/64)}
}

// AllowRow lets the vector of the map's row i through; a row without a vector adds nothing.
func (f *Filter) AllowRow(i int) {
	if s := f.rows.slots[i]; s >= 0 && !f.set.has(uint32(s)) {
		f.set.set(uint32(s))
		f.n++
	}
}

// allowedSlots lists the slots a filter allows; the caller holds ix.mu.
func (ix *Index) allowedSlots(allow *Filter) []uint32 {
	slots := make([]uint32, 0, min(allow.Len(), len(ix.ids)))
	if allow.rows != nil {
		for w, word := range allow.set {
			for ; word != 0; word &= word - 1 {
				slots = append(slots, uint32(w*64+bits.TrailingZeros64(word)))
			}
		}
		return slots
	}
	if allow.Len() < len(ix.ids) {
		for id := range allow.ids {
			if s, ok := ix.ids[id]; ok {
				slots = append(slots, s)
			}
		}
		return slots
	}
	for id, s := range ix.ids {
		if _, ok := allow.ids[id]; ok {
			slots = append(slots, s)
		}
	}
	return slots
}
