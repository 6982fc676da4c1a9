//go:build !unix

package testenv

import "time"

// ProcessCPU is not measured outside Unix; benchmarks then report zero CPU time.
func ProcessCPU() time.Duration { return 0 }
