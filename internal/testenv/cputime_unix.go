//go:build unix

package testenv

import (
	"syscall"
	"time"
)

// ProcessCPU is the CPU time the process has used, user and system. The machines benchmarks run on are
// shared, so they report it beside the wall time, which the neighbours' load inflates.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
