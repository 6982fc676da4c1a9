package vectors

import (
	"os"

	"golang.org/x/sys/unix"
)

// preload maps the first n bytes of the file into the process ahead of the searches that will read them,
// so the first scan after opening does not take a page fault for each row it touches (a scan of 40,000
// scattered rows of a million touches as many pages). MADV_POPULATE_READ (Linux 5.14) faults them in,
// reading from disk if need be; older kernels get MADV_WILLNEED, which only reads ahead into the page
// cache. It goes a chunk at a time under mapMu, so a grow or close waits for one chunk at most, and stops
// when the mapping has moved or gone. Failure changes nothing: it is advice.
func (r *rowFile) preload(n int) {
	const chunk = 32 << 20
	var base *byte
	for off := 0; off < n; off += chunk {
		r.mapMu.RLock()
		m := r.m
		if len(m) == 0 || (base != nil && &m[0] != base) {
			r.mapMu.RUnlock()
			return
		}
		base = &m[0]
		part := m[off:min(off+chunk, n, len(m))]
		err := unix.Madvise(part, unix.MADV_POPULATE_READ)
		if err != nil {
			unix.Madvise(m[off:min(n, len(m))], unix.MADV_WILLNEED)
		}
		r.mapMu.RUnlock()
		if err != nil {
			return
		}
	}
}

// willNeed asks the kernel to start reading the pages of the rows of slots, all at once: a rescoring reads a
// few hundred scattered float rows, and with the file out of the page cache (after a reboot, or when the
// system reclaimed it) each was one page fault waiting on the disk after another. MADV_WILLNEED only starts
// the reads; rows already in memory cost a system call each. The caller holds the mapping in place.
func (r *rowFile) willNeed(slots func(yield func(uint32) bool)) {
	page := os.Getpagesize()
	for s := range slots {
		i := headerSize + int(s)*r.rowSize
		if i+r.rowSize > len(r.m) {
			continue
		}
		lo := i &^ (page - 1)
		unix.Madvise(r.m[lo:i+r.rowSize], unix.MADV_WILLNEED)
	}
}
