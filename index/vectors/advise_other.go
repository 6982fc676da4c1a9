//go:build !linux

package vectors

// preload has no portable equivalent beyond Linux; the pages are faulted in as searches read them.
func (r *rowFile) preload(int) {}

// willNeed has no portable equivalent beyond Linux; the rows are read as the rescoring touches them.
func (r *rowFile) willNeed(func(yield func(uint32) bool)) {}
