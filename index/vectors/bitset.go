package vectors

import "math/bits"

// bitset is a growable set of slots, one bit each: the tombstone map (a clear bit is a tombstone)
// and the slot form of a search filter.
type bitset []uint64

func (b bitset) has(i uint32) bool {
	w := int(i / 64)
	return w < len(b) && b[w]&(1<<(i%64)) != 0
}

func (b *bitset) set(i uint32) {
	w := int(i / 64)
	for len(*b) <= w {
		*b = append(*b, 0)
	}
	(*b)[w] |= 1 << (i % 64)
}

func (b bitset) clear(i uint32) {
	if w := int(i / 64); w < len(b) {
		b[w] &^= 1 << (i % 64)
	}
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// words returns exactly the words covering n bits.
func (b bitset) words(n int) []uint64 {
	out := make([]uint64, (n+63)/64)
	copy(out, b)
	return out
}
