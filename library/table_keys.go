package library

import "math/bits"

// keyIndex finds a row of the photo table by its photo's key: open addressing with linear probing over row
// numbers plus one (0 is an empty slot), at most half full. It holds no pointers and costs 8 bytes or less
// a row; a million rows go in in a few tens of milliseconds, where a Go map took ten times as long.
type keyIndex struct {
	slots []int32
	shift uint // a key's home slot is the top bits of its mixed key
	n     int
}

func (x *keyIndex) home(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> x.shift)
}

func (x *keyIndex) next(i int) int { return (i + 1) & (len(x.slots) - 1) }

// find returns the row of key.
func (x *keyIndex) find(rows []tableRow, key uint64) (int, bool) {
	if len(x.slots) == 0 {
		return 0, false
	}
	for i := x.home(key); ; i = x.next(i) {
		s := x.slots[i]
		if s == 0 {
			return 0, false
		}
		if rows[s-1].Key == key {
			return int(s - 1), true
		}
	}
}

// put adds row i, whose key is not in the index yet; it reports false when it was (a key twice).
func (x *keyIndex) put(rows []tableRow, i int) bool {
	if _, ok := x.find(rows, rows[i].Key); ok {
		return false
	}
	if 2*(x.n+1) > len(x.slots) {
		return x.build(rows[:i+1])
	}
	return x.insert(rows, i)
}

// insert adds row i into a slot of its run; it reports false when its key is there already.
func (x *keyIndex) insert(rows []tableRow, i int) bool {
	key := rows[i].Key
	j := x.home(key)
	for ; x.slots[j] != 0; j = x.next(j) {
		if rows[x.slots[j]-1].Key == key {
			return false
		}
	}
	x.slots[j] = int32(i + 1)
	x.n++
	return true
}

// build indexes rows afresh; it reports false when a key comes twice.
func (x *keyIndex) build(rows []tableRow) bool {
	size := 16
	for size < 2*len(rows) {
		size *= 2
	}
	x.slots, x.shift, x.n = make([]int32, size), uint(64-bits.TrailingZeros(uint(size))), 0
	for i := range rows {
		if !x.insert(rows, i) {
			return false
		}
	}
	return true
}

// remove takes key out, moving later entries of its run back so that no search stops short of them.
func (x *keyIndex) remove(rows []tableRow, key uint64) {
	if len(x.slots) == 0 {
		return
	}
	j := x.home(key)
	for ; x.slots[j] != 0 && rows[x.slots[j]-1].Key != key; j = x.next(j) {
	}
	if x.slots[j] == 0 {
		return
	}
	x.slots[j] = 0
	x.n--
	for k := x.next(j); x.slots[k] != 0; k = x.next(k) {
		h := x.home(rows[x.slots[k]-1].Key)
		// The entry at k may move to the hole at j unless its home lies cyclically in (j, k].
		if j < k && (h <= j || h > k) || j > k && h <= j && h > k {
			x.slots[j], x.slots[k] = x.slots[k], 0
			j = k
		}
	}
}

// moved notes that the row at from is now at to (rows[to] holds it).
func (x *keyIndex) moved(rows []tableRow, from, to int) {
	for j := x.home(rows[to].Key); x.slots[j] != 0; j = x.next(j) {
		if x.slots[j] == int32(from+1) {
			x.slots[j] = int32(to + 1)
			return
		}
	}
}
