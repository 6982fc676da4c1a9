package library

import "math/bits"

// rowSet is a set of rows, or of places in the order newest first, as one bit each: a million rows are
// 125 KB, which the caches hold, so marking rows in any order and reading them back in order is cheap.
type rowSet []uint64

func newRowSet(n int) rowSet { return make(rowSet, (n+63)/64) }

// add puts i in the set and reports whether it was not there yet.
func (s rowSet) add(i int32) bool {
	w, b := i/64, uint64(1)<<(i%64)
	if s[w]&b != 0 {
		return false
	}
	s[w] |= b
	return true
}

func (s rowSet) has(i int32) bool { return s[i/64]&(1<<(i%64)) != 0 }

// each calls fn with every member from lo up to hi, ascending, skipping empty words whole.
func (s rowSet) each(lo, hi int, fn func(i int)) {
	for w := lo / 64; w*64 < hi; w++ {
		word := s[w]
		if w == lo/64 {
			word &^= 1<<(lo%64) - 1
		}
		for word != 0 {
			i := w*64 + bits.TrailingZeros64(word)
			if i >= hi {
				return
			}
			fn(i)
			word &= word - 1
		}
	}
}

// eachDown calls fn with every member from hi-1 down to lo.
func (s rowSet) eachDown(lo, hi int, fn func(i int)) {
	if hi <= lo {
		return
	}
	for w := (hi - 1) / 64; w >= 0 && w*64+63 >= lo; w-- {
		word := s[w]
		if w == (hi-1)/64 && hi%64 != 0 {
			word &= 1<<(hi%64) - 1
		}
		for word != 0 {
			top := 63 - bits.LeadingZeros64(word)
			i := w*64 + top
			if i < lo {
				return
			}
			fn(i)
			word &^= 1 << top
		}
	}
}
