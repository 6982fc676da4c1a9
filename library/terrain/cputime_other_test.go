//go:build !unix

package terrain

import "time"

func processCPU() time.Duration { return 0 }
