package vectors

// Filter is the set of ids a search may return.
type Filter struct {
	ids map[uint64]struct{}
}

// NewFilter allows exactly ids.
func NewFilter(ids []uint64) *Filter {
	f := &Filter{ids: make(map[uint64]struct{}, len(ids))}
	for _, id := range ids {
		f.ids[id] = struct{}{}
	}
	return f
}

// Len is the number of allowed ids.
func (f *Filter) Len() int { return len(f.ids) }

// Allows reports whether id may be returned.
func (f *Filter) Allows(id uint64) bool {
	_, ok := f.ids[id]
	return ok
}
