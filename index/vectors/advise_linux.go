package vectors

import "golang.org/x/sys/unix"

// adviseWillNeed asks the kernel to read a mapping ahead, so the first search after opening does not
// fault its pages in one by one. It is advice: failure changes nothing.
func adviseWillNeed(m []byte) {
	if len(m) > 0 {
		unix.Madvise(m, unix.MADV_WILLNEED)
	}
}
