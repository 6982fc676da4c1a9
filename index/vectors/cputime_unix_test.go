//go:build unix

package vectors

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system: on a machine shared with other jobs
// the benchmarks report it beside the wall time, which the others' load inflates.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
