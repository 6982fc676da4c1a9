//go:build !linux

package vectors

// preload has no portable equivalent beyond Linux; the pages are faulted in as searches read them.
func (r *rowFile) preload(int) {}
