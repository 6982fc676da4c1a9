//go:build !linux

package vectors

// adviseWillNeed has no portable equivalent beyond Linux; the pages are faulted in as they are read.
func adviseWillNeed([]byte) {}
